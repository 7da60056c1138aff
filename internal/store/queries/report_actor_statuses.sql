-- report_actor_statuses: every recommendation's actors' latest statuses on
-- :as_of as known at :known_at (actor_statuses for them all), in the
-- recommendations' order, then the actors' as show lists them.
SELECT u.recommendation_id, u.actor, u.status, u.as_of,
    EXISTS (SELECT 1 FROM recommendation_actors a WHERE a.recommendation_id = u.recommendation_id AND a.actor = u.actor) AS addressed
FROM updates u JOIN recommendations r ON r.id = u.recommendation_id
WHERE
-- include: actor_latest
ORDER BY r.position, COALESCE((SELECT min(a.position) FROM recommendation_actors a WHERE a.recommendation_id = u.recommendation_id AND a.actor = u.actor), 1000000),
    u.actor
