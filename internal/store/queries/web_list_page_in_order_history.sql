-- web_list_page_in_order_history: one page of items_history in the tracker's order,
-- rows :offset to :offset + :limit: the scan in r.position's order stops
-- after the page.
-- include: items_history
LIMIT :limit OFFSET :offset
