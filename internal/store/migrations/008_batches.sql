-- Version 8: every import and merge is one batch (batches), and the entries
-- it records name it (batch_id), so that it can be shown and retracted as
-- one. Entries recorded before stay in no batch.
-- schema: batches batches_append_only_u batches_append_only_d
ALTER TABLE updates ADD COLUMN batch_id INTEGER REFERENCES batches (id);
ALTER TABLE assignments ADD COLUMN batch_id INTEGER REFERENCES batches (id);
ALTER TABLE evidence ADD COLUMN batch_id INTEGER REFERENCES batches (id);
-- schema: updates_by_batch assignments_by_batch evidence_by_batch
