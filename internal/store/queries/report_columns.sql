-- report_columns: what a report adds to a list row: the latest note that
-- counts on :as_of as known at :known_at and the evidence that counts then, each in the order of
-- state_on: by date, then recording time and uid, never by local id. The
-- note of a private update, private evidence and the evidence of a private
-- update count only if :include_private. The evidence is one text, as the
-- owners of current_state are: each piece's ref, title, date and private
-- flag joined by char(31), the pieces by char(30), characters that one-line
-- values refuse; NULL without evidence. (As JSON, decoding it was a tenth of
-- a 100k report's time.) A ref or title that holds one all the same (a file
-- edited by hand, a row a member inserted on PostgreSQL, both of which db
-- check flags) shows U+FFFD there rather than breaking every report.
    , (SELECT json_array(u.note, u.as_of) FROM updates u
        WHERE u.recommendation_id = r.id AND u.as_of <= :as_of AND u.note <> ''
        AND (u.private = 0 OR :include_private)
-- include: update_counts
        ORDER BY u.as_of DESC, u.recorded_at DESC, u.uid DESC LIMIT 1)
    , (SELECT group_concat(replace(replace(ref, char(30), char(65533)), char(31), char(65533)) || char(31)
            || replace(replace(title, char(30), char(65533)), char(31), char(65533)) || char(31) || date || char(31) || private, char(30))
        FROM (SELECT * FROM evidence e WHERE e.recommendation_id = r.id
-- include: evidence_counts
-- include: evidence_shown
            ORDER BY e.date, e.recorded_at, e.uid))
