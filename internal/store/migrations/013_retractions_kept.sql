-- Version 13: a retraction is a fact, and every one is kept. Two trackers
-- that retract the same entry each keep both retractions once merged, in
-- whichever order they merge, so that their histories and exports are equal;
-- before, the unique indexes let a merge keep only the tracker's own. The
-- indexes become plain ones of the same names.
DROP INDEX retractions_of_update;
DROP INDEX retractions_of_evidence;
-- schema: retractions_of_update retractions_of_evidence
