-- owner_on: the latest assignment row on :as_of of the owner whose
-- owner_key (rtp.OwnerKey) is :owner_key, of recommendation :id, by (as_of, recorded_at, uid)
-- as state_on orders them. The owner is in force, with that spelling and
-- role, when it assigns: the choice state_on makes for each owner of a
-- recommendation, made here for one owner by a seek on
-- assignments_by_recommendation that sorts only the rows of its latest day,
-- where listing them all costs as many rows as the recommendation has
-- assignments, on every row of an import. TestOneOwnerFollowsTheRule holds
-- the two to the same answers.
SELECT a.owner, a.action, COALESCE(a.role, '') FROM assignments a
WHERE a.recommendation_id = :id AND a.owner_key = :owner_key AND a.as_of <= :as_of
ORDER BY a.as_of DESC, a.recorded_at DESC, a.uid DESC LIMIT 1
