-- detail_updates: the updates of recommendation :id, oldest first (in the
-- order of state_on), each with
-- its retraction if any.
SELECT u.id, u.status, u.note, u.as_of, u.by, u.recorded_at, x.id, x.reason, x.as_of, x.by, x.recorded_at
FROM updates u LEFT JOIN retractions x ON x.update_id = u.id
WHERE u.recommendation_id = :id ORDER BY u.as_of, u.recorded_at, u.uid
