-- actor_statuses: the latest status of each actor of recommendation :id on
-- :as_of as known at :known_at, from the updates about it (actor not NULL),
-- by the order of state_on: (as_of, recorded_at, uid), retracted ones left
-- out. Actors are listed as the recommendation names them, then those added
-- knowingly; addressed is 0 for an added one (or one no longer in either).
SELECT u.actor, u.status, u.as_of,
    EXISTS (SELECT 1 FROM recommendation_actors a WHERE a.recommendation_id = u.recommendation_id AND a.actor = u.actor) AS addressed
FROM updates u
WHERE u.recommendation_id = :id AND u.actor IS NOT NULL AND u.as_of <= :as_of AND u.received_at <= :known_at
    AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = u.id AND x.received_at <= :known_at)
    AND NOT EXISTS (SELECT 1 FROM updates b WHERE b.recommendation_id = u.recommendation_id AND b.actor = u.actor
        AND b.as_of <= :as_of AND b.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions y WHERE y.update_id = b.id AND y.received_at <= :known_at)
        AND (b.as_of, b.recorded_at, b.uid) > (u.as_of, u.recorded_at, u.uid))
ORDER BY COALESCE((SELECT min(a.position) FROM recommendation_actors a WHERE a.recommendation_id = u.recommendation_id AND a.actor = u.actor), 1000000),
    u.actor
