-- report_columns: what a report adds to a list row: the latest note that
-- counts on :as_of as known at :known_at and the evidence that counts then, each in the order of
-- state_on: by date, then recording time and uid, never by local id. The
-- note of a private update, private evidence and the evidence of a private
-- update count only if :include_private.
    , (SELECT json_array(n.note, n.as_of) FROM updates n
        WHERE n.recommendation_id = r.id AND n.as_of <= :as_of AND n.note <> ''
        AND (n.private = 0 OR :include_private)
        AND n.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = n.id AND x.received_at <= :known_at)
        ORDER BY n.as_of DESC, n.recorded_at DESC, n.uid DESC LIMIT 1)
    , (SELECT json_group_array(json_object('ref', ref, 'title', title, 'date', date,
            'private', json(CASE private WHEN 1 THEN 'true' ELSE 'false' END)))
        FROM (SELECT * FROM evidence e WHERE e.recommendation_id = r.id
-- include: evidence_counts
-- include: evidence_shown
            ORDER BY e.date, e.recorded_at, e.uid))
