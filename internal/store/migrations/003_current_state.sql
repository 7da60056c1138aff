-- Version 3: the current state of every recommendation, kept by triggers, so
-- that a list for today reads one row per recommendation instead of working
-- it out from the whole history.

-- computed_state works out the state over the whole history: the status in
-- force, since when it has held, the date of the latest update, the owners
-- (name, char(30), role; joined by char(31)) and the count of evidence,
-- leaving out what was retracted; and the actors and themes, joined by
-- char(31), which lists show on every row.
CREATE VIEW computed_state AS
SELECT r.id AS recommendation_id,
    COALESCE(u.status, 'unassessed') AS status,
    (SELECT as_of FROM updates WHERE recommendation_id = r.id
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = updates.id)
        AND (p.id IS NULL OR (as_of, id) > (p.as_of, p.id)) ORDER BY as_of, id LIMIT 1) AS since,
    u.as_of AS last_update,
    (SELECT group_concat(owner || char(30) || role, char(31)) FROM (
        SELECT a.owner AS owner, a.role AS role FROM assignments a
        WHERE a.recommendation_id = r.id AND a.action = 'assign'
        AND NOT EXISTS (SELECT 1 FROM assignments b WHERE b.recommendation_id = a.recommendation_id
            AND b.owner = a.owner COLLATE NOCASE AND (b.as_of, b.id) > (a.as_of, a.id))
        ORDER BY CASE a.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END, a.owner COLLATE NOCASE)) AS owners,
    (SELECT count(*) FROM evidence WHERE recommendation_id = r.id
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.evidence_id = evidence.id)) AS evidence_count,
    (SELECT group_concat(actor, char(31)) FROM (SELECT actor FROM recommendation_actors WHERE recommendation_id = r.id ORDER BY position)) AS actors,
    (SELECT group_concat(theme, char(31)) FROM (SELECT theme FROM recommendation_themes WHERE recommendation_id = r.id ORDER BY position)) AS themes
FROM recommendations r
LEFT JOIN updates u ON u.id = (SELECT id FROM updates WHERE recommendation_id = r.id
    AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = updates.id) ORDER BY as_of DESC, id DESC LIMIT 1)
LEFT JOIN updates p ON p.id = (SELECT id FROM updates WHERE recommendation_id = r.id
    AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = updates.id)
    AND status <> u.status ORDER BY as_of DESC, id DESC LIMIT 1);

CREATE TABLE current_state (
    recommendation_id TEXT PRIMARY KEY REFERENCES recommendations (id),
    status            TEXT NOT NULL,
    since             TEXT,
    last_update       TEXT,
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

CREATE TRIGGER state_after_recommendation AFTER INSERT ON recommendations
BEGIN INSERT OR REPLACE INTO current_state SELECT * FROM computed_state WHERE recommendation_id = NEW.id; END;
CREATE TRIGGER state_after_actor AFTER INSERT ON recommendation_actors
BEGIN INSERT OR REPLACE INTO current_state SELECT * FROM computed_state WHERE recommendation_id = NEW.recommendation_id; END;
CREATE TRIGGER state_after_theme AFTER INSERT ON recommendation_themes
BEGIN INSERT OR REPLACE INTO current_state SELECT * FROM computed_state WHERE recommendation_id = NEW.recommendation_id; END;
CREATE TRIGGER state_after_update AFTER INSERT ON updates
BEGIN
    INSERT OR REPLACE INTO current_state SELECT * FROM computed_state WHERE recommendation_id = NEW.recommendation_id;
    UPDATE latest_date SET date = max(date, NEW.as_of);
END;
CREATE TRIGGER state_after_assignment AFTER INSERT ON assignments
BEGIN
    INSERT OR REPLACE INTO current_state SELECT * FROM computed_state WHERE recommendation_id = NEW.recommendation_id;
    UPDATE latest_date SET date = max(date, NEW.as_of);
END;
-- New evidence is never retracted yet, so it only adds one to the count:
-- working the whole state out again would cost as much as the history.
CREATE TRIGGER state_after_evidence AFTER INSERT ON evidence
BEGIN
    UPDATE current_state SET evidence_count = evidence_count + 1 WHERE recommendation_id = NEW.recommendation_id;
    UPDATE latest_date SET date = max(date, NEW.date);
END;
CREATE TRIGGER state_after_retraction AFTER INSERT ON retractions
BEGIN
    INSERT OR REPLACE INTO current_state SELECT * FROM computed_state WHERE recommendation_id IN (
        SELECT recommendation_id FROM updates WHERE id = NEW.update_id
        UNION SELECT recommendation_id FROM evidence WHERE id = NEW.evidence_id);
    UPDATE latest_date SET date = max(date, NEW.as_of);
END;

INSERT INTO latest_date (one, date) VALUES (1, (SELECT max(d) FROM (
    SELECT '0000-01-01' AS d UNION ALL SELECT max(as_of) FROM updates UNION ALL SELECT max(as_of) FROM assignments
    UNION ALL SELECT max(date) FROM evidence UNION ALL SELECT max(as_of) FROM retractions)));
INSERT INTO current_state SELECT * FROM computed_state;
