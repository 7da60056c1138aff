-- items_history: a list on an earlier day.
-- include: item_columns
    , NULL, NULL -- no report columns
-- include: from_history
-- include: items_filter
