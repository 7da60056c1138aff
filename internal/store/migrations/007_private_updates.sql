-- Version 7: an update may be private as a whole (its note and its
-- evidence), not only its evidence. Updates recorded before are public, as
-- they were.
ALTER TABLE updates ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
