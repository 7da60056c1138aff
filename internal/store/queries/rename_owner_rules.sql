-- rename_owner_rules: what is wrong between the owner renames and the
-- assignments, as rules on the whole set of entries, so that every merge
-- order and direction gives the same answer, and db check, a merge and
-- rtp owner rename agree. A rename must not join two owners: its new name
-- has no assignment of its own (by owner_key, not through a rename) dated
-- before the rename (rtp assign refuses one: the name was not the renamed
-- owner's yet). Dates, not recording times, because an entry's recorded_at
-- is its own tracker's clock and says nothing of what that tracker had
-- merged; on the rename's own day an assignment of the new name is taken
-- for the renamed owner. And a rename renames an owner: one of the old
-- name's keys (that key and the old names renames gave it, followed back)
-- has an assignment on or before the rename's date. One line per broken rename and rule, the first
-- offending assignment named.
WITH RECURSIVE old_keys(rename_id, key) AS (
    SELECT id, old_key FROM owner_renames
    UNION SELECT k.rename_id, p.old_key FROM old_keys k JOIN owner_renames p ON p.new_key = k.key
)
SELECT 'rename ' || r.uid || ' (' || quote(r.old_name) || ' to ' || quote(r.new_name) || ' from ' || r.as_of
    || ') would join two owners: ' || quote(r.new_name) || ' was already an owner (of ' || a.recommendation_id
    || ' from ' || a.as_of || ')'
FROM owner_renames r JOIN assignments a ON a.id = (SELECT b.id FROM assignments b WHERE b.owner_key = r.new_key
    AND b.as_of < r.as_of ORDER BY b.as_of, b.recorded_at, b.uid LIMIT 1)
UNION ALL
SELECT 'rename ' || r.uid || ' (' || quote(r.old_name) || ' to ' || quote(r.new_name) || ' from ' || r.as_of
    || ') renames no owner: ' || quote(r.old_name) || ' was not assigned anything on or before ' || r.as_of
FROM owner_renames r
WHERE NOT EXISTS (SELECT 1 FROM old_keys k JOIN assignments a ON a.owner_key = k.key
    WHERE k.rename_id = r.id AND a.as_of <= r.as_of)
ORDER BY 1
