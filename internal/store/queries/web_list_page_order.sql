-- web_list_page_order: the list's filter, then the page: sorted by :sort
-- (descending if :descending), ties in the tracker's order (r.position),
-- rows :offset to :offset + :limit.
-- include: items_filter
)
ORDER BY CASE WHEN :descending THEN NULL ELSE sort_key END,
    CASE WHEN :descending THEN sort_key END DESC,
    position
LIMIT :limit OFFSET :offset
