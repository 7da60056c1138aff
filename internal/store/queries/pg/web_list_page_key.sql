-- web_list_page_key on PostgreSQL, whose CASE has one type: the keys are
-- text, numbers written with leading zeros so that they sort as numbers.
    , r.position AS page_position,
    CASE :sort
        WHEN 'id' THEN r.id
        WHEN 'title' THEN lower(r.title)
        WHEN 'status' THEN lpad((SELECT key FROM json_each(:status_order) WHERE value = c.status)::text, 20, '0')
        WHEN 'since' THEN c.since
        WHEN 'last_update' THEN c.last_update
        WHEN 'owners' THEN lower(substr(c.owners, 1, instr(c.owners || char(30), char(30)) - 1))
        WHEN 'evidence' THEN lpad(c.evidence_count::text, 20, '0')
        ELSE lpad(r.position::text, 20, '0')
    END AS sort_key
