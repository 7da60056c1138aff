-- import_update_there: an update already recorded, and not retracted (or
-- retracted by an amendment, which corrected it), that an imported row would
-- record again: the same recommendation :id, day
-- :as_of, kind (:note_only), status (a note-only update keeps whatever
-- status is in force, so its stored status is not compared), note, and
-- evidence refs (:refs, sorted and joined by char(31); NULL for none).
-- A seek on updates_by_recommendation (recommendation_id, as_of), then the
-- few updates of that day; their evidence by evidence_by_update.
SELECT u.id FROM updates u
WHERE u.recommendation_id = :id AND u.as_of = :as_of
  AND u.note_only = :note_only AND (:note_only = 1 OR u.status = :status)
  AND u.note = :note
  AND (NOT EXISTS (SELECT 1 FROM retractions r WHERE r.update_id = u.id)
    OR EXISTS (SELECT 1 FROM updates a WHERE a.amends = u.id))
  AND (SELECT group_concat(e.ref, char(31) ORDER BY e.ref) FROM evidence e WHERE e.update_id = u.id) IS :refs
LIMIT 1
