-- web_list_page_current: one page of items_current, sorted by :sort (one of
-- rtp.ListSorts), rows :offset to :offset + :limit. Only the IDs and sort
-- keys of the list are sorted; the page's rows are then read by ID, so a
-- page costs one pass over current_state's light columns whatever its
-- number.
-- include: item_columns
    , NULL, NULL
FROM (
    SELECT page_id, page_position, sort_key FROM (
        SELECT r.id AS page_id
-- include: web_list_page_key
-- include: from_current
-- include: items_filter
    )
-- include: web_list_page_order
    LIMIT :limit OFFSET :offset
) p JOIN recommendations r ON r.id = p.page_id JOIN current_state c ON c.recommendation_id = r.id
-- include: web_list_page_order
