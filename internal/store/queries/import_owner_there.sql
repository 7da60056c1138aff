-- import_owner_there: an assignment already recorded that an imported row
-- would record again: the same recommendation :id, owner (:owner_key,
-- rtp.OwnerKey, under any of its names: owner_keys), role :role and day
-- :as_of. A seek per name on assignments_by_recommendation
-- (recommendation_id, owner_key, as_of).
-- It gives the owner's name as the history spells it.
SELECT a.owner FROM assignments a
WHERE a.recommendation_id = :id AND a.owner_key IN (
-- include: owner_keys
) AND a.as_of = :as_of
  AND a.action = 'assign' AND a.role = :role
LIMIT 1
