-- The target in force on :day for every recommendation that has one, as
-- known at :known_at: the latest target entry dated on or before the day,
-- by (as_of, recorded_at, uid); an entry that dropped the target (due NULL)
-- leaves none. :id narrows it to one recommendation ('' for all).
SELECT uid, recommendation_id, due, status, note, as_of, by, recorded_at
FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t.recommendation_id
        ORDER BY t.as_of DESC, t.recorded_at DESC, t.uid DESC) AS latest
    FROM targets t
    WHERE t.as_of <= :day AND t.received_at <= :known_at
      AND (:id = '' OR t.recommendation_id = :id)
) AS entries
WHERE latest = 1 AND due IS NOT NULL
ORDER BY due, recommendation_id
