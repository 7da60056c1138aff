-- Version 2: retractions. A mistaken update or piece of evidence is corrected
-- by a retraction entry, never by editing or deleting it.
CREATE TABLE retractions (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    update_id   INTEGER REFERENCES updates (id),
    evidence_id INTEGER REFERENCES evidence (id),
    reason      TEXT NOT NULL CHECK (reason <> ''),
    as_of       TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    by          TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK ((update_id IS NULL) <> (evidence_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX retractions_of_update ON retractions (update_id) WHERE update_id IS NOT NULL;
CREATE UNIQUE INDEX retractions_of_evidence ON retractions (evidence_id) WHERE evidence_id IS NOT NULL;
CREATE TRIGGER retractions_append_only_u BEFORE UPDATE ON retractions
BEGIN SELECT RAISE(ABORT, 'retractions are append-only'); END;
CREATE TRIGGER retractions_append_only_d BEFORE DELETE ON retractions
BEGIN SELECT RAISE(ABORT, 'retractions are append-only'); END;
