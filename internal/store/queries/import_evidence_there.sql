-- import_evidence_there: evidence on its own (tied to no update), already
-- recorded and not retracted (or amended), that an imported row would record again: the
-- same recommendation :id, date :date and ref :ref. A seek on
-- evidence_by_recommendation (recommendation_id, date).
SELECT e.id FROM evidence e
WHERE e.recommendation_id = :id AND e.date = :date
  AND e.update_id IS NULL AND e.ref = :ref
  AND (NOT EXISTS (SELECT 1 FROM retractions r WHERE r.evidence_id = e.id)
    OR EXISTS (SELECT 1 FROM evidence a WHERE a.amends = e.id))
LIMIT 1
