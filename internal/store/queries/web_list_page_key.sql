-- web_list_page_key: what a list page sorts recommendation r with its state
-- c by: sort_key, the column :sort names (rtp.ListSorts), then
-- page_position, the tracker's order, for ties and for 'number'. Status
-- sorts by its place in :status_order (a JSON array); owners by the first
-- owner's name. lower() folds ASCII only.
    , r.position AS page_position,
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
