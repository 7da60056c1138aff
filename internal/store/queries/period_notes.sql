-- period_notes: every note of recommendation :id that counts on :as_of and
-- is dated on or after :since, oldest first (the order of state_on), for
-- rtp report --detail full. Private notes only if :include_private; as
-- known at :known_at, as in report_columns: received by then, and not
-- retracted by then.
SELECT u.as_of, u.by, u.note FROM updates u
WHERE u.recommendation_id = :id AND u.as_of >= :since AND u.as_of <= :as_of AND u.note <> ''
    AND (u.private = 0 OR :include_private)
-- include: update_counts
ORDER BY u.as_of, u.recorded_at, u.uid
