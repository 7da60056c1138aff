-- log: every kind of entry on one timeline, with a one-line summary of
-- each, filtered by :since (recorded at or after), :by and :recommendation,
-- each off while NULL. Within one second, updates (each followed by its
-- evidence) come first, then assignments, other evidence and retractions.
SELECT recorded_at, by, recommendation_id, kind, id, summary FROM (
    SELECT recorded_at, by, recommendation_id, 'update' AS kind, 1 AS k, id AS anchor, id,
        status || ' as of ' || as_of || CASE WHEN note <> '' THEN ': ' || note ELSE '' END AS summary
    FROM updates
    UNION ALL
    SELECT recorded_at, by, recommendation_id, action, 2, id, id,
        owner || CASE WHEN action = 'assign' THEN ' as ' || role ELSE '' END || ' from ' || as_of
    FROM assignments
    UNION ALL
    -- Evidence given with an update is anchored to it, to follow it.
    SELECT recorded_at, by, recommendation_id, 'evidence', CASE WHEN update_id IS NULL THEN 3 ELSE 1 END, COALESCE(update_id, id), id,
        ref || ' (' || date || ')' || CASE WHEN title <> '' THEN ' ' || title ELSE '' END
            || CASE WHEN private THEN ' [private]' ELSE '' END
    FROM evidence
    UNION ALL
    SELECT x.recorded_at, x.by, COALESCE(u.recommendation_id, e.recommendation_id), 'retract', 4, x.id, x.id,
        CASE WHEN x.update_id IS NOT NULL THEN 'update ' || x.update_id ELSE 'evidence ' || x.evidence_id END || ': ' || x.reason
    FROM retractions x LEFT JOIN updates u ON u.id = x.update_id LEFT JOIN evidence e ON e.id = x.evidence_id
)
WHERE (:since IS NULL OR recorded_at >= :since)
    AND (:by IS NULL OR by = :by COLLATE NOCASE)
    AND (:recommendation IS NULL OR recommendation_id = :recommendation)
ORDER BY recorded_at, k, anchor, kind = 'evidence', id
