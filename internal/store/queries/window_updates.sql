-- window_updates: every update that gives the recommendation a status (not
-- an actor one), dated from :since to
-- :as_of and counting as known at :known_at (update_counts), with prev:
-- the status of the update before it that counts, in state_on's order
-- ('unassessed' before the first), one seek back along
-- updates_by_recommendation, not a pass over every update as changes'
-- window function makes.
SELECT u.*, COALESCE((
    SELECT p.status FROM updates p
    WHERE p.recommendation_id = u.recommendation_id AND (p.as_of, p.recorded_at, p.uid) < (u.as_of, u.recorded_at, u.uid)
        AND p.note_only = 0 AND p.actor IS NULL AND p.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = p.id AND x.received_at <= :known_at)
    ORDER BY p.as_of DESC, p.recorded_at DESC, p.uid DESC LIMIT 1), 'unassessed') AS prev
FROM updates u
WHERE u.as_of >= :since AND u.as_of <= :as_of AND u.note_only = 0 AND u.actor IS NULL
-- include: update_counts
