-- web_owner_changes: a recommendation's assignments and unassignments dated
-- on or before :as_of, by as-of date, then as recorded (ties by uid, never by
-- local id, so that merged trackers agree). The index
-- assignments_by_recommendation finds them without reading the others.
SELECT owner, COALESCE(role, ''), as_of, by
FROM assignments
WHERE recommendation_id = :id AND as_of <= :as_of
ORDER BY as_of, recorded_at, uid
