-- owner_on: the latest assignment row on :as_of of the owner whose
-- owner_key (rtp.OwnerKey) is :owner_key, under any of its names (renames,
-- owner_identities), of recommendation :id, by (as_of, recorded_at, uid)
-- as state_on orders them, with the owner's name on the day as state_on
-- gives it. The owner is in force, with that name and role, when it assigns: the choice state_on makes for each owner of a
-- recommendation, made here for one owner by a seek per name on
-- assignments_by_recommendation that sorts only the rows of its latest day,
-- where listing them all costs as many rows as the recommendation has
-- assignments, on every row of an import. TestOneOwnerFollowsTheRule holds
-- the two to the same answers. It is asked as known now, by a write, so
-- every rename counts (state_on with :known_at after any stamp).
SELECT COALESCE(n.new_name, f.old_name, a.owner), a.action, COALESCE(a.role, '') FROM assignments a
LEFT JOIN owner_identities i ON i.key = a.owner_key
LEFT JOIN owner_renames n ON n.id = (SELECT m.id FROM owner_renames m JOIN owner_identities j ON j.key = m.new_key
    WHERE j.identity = i.identity AND m.as_of <= :as_of ORDER BY m.as_of DESC, m.recorded_at DESC, m.uid DESC LIMIT 1)
LEFT JOIN owner_renames f ON f.id = (SELECT m.id FROM owner_renames m WHERE m.old_key = i.identity
    ORDER BY m.as_of, m.recorded_at, m.uid LIMIT 1)
WHERE a.recommendation_id = :id AND a.owner_key IN (
-- include: owner_keys
) AND a.as_of <= :as_of
ORDER BY a.as_of DESC, a.recorded_at DESC, a.uid DESC LIMIT 1
