-- item_columns: what a list row shows of recommendation r with its state c
-- (current_state, or state_on for another day), and whether the update in
-- force is private (lists mark it).
SELECT r.id, r.source_id, r.number, r.section, r.title, r.heading,
    c.status, c.last_update, c.since, c.actors, c.themes, c.owners, c.evidence_count,
    COALESCE((SELECT p.private FROM updates p WHERE p.id = c.update_id), 0) AS private
