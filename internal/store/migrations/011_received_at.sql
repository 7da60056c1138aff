-- Version 11: two times kept apart. Every entry (owner renames too) gets received_at, when this
-- tracker received it (the batch's time for what an import or merge
-- recorded, else its recorded_at), which --as-recorded selects by, and
-- recorded_at is written with six fractional digits like every stamp from
-- now on; the clock row keeps the stamps increasing. The columns are added
-- before this runs (addReceivedAt): the retractions of a tracker older than
-- version 2 are created with it already.
--
-- The history is append-only and its triggers refuse every UPDATE; this is
-- the one change the file's own history needs (a column it did not have,
-- and the same instants written in the form that compares right as text),
-- so the triggers are lifted for it and put back as schema.sql defines them,
-- within the migration's one transaction.
DROP TRIGGER updates_append_only_u;
DROP TRIGGER assignments_append_only_u;
DROP TRIGGER evidence_append_only_u;
DROP TRIGGER retractions_append_only_u;
DROP TRIGGER owner_renames_append_only_u;
-- Whole seconds (20 characters) get six fractional digits; a batch's
-- time, always whole seconds before this version, likewise.
UPDATE updates SET recorded_at = substr(recorded_at, 1, 19) || '.000000Z' WHERE length(recorded_at) = 20;
UPDATE assignments SET recorded_at = substr(recorded_at, 1, 19) || '.000000Z' WHERE length(recorded_at) = 20;
UPDATE evidence SET recorded_at = substr(recorded_at, 1, 19) || '.000000Z' WHERE length(recorded_at) = 20;
UPDATE retractions SET recorded_at = substr(recorded_at, 1, 19) || '.000000Z' WHERE length(recorded_at) = 20;
UPDATE owner_renames SET recorded_at = substr(recorded_at, 1, 19) || '.000000Z' WHERE length(recorded_at) = 20;
UPDATE updates SET received_at = COALESCE((SELECT substr(b.recorded_at, 1, 19) || '.000000Z' FROM batches b WHERE b.id = batch_id), recorded_at);
UPDATE assignments SET received_at = COALESCE((SELECT substr(b.recorded_at, 1, 19) || '.000000Z' FROM batches b WHERE b.id = batch_id), recorded_at);
UPDATE evidence SET received_at = COALESCE((SELECT substr(b.recorded_at, 1, 19) || '.000000Z' FROM batches b WHERE b.id = batch_id), recorded_at);
-- A retraction names no batch before version 13: a merged one carries its
-- author's recorded_at, which can be before this tracker received the
-- entry it retracts. Its receipt is at least both; a local retraction's
-- recorded_at is after its entry's receipt anyway, so stays exact.
UPDATE retractions SET received_at = max(recorded_at, COALESCE((SELECT u.received_at FROM updates u WHERE u.id = update_id),
    (SELECT e.received_at FROM evidence e WHERE e.id = evidence_id), ''));
UPDATE owner_renames SET received_at = COALESCE((SELECT substr(b.recorded_at, 1, 19) || '.000000Z' FROM batches b WHERE b.id = batch_id), recorded_at);
-- schema: updates_append_only_u assignments_append_only_u evidence_append_only_u retractions_append_only_u
-- schema: owner_renames_append_only_u
-- schema: clock
