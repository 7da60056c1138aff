-- web_list_page_in_order_current: one page of items_current in the tracker's order,
-- rows :offset to :offset + :limit: the scan in r.position's order stops
-- after the page.
-- include: items_current
LIMIT :limit OFFSET :offset
