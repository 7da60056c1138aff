-- item_history: one recommendation, :id, on an earlier day.
-- include: item_columns
    , NULL, NULL -- no report columns
-- include: from_history
WHERE r.id = :id
