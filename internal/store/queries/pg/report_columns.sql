-- report_columns on PostgreSQL: the same columns, as JSON texts built with
-- json_build_array and json_agg (SQLite's json_array and json_group_array);
-- the aggregate is ordered itself, as state_on orders, and an empty one is [].
    , (SELECT json_build_array(u.note, u.as_of)::text FROM updates u
        WHERE u.recommendation_id = r.id AND u.as_of <= :as_of AND u.note <> ''
        AND (u.private = 0 OR :include_private)
-- include: update_counts
        ORDER BY u.as_of DESC, u.recorded_at DESC, u.uid DESC LIMIT 1)
    , (SELECT COALESCE(json_agg(json_build_object('ref', ref, 'title', title, 'date', date,
            'private', private = 1) ORDER BY date, recorded_at, uid), '[]')::text
        FROM (SELECT * FROM evidence e WHERE e.recommendation_id = r.id
-- include: evidence_counts
-- include: evidence_shown
            ) AS shown)
