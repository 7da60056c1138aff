-- Version 13: a retraction is a fact, and every one is kept. Two trackers
-- that retract the same entry each keep both retractions once merged, in
-- whichever order they merge, so that their histories and exports are equal;
-- before, the unique indexes let a merge keep only the tracker's own. The
-- indexes become plain ones of the same names. A retraction a merge
-- recorded names its batch (batch_id, added before this runs by
-- addRetractionBatch: a tracker older than version 2 has it already), as
-- updates and evidence do; those merged before stay in none.
DROP INDEX retractions_of_update;
DROP INDEX retractions_of_evidence;
-- schema: retractions_of_update retractions_of_evidence
-- schema: retractions_by_batch
