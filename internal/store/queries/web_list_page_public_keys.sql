-- web_list_page_public_keys: on a day the kept current state answers, what
-- a list sorted or filtered on the values serve shows needs of every row
-- the other filters keep, in the order of :sort (web_list_page_key; ''
-- for the tracker's order): its ID and kept evidence count and last
-- update, and, if :need_private, whether its update in force is private
-- (its last update is then worked out again). The light columns only: the
-- page's rows are read after, by ID (web_list_page_rows_current).
SELECT page_id, evidence_count, last_update, private FROM (
    SELECT r.id AS page_id, c.evidence_count, c.last_update,
        CASE WHEN :need_private = 1 THEN COALESCE((SELECT p.private FROM updates p WHERE p.id = c.update_id), 0) ELSE 0 END AS private
-- include: web_list_page_key
-- include: from_current
-- include: items_filter
)
-- include: web_list_page_order
