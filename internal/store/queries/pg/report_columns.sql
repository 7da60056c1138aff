-- report_columns on PostgreSQL: json_agg (NULL without rows, hence the
-- COALESCE) takes the order itself; the rest as queries/report_columns.sql.
    , (SELECT json_build_array(u.note, u.as_of) FROM updates u
        WHERE u.recommendation_id = r.id AND u.as_of <= :as_of AND u.note <> ''
        AND (u.private = 0 OR :include_private)
-- include: update_counts
        ORDER BY u.as_of DESC, u.recorded_at DESC, u.uid DESC LIMIT 1)
    , (SELECT COALESCE(json_agg(json_build_object('ref', ref, 'title', title, 'date', date, 'private', private = 1)
            ORDER BY date, recorded_at, uid), '[]')
        FROM (SELECT * FROM evidence e WHERE e.recommendation_id = r.id
-- include: evidence_counts
-- include: evidence_shown
            ) AS shown)
