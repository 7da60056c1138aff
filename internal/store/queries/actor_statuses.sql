-- actor_statuses: the latest status of each actor of recommendation :id on
-- :as_of as known at :known_at, from the updates about it (actor not NULL).
-- Actors are listed as the recommendation names them, then those added
-- knowingly, by name; addressed is 0 for an added one.
SELECT u.actor, u.status, u.as_of,
    EXISTS (SELECT 1 FROM recommendation_actors a WHERE a.recommendation_id = u.recommendation_id AND a.actor = u.actor) AS addressed
FROM updates u
WHERE u.recommendation_id = :id AND
-- include: actor_latest
ORDER BY COALESCE((SELECT min(a.position) FROM recommendation_actors a WHERE a.recommendation_id = u.recommendation_id AND a.actor = u.actor), 1000000),
    u.actor
