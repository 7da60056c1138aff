-- web_list_page_columns: the columns of a list page and its sort key, up to
-- the FROM of the current state or of the history; web_list_page_order
-- closes it. Status sorts by its place in :status_order (a JSON array);
-- owners by the first owner's name. lower() folds ASCII only.
SELECT id, source_id, number, section, title, heading, status, last_update, since, actors, themes, owners,
    evidence_count, note, evidence
FROM (
-- include: item_columns
    , NULL AS note, NULL AS evidence, r.position AS position,
    CASE :sort
        WHEN 'id' THEN r.id
        WHEN 'title' THEN lower(r.title)
        WHEN 'status' THEN (SELECT key FROM json_each(:status_order) WHERE value = c.status)
        WHEN 'since' THEN c.since
        WHEN 'last_update' THEN c.last_update
        WHEN 'owners' THEN lower(substr(c.owners, 1, instr(c.owners || char(30), char(30)) - 1))
        WHEN 'evidence' THEN c.evidence_count
        ELSE r.position
    END AS sort_key
