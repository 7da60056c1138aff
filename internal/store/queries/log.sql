-- log: every kind of entry on one timeline, with a one-line summary of
-- each, filtered by :since (recorded at or after), :by and :recommendation,
-- each off while NULL. Within one second, updates (each followed by its
-- evidence) come first, then assignments, other evidence, retractions and owner renames;
-- ties go by uid, never by local id, so that merged trackers agree. Every
-- entry names its batch_id (NULL for none). An import or a merge (a batch,
-- k = 0, its summary the file it read) is a line of its own, shown only
-- when asked for: all of them
-- instead of entries with :batches, or one before what it recorded with
-- :batch (NULL: off). An update or evidence that amends another, or was
-- amended, says so (amends, amended_by: the latest amendment).
SELECT recorded_at, by, recommendation_id, kind, id, summary, batch_id, amends, amended_by FROM (
    SELECT recorded_at, by, '' AS recommendation_id, kind, 0 AS k, uid AS anchor, id,
        source AS summary, uid, id AS batch_id, NULL AS amends, NULL AS amended_by
    FROM batches
    UNION ALL
    SELECT recorded_at, by, recommendation_id, 'update', 1, uid, id,
        CASE WHEN note_only THEN 'note' ELSE status END || ' as of ' || as_of || CASE WHEN private THEN ' [private]' ELSE '' END
            || CASE WHEN amends IS NOT NULL THEN ' [amends #' || amends || ']' ELSE '' END
            || COALESCE((SELECT ' [amended by #' || a.id || ' on ' || substr(a.recorded_at, 1, 10) || ' by ' || a.by || ']'
                FROM updates a WHERE a.amends = u.id ORDER BY a.recorded_at DESC, a.uid DESC LIMIT 1), '')
            || CASE WHEN note <> '' THEN ': ' || note ELSE '' END, uid, batch_id,
        amends, (SELECT a.id FROM updates a WHERE a.amends = u.id ORDER BY a.recorded_at DESC, a.uid DESC LIMIT 1)
    FROM updates u
    UNION ALL
    SELECT recorded_at, by, recommendation_id, action, 2, uid, id,
        owner || CASE WHEN action = 'assign' THEN ' as ' || role ELSE '' END || ' from ' || as_of, uid, batch_id, NULL, NULL
    FROM assignments
    UNION ALL
    -- Evidence given with an update is anchored to it, to follow it.
    SELECT e.recorded_at, e.by, e.recommendation_id, 'evidence', CASE WHEN e.update_id IS NULL THEN 3 ELSE 1 END, COALESCE(u.uid, e.uid), e.id,
        e.ref || ' (' || e.date || ')' || CASE WHEN e.title <> '' THEN ' ' || e.title ELSE '' END
            || CASE WHEN e.private THEN ' [private]' ELSE '' END
            || CASE WHEN e.amends IS NOT NULL THEN ' [amends #' || e.amends || ']' ELSE '' END
            || COALESCE((SELECT ' [amended by #' || a.id || ' on ' || substr(a.recorded_at, 1, 10) || ' by ' || a.by || ']'
                FROM evidence a WHERE a.amends = e.id ORDER BY a.recorded_at DESC, a.uid DESC LIMIT 1), ''), e.uid, e.batch_id,
        e.amends, (SELECT a.id FROM evidence a WHERE a.amends = e.id ORDER BY a.recorded_at DESC, a.uid DESC LIMIT 1)
    FROM evidence e LEFT JOIN updates u ON u.id = e.update_id
    UNION ALL
    SELECT x.recorded_at, x.by, COALESCE(u.recommendation_id, e.recommendation_id), 'retract', 4, x.uid, x.id,
        CASE WHEN x.update_id IS NOT NULL THEN 'update ' || x.update_id ELSE 'evidence ' || x.evidence_id END || ': ' || x.reason, x.uid, x.batch_id, NULL, NULL
    FROM retractions x LEFT JOIN updates u ON u.id = x.update_id LEFT JOIN evidence e ON e.id = x.evidence_id
    UNION ALL
    SELECT recorded_at, by, '', 'rename', 5, uid, id,
        old_name || ' is called ' || new_name || ' from ' || as_of, uid, batch_id, NULL, NULL
    FROM owner_renames
)
WHERE (:since IS NULL OR recorded_at >= :since)
    -- :by is the author, whether it recorded itself or for someone (on a
    -- server, "alice (for Jane Doe)" is found by alice and by Jane Doe).
    AND (:by IS NULL OR by = :by COLLATE NOCASE
        OR lower(substr(by, 1, length(:by) + 6)) = lower(:by || ' (for ')
        OR lower(substr(by, length(by) - length(:by) - 6)) = lower(' (for ' || :by || ')'))
    AND (:recommendation IS NULL OR recommendation_id = :recommendation)
    AND CASE WHEN k = 0 THEN :batches <> 0 OR batch_id = :batch
        ELSE :batches = 0 AND (:batch IS NULL OR batch_id = :batch) END
ORDER BY recorded_at, k, anchor, kind = 'evidence', uid
