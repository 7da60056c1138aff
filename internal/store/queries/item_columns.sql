-- item_columns: what a list row shows of recommendation r with its state c
-- (current_state, or state_on for another day).
SELECT r.id, r.source_id, r.number, r.section, r.title, r.heading,
    c.status, c.last_update, c.since, c.actors, c.themes, c.owners, c.evidence_count
