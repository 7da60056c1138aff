-- period_entries: every entry of a report's period, :since to :as_of
-- (inclusive), each with its kind, in the order of the day, then the
-- recommendation, then the recording time:
--   status      an update whose status differs from the one in force before it
--               (as in changes)
--   note        an update that keeps the status: a note-only update, or the
--               same status again
--   evidence    evidence dated in the period
--   owner       an owner assigned (detail: name and role) or unassigned
--   retraction  an update or evidence retracted in the period (detail: which);
--               not the retraction an amendment records with it
--   amended     an update or evidence that amends another (rtp track amend;
--               detail: which), with the status it gives if it is an update
-- Columns: id, source, number, title, kind, from, to, date, by, detail, note, entry
-- id. The rules of privacy are those of report_columns: a private update's
-- status change is listed without its note or its author (by is empty); a private note-only update,
-- private evidence (or evidence of a private update) and the retraction of
-- a private entry only if :include_private. Every entry counts as known at
-- :known_at (as in changes): received by then, and not retracted by then.
SELECT r.id, r.source_id, r.number, r.title, e.kind, e.prev, e.status, e.date, e.by, e.detail, e.note, e.entry_id
FROM (
    SELECT recommendation_id, CASE WHEN amends IS NOT NULL THEN 'amended' WHEN status <> prev THEN 'status' ELSE 'note' END AS kind,
        prev, status, as_of AS date, CASE WHEN private = 0 OR :include_private THEN by ELSE '' END AS by,
        COALESCE('update ' || amends, '') AS detail,
        CASE WHEN private = 0 OR :include_private THEN note ELSE '' END AS note, id AS entry_id, recorded_at, uid, 1 AS kind_order
    FROM (
-- include: window_updates
        LIMIT -1) -- no limit, but SQLite no longer copies prev's subquery into each of its uses
    WHERE status <> prev OR private = 0 OR :include_private
    UNION ALL
    SELECT u.recommendation_id, CASE WHEN u.amends IS NOT NULL THEN 'amended' ELSE 'note' END, '', '', u.as_of, u.by,
        COALESCE('update ' || u.amends, ''), u.note, u.id, u.recorded_at, u.uid, 1
    FROM updates u
    WHERE u.note_only = 1 AND u.as_of >= :since AND u.as_of <= :as_of AND (u.private = 0 OR :include_private)
-- include: update_counts
    UNION ALL
    SELECT e.recommendation_id, CASE WHEN e.amends IS NOT NULL THEN 'amended' ELSE 'evidence' END, '', '', e.date, e.by,
        COALESCE('evidence ' || e.amends || ': ', '') || e.ref || CASE WHEN e.title <> '' THEN ' (' || e.title || ')' ELSE '' END,
        e.note, e.id, e.recorded_at, e.uid, 2
    FROM evidence e
    WHERE e.date >= :since
-- include: evidence_counts
-- include: evidence_shown
    UNION ALL
    SELECT a.recommendation_id, 'owner', '', '', a.as_of, a.by,
        CASE a.action WHEN 'assign' THEN a.owner || ' (' || a.role || ')' ELSE a.owner || ' unassigned' END, '', a.id, a.recorded_at, a.uid, 3
    FROM assignments a
    WHERE a.as_of >= :since AND a.as_of <= :as_of
        AND a.received_at <= :known_at
    UNION ALL
    SELECT COALESCE(u.recommendation_id, e.recommendation_id), 'retraction', '', '', x.as_of, x.by,
        CASE WHEN x.update_id IS NOT NULL THEN 'update ' || x.update_id ELSE 'evidence ' || x.evidence_id END,
        x.reason, x.id, x.recorded_at, x.uid, 4
    FROM retractions x LEFT JOIN updates u ON u.id = x.update_id LEFT JOIN evidence e ON e.id = x.evidence_id
    WHERE x.as_of >= :since AND x.as_of <= :as_of
        AND x.received_at <= :known_at
        -- an amendment's own retraction (recorded with it, in its
        -- transaction: the same stamp) is shown as the amendment, once
        -- received; any other retraction of an amended entry is its own
        AND NOT EXISTS (SELECT 1 FROM updates a WHERE a.amends = x.update_id
            AND a.recorded_at = x.recorded_at AND a.received_at <= :known_at)
        AND NOT EXISTS (SELECT 1 FROM evidence a WHERE a.amends = x.evidence_id
            AND a.recorded_at = x.recorded_at AND a.received_at <= :known_at)
        -- an entry retracted twice (two trackers, merged) shows its first retraction
        AND NOT EXISTS (SELECT 1 FROM retractions f WHERE f.received_at <= :known_at
            AND (f.update_id = x.update_id OR f.evidence_id = x.evidence_id) AND (f.recorded_at, f.uid) < (x.recorded_at, x.uid))
        AND ((COALESCE(u.private, e.private) = 0 AND NOT EXISTS (SELECT 1 FROM updates pu WHERE pu.id = e.update_id AND pu.private = 1))
            OR :include_private)
) e JOIN recommendations r ON r.id = e.recommendation_id
ORDER BY e.date, r.position, e.kind_order, e.recorded_at, e.uid
