-- web_list_page_order: a list page's order, by the columns of
-- web_list_page_key: descending if :descending, ties in the tracker's order.
ORDER BY CASE WHEN :descending THEN NULL ELSE sort_key END,
    CASE WHEN :descending THEN sort_key END DESC,
    page_position
