-- web_list_page_rows_current: the list rows of the recommendations :ids (a
-- JSON array) on a day the kept current state answers, in no order.
-- include: item_columns
    , NULL, NULL
-- include: from_current
WHERE r.id IN (SELECT value FROM json_each(:ids))
