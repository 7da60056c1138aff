-- report_columns on PostgreSQL: string_agg takes the order itself; the rest
-- as queries/report_columns.sql.
    , (SELECT json_build_array(u.note, u.as_of) FROM updates u
        WHERE u.recommendation_id = r.id AND u.as_of <= :as_of AND u.note <> ''
        AND (u.private = 0 OR :include_private)
-- include: update_counts
        ORDER BY u.as_of DESC, u.recorded_at DESC, u.uid DESC LIMIT 1)
    , (SELECT string_agg(translate(ref, chr(30) || chr(31), chr(65533) || chr(65533)) || chr(31)
            || translate(title, chr(30) || chr(31), chr(65533) || chr(65533)) || chr(31) || date || chr(31) || private, chr(30)
            ORDER BY date, recorded_at, uid)
        FROM (SELECT * FROM evidence e WHERE e.recommendation_id = r.id
-- include: evidence_counts
-- include: evidence_shown
            ) AS shown)
