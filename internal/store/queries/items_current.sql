-- items_current: a list on a day the kept current state answers.
-- include: item_columns
    , NULL, NULL -- no report columns
-- include: from_current
-- include: items_filter
