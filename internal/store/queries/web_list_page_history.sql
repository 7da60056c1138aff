-- web_list_page_history: one page of items_history, sorted by :sort (one of
-- rtp.ListSorts), rows :offset to :offset + :limit. The state on an
-- earlier day is worked out for every recommendation anyway, so the rows
-- are sorted whole.
SELECT id, source_id, number, section, title, heading, status, last_update, since, actors, themes, owners,
    evidence_count, private, note, evidence
FROM (
-- include: item_columns
    , NULL AS note, NULL AS evidence
-- include: web_list_page_key
-- include: from_history
-- include: items_filter
)
-- include: web_list_page_order
LIMIT :limit OFFSET :offset
