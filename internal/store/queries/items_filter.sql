-- items_filter: a list's filter, every condition off while its parameter
-- is NULL. :statuses is a JSON array. :owner_key is rtp.OwnerKey of the
-- owner asked for, under any of its names (owner_keys): the owner is in the
-- state's owners (name char(30) role, joined by char(31)) if one of the
-- spellings its assignments to this recommendation use, or a name its
-- renames received by :known_at give, is there; a seek on
-- assignments_by_recommendation. On a day before its source's date a
-- recommendation is left out. :actor matches an actor the source names or
-- one added knowingly (actor_additions).
WHERE (:source IS NULL OR r.source_id = :source)
    AND (:statuses IS NULL OR c.status IN (SELECT value FROM json_each(:statuses)))
    AND (:actor IS NULL OR EXISTS (SELECT 1 FROM recommendation_actors
        WHERE recommendation_id = r.id AND actor = :actor COLLATE NOCASE)
        OR EXISTS (SELECT 1 FROM actor_additions
        WHERE recommendation_id = r.id AND actor = :actor COLLATE NOCASE))
    AND (:theme IS NULL OR EXISTS (SELECT 1 FROM recommendation_themes
        WHERE recommendation_id = r.id AND theme = :theme COLLATE NOCASE))
    AND (:owner_key IS NULL OR EXISTS (SELECT 1 FROM assignments a
        WHERE a.recommendation_id = r.id AND a.owner_key IN (
-- include: owner_keys
        ) AND (instr(char(31) || c.owners, char(31) || a.owner || char(30)) > 0
            OR EXISTS (SELECT 1 FROM owner_renames n JOIN owner_identities i ON i.key = n.new_key
                WHERE i.identity = (SELECT identity FROM owner_identities WHERE key = a.owner_key) AND n.received_at <= :known_at
                AND (instr(char(31) || c.owners, char(31) || n.old_name || char(30)) > 0
                    OR instr(char(31) || c.owners, char(31) || n.new_name || char(30)) > 0)))))
    AND (:stale_before IS NULL OR c.last_update IS NULL OR c.last_update < :stale_before)
    -- A recommendation does not exist before its source was issued.
    AND (:as_of = '' OR (SELECT s.date FROM sources s WHERE s.id = r.source_id) <= :as_of)
ORDER BY r.position
