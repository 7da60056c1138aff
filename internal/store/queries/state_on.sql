-- state_on: THE rule for a recommendation's state on a day (rtp.StateOn,
-- state.go), written in SQL once. One row per recommendation, with the
-- columns of current_state, for day :as_of as known at :known_at: an entry
-- counts if it is dated on or before :as_of, was received at or before
-- :known_at, and no retraction of it received at or before :known_at
-- exists (rtp.Moment.KnownAt: a time after any stamp for "as known now",
-- which the kept current state passes with a day after any entry). :roles is rtp.Roles as a JSON array, most
-- responsible first: the order owners are listed in.
--
-- Owners come as name char(30) role, joined by char(31) (names never hold
-- control characters), cheaper to split than JSON to decode; lists are built
-- from ordered subqueries rather than with ORDER BY inside the aggregate,
-- which older sqlite3 shells do not know.
SELECT r.id AS recommendation_id,
    COALESCE(k.status, 'unassessed') AS status,
    -- Since when: the first update that gave this status in its latest run,
    -- the first that gave a status after p; a note neither starts nor moves
    -- it (so a private note's date never shows through it); none while no
    -- update in force gave a status (notes alone assess nothing).
    CASE WHEN k.id IS NOT NULL THEN (SELECT s.as_of FROM updates s WHERE s.recommendation_id = r.id AND s.as_of <= :as_of
        AND s.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = s.id AND x.received_at <= :known_at)
        AND s.note_only = 0 AND s.actor IS NULL
        AND (p.id IS NULL OR (s.as_of, s.recorded_at, s.uid) > (p.as_of, p.recorded_at, p.uid))
        ORDER BY s.as_of, s.recorded_at, s.uid LIMIT 1) END AS since,
    u.as_of AS last_update,
    u.id AS update_id,
    -- The owners: those whose latest assignment row assigns them, owners
    -- compared by identity (owner_key, rtp.OwnerKey, followed back through
    -- renames to the owner's first name: owner_identities), each named by its
    -- name on the day: that of its latest rename on or before it, else the
    -- first name its renames give, else as the row spells it, counting only
    -- the renames received by :known_at (identities come from them all, as
    -- in rtp.StateOn: a later rename joins names, it does not rename the
    -- past as it was recorded). NOT EXISTS on
    -- the index costs less here than a window function per recommendation.
    -- An owner never renamed (no identity) costs one seek more: the CASEs
    -- look at renames, and at the owner's other names, only for the others.
    (SELECT group_concat(owner || char(30) || role, char(31)) FROM (
        SELECT CASE WHEN i.identity IS NULL THEN a.owner ELSE COALESCE(
                (SELECT m.new_name FROM owner_renames m JOIN owner_identities j ON j.key = m.new_key
                    WHERE j.identity = i.identity AND m.as_of <= :as_of AND m.received_at <= :known_at
                    ORDER BY m.as_of DESC, m.recorded_at DESC, m.uid DESC LIMIT 1),
                (SELECT m.old_name FROM owner_renames m WHERE m.old_key = i.identity AND m.received_at <= :known_at
                    ORDER BY m.as_of, m.recorded_at, m.uid LIMIT 1),
                a.owner) END AS owner,
            a.role AS role FROM assignments a
        LEFT JOIN owner_identities i ON i.key = a.owner_key
        WHERE a.recommendation_id = r.id AND a.as_of <= :as_of AND a.action = 'assign' AND a.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM assignments b WHERE b.recommendation_id = a.recommendation_id
            AND b.owner_key = a.owner_key AND b.as_of <= :as_of AND b.received_at <= :known_at
            AND (b.as_of, b.recorded_at, b.uid) > (a.as_of, a.recorded_at, a.uid))
        AND (i.identity IS NULL OR NOT EXISTS (SELECT 1 FROM owner_identities o JOIN assignments b ON b.recommendation_id = a.recommendation_id
            AND b.owner_key = o.key WHERE o.identity = i.identity AND o.key <> a.owner_key AND b.as_of <= :as_of AND b.received_at <= :known_at
            AND (b.as_of, b.recorded_at, b.uid) > (a.as_of, a.recorded_at, a.uid)))
        ORDER BY IFNULL((SELECT key FROM json_each(:roles) WHERE value = a.role), json_array_length(:roles)),
            CASE WHEN i.identity IS NULL THEN a.owner_key ELSE COALESCE(
                (SELECT m.new_key FROM owner_renames m JOIN owner_identities j ON j.key = m.new_key
                    WHERE j.identity = i.identity AND m.as_of <= :as_of AND m.received_at <= :known_at
                    ORDER BY m.as_of DESC, m.recorded_at DESC, m.uid DESC LIMIT 1),
                (SELECT m.old_key FROM owner_renames m WHERE m.old_key = i.identity AND m.received_at <= :known_at LIMIT 1),
                a.owner_key) END)) AS owners,
    -- The evidence: the documents cited by the evidence that counts, each once
    -- however it was recorded (document is rtp.DocumentKey(ref)).
    (SELECT count(DISTINCT e.document) FROM evidence e WHERE e.recommendation_id = r.id
-- include: evidence_counts
    ) AS evidence_count,
    (SELECT group_concat(actor, char(31)) FROM (SELECT actor FROM recommendation_actors
        WHERE recommendation_id = r.id ORDER BY position)) AS actors,
    (SELECT group_concat(theme, char(31)) FROM (SELECT theme FROM recommendation_themes
        WHERE recommendation_id = r.id ORDER BY position)) AS themes
FROM recommendations r
-- An update about an actor (actor not NULL) is about that actor only: it
-- never counts here (rtp.StateOn skips it alike).
-- The update in force: the latest that counts by (as_of, recorded_at, uid),
-- never by local id, an index seek on updates_by_recommendation; k is the
-- latest that gave a status (a note-only update keeps the status in force),
-- and p the latest before it that gave another status.
LEFT JOIN updates u ON u.id = (SELECT c.id FROM updates c WHERE c.recommendation_id = r.id AND c.as_of <= :as_of AND c.actor IS NULL
    AND c.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = c.id AND x.received_at <= :known_at)
    ORDER BY c.as_of DESC, c.recorded_at DESC, c.uid DESC LIMIT 1)
LEFT JOIN updates k ON k.id = (SELECT c.id FROM updates c WHERE c.recommendation_id = r.id AND c.as_of <= :as_of AND c.actor IS NULL
    AND c.note_only = 0
    AND c.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = c.id AND x.received_at <= :known_at)
    ORDER BY c.as_of DESC, c.recorded_at DESC, c.uid DESC LIMIT 1)
LEFT JOIN updates p ON p.id = (SELECT c.id FROM updates c WHERE c.recommendation_id = r.id AND c.as_of <= :as_of AND c.actor IS NULL
    AND c.note_only = 0
    AND c.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = c.id AND x.received_at <= :known_at)
    AND c.status <> k.status ORDER BY c.as_of DESC, c.recorded_at DESC, c.uid DESC LIMIT 1)
