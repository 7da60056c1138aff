-- Version 5: a note-only update is stored as such (note_only), so that it
-- keeps whatever status is in force before it, even after a retraction;
-- the update in force is found by (as_of, recorded_at, uid).
--
-- Updates written before cannot be told apart: an update that re-asserts
-- the status in force with a note may have been given that status or none.
-- They stay what they were stored as, an update with its status, so that no
-- answer a tracker gave changes on upgrade; only updates recorded from
-- version 5 on are note-only.
ALTER TABLE updates ADD COLUMN note_only INTEGER NOT NULL DEFAULT 0 CHECK (note_only IN (0, 1));
DROP INDEX updates_by_recommendation;
-- schema: updates_by_recommendation
