-- The rtp tracker schema: the one definition, embedded in the binary.
--
-- History is append-only: updates, assignments and evidence are only ever
-- inserted. The current state of a recommendation is derived from its history
-- on the day asked for, which is what makes "status as of any date" exact.
-- The vocabularies in the CHECKs (statuses, roles) are rtp.Statuses and
-- rtp.Roles; a test holds them equal.
-- Dates are TEXT 'YYYY-MM-DD' and timestamps TEXT RFC 3339 in UTC with six
-- fractional digits ('2019-09-18T10:00:00.000000Z', rtp.StampLayout), so
-- that they compare correctly as text.
--
-- Every entry has two times besides: recorded_at, when its author recorded
-- it (it travels in exports, and orders entries alike in every replica),
-- and received_at, when THIS tracker received it (recorded here, imported
-- or merged; it never travels). received_at is what --as-recorded selects:
-- what the tracker said at a moment. Every entry a person records carries a
-- random uid, so trackers kept by different organisations can later be merged
-- without duplicates.

CREATE TABLE sources (
    id          TEXT PRIMARY KEY,
    position    INTEGER NOT NULL UNIQUE,   -- order of sources in lists
    kind        TEXT NOT NULL,             -- e.g. 'Policy memo'
    title       TEXT NOT NULL,
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    organisers  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(organisers)),  -- JSON array of names
    description TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE recommendations (
    id        TEXT PRIMARY KEY,            -- fixed: people and scripts type it
    source_id TEXT NOT NULL REFERENCES sources (id),
    position  INTEGER NOT NULL UNIQUE,     -- order across all sources
    number    INTEGER NOT NULL CHECK (number > 0),
    section   TEXT NOT NULL,
    title     TEXT NOT NULL,               -- short, for tables
    heading   TEXT NOT NULL,               -- verbatim from the source
    text      TEXT NOT NULL,               -- verbatim from the source
    UNIQUE (source_id, number)
) STRICT;

-- Whom a recommendation is addressed to (the General Assembly, Member States):
-- not the same as who follows it up (assignments).
CREATE TABLE recommendation_actors (
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    position          INTEGER NOT NULL,
    actor             TEXT NOT NULL,
    PRIMARY KEY (recommendation_id, position)
) STRICT;
CREATE INDEX recommendation_actors_by_actor ON recommendation_actors (actor COLLATE NOCASE);

CREATE TABLE recommendation_themes (
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    position          INTEGER NOT NULL,
    theme             TEXT NOT NULL,
    PRIMARY KEY (recommendation_id, position)
) STRICT;
CREATE INDEX recommendation_themes_by_theme ON recommendation_themes (theme COLLATE NOCASE);

-- Batches: every import and every merge records its entries as one batch,
-- which rtp log shows and `rtp track retract --batch` retracts at once. A
-- batch is this tracker's own: it does not travel in exports, and a merge
-- is a batch of the receiver. It is created with its first entry, so an
-- import or merge that records nothing leaves none.
CREATE TABLE batches (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('import', 'merge')),
    source      TEXT NOT NULL,             -- the file's name as given
    by          TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER batches_append_only_u BEFORE UPDATE ON batches
BEGIN SELECT RAISE(ABORT, 'batches are append-only'); END;
CREATE TRIGGER batches_append_only_d BEFORE DELETE ON batches
BEGIN SELECT RAISE(ABORT, 'batches are append-only'); END;

-- A status update: from as_of, by asserted that the recommendation stood at
-- status. A note-only update (note_only = 1) gave no status: it keeps
-- whatever status is in force before it, worked out again whenever the
-- history changes (a retraction), and its status column only records the
-- one in force when it was written.
CREATE TABLE updates (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    status            TEXT NOT NULL CHECK (status IN ('unassessed', 'not-started', 'in-progress',
                          'partial', 'implemented', 'stalled', 'regressed')),
    note              TEXT NOT NULL DEFAULT '',
    as_of             TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    by                TEXT NOT NULL,
    recorded_at       TEXT NOT NULL
    -- Written as ALTER TABLE ... ADD COLUMN writes it (migrations 005, 007
    -- and 008), so that upgraded trackers have the same definition. private: a
    -- private update, whose note and evidence stay out of reports and
    -- exports (its status counts). batch_id: the import or merge that
    -- recorded it (migration 008); NULL for an entry recorded on its own. The
    -- same on assignments and evidence. amends: the update this one
    -- corrects (rtp track amend, migration 009), which a retraction
    -- recorded with it retracts; the same on evidence. received_at: when
    -- this tracker received it (migration 011), the same on assignments,
    -- evidence and retractions. actor: the addressee the update is about
    -- (migration 015); NULL for the recommendation itself, whose own state
    -- never counts an update about an actor (state_on.sql, rtp.StateOn).
    , note_only INTEGER NOT NULL DEFAULT 0 CHECK (note_only IN (0, 1)), private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)), batch_id INTEGER REFERENCES batches (id), amends INTEGER REFERENCES updates (id), received_at TEXT NOT NULL DEFAULT '', actor TEXT) STRICT;
-- The status on a day is the latest update at or before it, by (as_of,
-- recorded_at, uid): one index seek.
CREATE INDEX updates_by_recommendation ON updates (recommendation_id, as_of, recorded_at, uid);

-- Assigning and unassigning follow-up owners. The owners on a day are those
-- whose latest row at or before it is an 'assign', owners being one by
-- owner_key.
CREATE TABLE assignments (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    owner             TEXT NOT NULL,
    action            TEXT NOT NULL CHECK (action IN ('assign', 'unassign')),
    role              TEXT CHECK ((action = 'assign' AND role IN ('lead', 'support', 'monitor'))
                                  OR (action = 'unassign' AND role IS NULL)),
    as_of             TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    by                TEXT NOT NULL,
    recorded_at       TEXT NOT NULL
    -- The owner's identity, rtp.OwnerKey(owner) (NFC, case-folded), which
    -- SQL cannot compute: what every comparison of owners compares.
    -- Written as ALTER TABLE ... ADD COLUMN writes it (migration 006).
    , owner_key TEXT NOT NULL DEFAULT '', batch_id INTEGER REFERENCES batches (id), received_at TEXT NOT NULL DEFAULT '') STRICT;
CREATE INDEX assignments_by_recommendation ON assignments (recommendation_id, owner_key, as_of, id);
CREATE INDEX assignments_by_owner ON assignments (owner_key);

-- Evidence: a URL or a citation, counted from date, optionally supporting one update.
-- document: rtp.DocumentKey(ref), the document it cites, which SQL cannot
-- compute: a document recorded as its UN symbol and as its address counts once.
CREATE TABLE evidence (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    update_id         INTEGER REFERENCES updates (id),
    ref               TEXT NOT NULL,
    title             TEXT NOT NULL DEFAULT '',
    date              TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note              TEXT NOT NULL DEFAULT '',
    private           INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    by                TEXT NOT NULL,
    recorded_at       TEXT NOT NULL
, batch_id INTEGER REFERENCES batches (id), amends INTEGER REFERENCES evidence (id), received_at TEXT NOT NULL DEFAULT '', document TEXT NOT NULL DEFAULT '') STRICT;
CREATE INDEX evidence_by_recommendation ON evidence (recommendation_id, date);
CREATE INDEX evidence_by_update ON evidence (update_id);
-- What a batch recorded, for retracting it: seeks, not scans.
CREATE INDEX updates_by_batch ON updates (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX assignments_by_batch ON assignments (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX evidence_by_batch ON evidence (batch_id) WHERE batch_id IS NOT NULL;
-- An entry's amendment, for showing it and refusing to amend it twice.
CREATE INDEX updates_by_amends ON updates (amends) WHERE amends IS NOT NULL;
CREATE INDEX evidence_by_amends ON evidence (amends) WHERE amends IS NOT NULL;

-- Retractions: A mistaken update or piece of evidence is corrected
-- by a retraction entry, never by editing or deleting it.
CREATE TABLE retractions (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    update_id   INTEGER REFERENCES updates (id),
    evidence_id INTEGER REFERENCES evidence (id),
    reason      TEXT NOT NULL CHECK (reason <> ''),
    as_of       TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    by          TEXT NOT NULL,
    -- received_at and batch_id (the merge that recorded it; NULL: none)
    -- where ALTER TABLE ... ADD COLUMN writes them (migrations 011 and 013)
    recorded_at TEXT NOT NULL, received_at TEXT NOT NULL DEFAULT '', batch_id INTEGER REFERENCES batches (id),
    CHECK ((update_id IS NULL) <> (evidence_id IS NULL))
) STRICT;
-- An entry may have several retractions: two trackers may retract the same
-- entry, and a merge keeps both (migration 013), so these are plain indexes.
-- The entry is retracted once any of them is known; where one is shown, it is
-- the first by (recorded_at, uid), whichever arrived first.
CREATE INDEX retractions_of_update ON retractions (update_id) WHERE update_id IS NOT NULL;
CREATE INDEX retractions_of_evidence ON retractions (evidence_id) WHERE evidence_id IS NOT NULL;
CREATE INDEX retractions_by_batch ON retractions (batch_id) WHERE batch_id IS NOT NULL;
-- A report's period, read by date (rtp report --since): seeks from its
-- first day, not scans (migration 014).
CREATE INDEX updates_by_date ON updates (as_of);
CREATE INDEX evidence_by_date ON evidence (date);
CREATE INDEX assignments_by_date ON assignments (as_of);
CREATE INDEX retractions_by_date ON retractions (as_of);
CREATE TRIGGER retractions_append_only_u BEFORE UPDATE ON retractions
BEGIN SELECT RAISE(ABORT, 'retractions are append-only'); END;
CREATE TRIGGER retractions_append_only_d BEFORE DELETE ON retractions
BEGIN SELECT RAISE(ABORT, 'retractions are append-only'); END;

-- The history is append-only: a mistake is corrected by a later entry, never
-- by editing or deleting one, so the database itself refuses both.
CREATE TRIGGER updates_append_only_u BEFORE UPDATE ON updates
BEGIN SELECT RAISE(ABORT, 'updates are append-only'); END;
CREATE TRIGGER updates_append_only_d BEFORE DELETE ON updates
BEGIN SELECT RAISE(ABORT, 'updates are append-only'); END;
CREATE TRIGGER assignments_append_only_u BEFORE UPDATE ON assignments
BEGIN SELECT RAISE(ABORT, 'assignments are append-only'); END;
CREATE TRIGGER assignments_append_only_d BEFORE DELETE ON assignments
BEGIN SELECT RAISE(ABORT, 'assignments are append-only'); END;
CREATE TRIGGER evidence_append_only_u BEFORE UPDATE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER evidence_append_only_d BEFORE DELETE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;

-- Owner renames: from as_of, the owner called old_name is called new_name
-- (the Stanley Foundation became the Stanley Center). old_key and new_key are
-- rtp.OwnerKey of the names. An owner's identity is the key of its first
-- name: a rename links new_key to the identity of old_key, so assignments
-- under either name are one owner, shown by the name it had on the day.
-- batch_id: the merge that recorded it; NULL for one recorded on its own.
-- received_at: when this tracker received it, as on the other entries
-- (--as-recorded names owners by the renames received by then), written
-- where ALTER TABLE ... ADD COLUMN writes it (migration 011).
CREATE TABLE owner_renames (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    old_key     TEXT NOT NULL,
    old_name    TEXT NOT NULL,
    new_name    TEXT NOT NULL,
    new_key     TEXT NOT NULL CHECK (new_key <> old_key),
    as_of       TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    by          TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    batch_id    INTEGER REFERENCES batches (id)
, received_at TEXT NOT NULL DEFAULT '') STRICT;
CREATE INDEX owner_renames_by_old_key ON owner_renames (old_key);
CREATE INDEX owner_renames_by_new_key ON owner_renames (new_key);
CREATE TRIGGER owner_renames_append_only_u BEFORE UPDATE ON owner_renames
BEGIN SELECT RAISE(ABORT, 'owner renames are append-only'); END;
CREATE TRIGGER owner_renames_append_only_d BEFORE DELETE ON owner_renames
BEGIN SELECT RAISE(ABORT, 'owner renames are append-only'); END;

-- The identity of every owner key a rename names: the key of the first name,
-- reached by following renames back from new_key to old_key (rtp.OwnerIdentities,
-- the same rule in Go; the query owner_identities_rule). A key no rename names
-- is its own identity and has no row. Kept by the store whenever renames are
-- recorded, so that reads seek it rather than follow renames; db check
-- compares it with the rule.
CREATE TABLE owner_identities (
    key      TEXT PRIMARY KEY,
    identity TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX owner_identities_by_identity ON owner_identities (identity);

-- Targets (issue 16): the day by which a recommendation should reach a
-- status. Append-only like the rest of the history: moving a target or
-- dropping it (due and status NULL) records a new row, and the target in
-- force on a day is the latest row dated on or before it, by (as_of,
-- recorded_at, uid). Future due dates are allowed here only. A target
-- changes no status, so it does not move latest_date.
CREATE TABLE targets (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    due               TEXT CHECK (due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status            TEXT CHECK (status IN ('in-progress', 'partial', 'implemented')),
    note              TEXT NOT NULL DEFAULT '',
    as_of             TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    by                TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    received_at       TEXT NOT NULL DEFAULT '',
    batch_id          INTEGER REFERENCES batches (id),
    CHECK ((due IS NULL) = (status IS NULL))
) STRICT;
CREATE INDEX targets_by_recommendation ON targets (recommendation_id, as_of, recorded_at, uid);
CREATE TRIGGER targets_append_only_u BEFORE UPDATE ON targets
BEGIN SELECT RAISE(ABORT, 'targets are append-only'); END;
CREATE TRIGGER targets_append_only_d BEFORE DELETE ON targets
BEGIN SELECT RAISE(ABORT, 'targets are append-only'); END;

-- The tracker's clock: when it was created, and the stamp of its latest
-- write. Every write transaction takes one stamp, max(now, last_stamp +
-- 1µs), written into the received_at of all it records (and the recorded_at
-- of what is recorded here): stamps increase strictly, even under a fixed
-- clock or one that steps back, so the order of receipt is total and a
-- moment names exactly what had been received by then.
CREATE TABLE clock (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    created_at TEXT NOT NULL,
    last_stamp TEXT NOT NULL
) STRICT;

-- The current state of every recommendation: its state on any day from
-- latest_date on as known now (never for --as-recorded), so that a list for today reads one row per recommendation
-- instead of working it out from the whole history. The store keeps it: every
-- write works out the state of what it touched with state_on, the one SQL text
-- of the rule for a day's state (internal/store/queries/state_on.sql, the
-- same rule as rtp.StateOn), and `rtp db check` compares the two. Owners are
-- name char(30) role, joined by char(31); actors and themes, which lists
-- show on every row, are joined by char(31).
CREATE TABLE current_state (
    recommendation_id TEXT PRIMARY KEY REFERENCES recommendations (id),
    status            TEXT NOT NULL,
    since             TEXT,
    last_update       TEXT,
    update_id         INTEGER,  -- the update in force
    owners            TEXT,
    evidence_count    INTEGER NOT NULL,
    actors            TEXT,
    themes            TEXT
) STRICT, WITHOUT ROWID;

-- The latest date of any entry. The current state is the state on any day
-- from that date on; a list for an earlier day works from the history.
CREATE TABLE latest_date (
    one  INTEGER PRIMARY KEY CHECK (one = 1),
    date TEXT NOT NULL
) STRICT;
CREATE TRIGGER latest_after_update AFTER INSERT ON updates
BEGIN UPDATE latest_date SET date = max(date, NEW.as_of); END;
CREATE TRIGGER latest_after_assignment AFTER INSERT ON assignments
BEGIN UPDATE latest_date SET date = max(date, NEW.as_of); END;
CREATE TRIGGER latest_after_evidence AFTER INSERT ON evidence
BEGIN UPDATE latest_date SET date = max(date, NEW.date); END;
CREATE TRIGGER latest_after_retraction AFTER INSERT ON retractions
BEGIN UPDATE latest_date SET date = max(date, NEW.as_of); END;
CREATE TRIGGER latest_after_owner_rename AFTER INSERT ON owner_renames
BEGIN UPDATE latest_date SET date = max(date, NEW.as_of); END;

-- Recurring checks (migration 015): a question about a recommendation asked
-- again every period (rtp.Cadences; periods as rtp.ParsePeriod reads them),
-- its answer due on a day of each period (due, MM-DD: rtp.Period.DueDay).
-- A check is defined once: its id is typed by people, its uid travels so
-- that a merge knows the same check.
CREATE TABLE checks (
    id                TEXT PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    question          TEXT NOT NULL CHECK (question <> ''),
    every             TEXT NOT NULL CHECK (every IN ('year', 'session', 'quarter', 'month')),
    due               TEXT NOT NULL CHECK (due GLOB '[0-9][0-9]-[0-9][0-9]'),
    first_period      TEXT NOT NULL,
    by                TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    received_at       TEXT NOT NULL DEFAULT '',
    batch_id          INTEGER REFERENCES batches (id)
) STRICT;
-- An answer for one period, from as_of; a period's answer is its latest
-- that no retraction names, by (as_of, recorded_at, uid). amends: the
-- answer it corrects (rtp check amend), retracted in the same transaction.
CREATE TABLE check_answers (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    check_id    TEXT NOT NULL REFERENCES checks (id),
    period      TEXT NOT NULL,
    answer      TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'partly', 'n/a')),
    note        TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '',
    as_of       TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    by          TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    received_at TEXT NOT NULL DEFAULT '',
    batch_id    INTEGER REFERENCES batches (id),
    amends      INTEGER REFERENCES check_answers (id)
) STRICT;
CREATE INDEX check_answers_by_check ON check_answers (check_id, period);
-- Retractions of answers, as retractions of updates: several may name one.
CREATE TABLE check_answer_retractions (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    answer_id   INTEGER NOT NULL REFERENCES check_answers (id),
    reason      TEXT NOT NULL CHECK (reason <> ''),
    as_of       TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    by          TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    received_at TEXT NOT NULL DEFAULT '',
    batch_id    INTEGER REFERENCES batches (id)
) STRICT;
CREATE INDEX check_answer_retractions_of_answer ON check_answer_retractions (answer_id);
CREATE TRIGGER checks_append_only_u BEFORE UPDATE ON checks
BEGIN SELECT RAISE(ABORT, 'checks are append-only'); END;
CREATE TRIGGER checks_append_only_d BEFORE DELETE ON checks
BEGIN SELECT RAISE(ABORT, 'checks are append-only'); END;
CREATE TRIGGER check_answers_append_only_u BEFORE UPDATE ON check_answers
BEGIN SELECT RAISE(ABORT, 'check answers are append-only'); END;
CREATE TRIGGER check_answers_append_only_d BEFORE DELETE ON check_answers
BEGIN SELECT RAISE(ABORT, 'check answers are append-only'); END;
CREATE TRIGGER check_answer_retractions_append_only_u BEFORE UPDATE ON check_answer_retractions
BEGIN SELECT RAISE(ABORT, 'check answer retractions are append-only'); END;
CREATE TRIGGER check_answer_retractions_append_only_d BEFORE DELETE ON check_answer_retractions
BEGIN SELECT RAISE(ABORT, 'check answer retractions are append-only'); END;

-- Progress per addressee and search (migration 016).
-- An actor the source did not name, added knowingly (rtp track update
-- --actor NAME --new-actor): from then on the recommendation addresses it
-- too. Append-only, like the history.
CREATE TABLE actor_additions (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    actor             TEXT NOT NULL,
    by                TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    received_at       TEXT NOT NULL,
    batch_id          INTEGER REFERENCES batches (id)
) STRICT;
CREATE INDEX actor_additions_by_recommendation ON actor_additions (recommendation_id);
CREATE TRIGGER actor_additions_append_only_u BEFORE UPDATE ON actor_additions
BEGIN SELECT RAISE(ABORT, 'actor additions are append-only'); END;
CREATE TRIGGER actor_additions_append_only_d BEFORE DELETE ON actor_additions
BEGIN SELECT RAISE(ABORT, 'actor additions are append-only'); END;
CREATE INDEX updates_by_actor ON updates (recommendation_id, actor, as_of, recorded_at, uid) WHERE actor IS NOT NULL;

-- rtp search: one full-text row per searchable entry, written by triggers in
-- the transaction that writes the entry, so the index is never behind.
-- kind: recommendation, update, evidence, owner or answer (a check's
-- answer's note); entry_id: the entry's id
-- (0 for a recommendation); private: 1 for a private note or evidence,
-- which search leaves out unless asked. Another feature's words join with
-- their own trigger writing their kind.
CREATE VIRTUAL TABLE search_index USING fts5(body, recommendation_id UNINDEXED, kind UNINDEXED,
    entry_id UNINDEXED, private UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER search_after_recommendation AFTER INSERT ON recommendations
BEGIN INSERT INTO search_index (body, recommendation_id, kind, entry_id, private)
    VALUES (NEW.title || ' ' || NEW.heading || ' ' || NEW.text, NEW.id, 'recommendation', 0, 0); END;
CREATE TRIGGER search_after_update AFTER INSERT ON updates WHEN NEW.note <> ''
BEGIN INSERT INTO search_index (body, recommendation_id, kind, entry_id, private)
    VALUES (NEW.note, NEW.recommendation_id, 'update', NEW.id, NEW.private); END;
CREATE TRIGGER search_after_evidence AFTER INSERT ON evidence
BEGIN INSERT INTO search_index (body, recommendation_id, kind, entry_id, private)
    VALUES (trim(NEW.ref || ' ' || NEW.title || ' ' || NEW.note), NEW.recommendation_id, 'evidence', NEW.id, NEW.private); END;
CREATE TRIGGER search_after_assignment AFTER INSERT ON assignments WHEN NEW.action = 'assign'
BEGIN INSERT INTO search_index (body, recommendation_id, kind, entry_id, private)
    VALUES (NEW.owner, NEW.recommendation_id, 'owner', NEW.id, 0); END;
CREATE TRIGGER search_after_check_answer AFTER INSERT ON check_answers WHEN NEW.note <> ''
BEGIN INSERT INTO search_index (body, recommendation_id, kind, entry_id, private)
    VALUES (NEW.note, (SELECT recommendation_id FROM checks WHERE id = NEW.check_id), 'answer', NEW.id, 0); END;
