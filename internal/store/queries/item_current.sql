-- item_current: one recommendation, :id, on a day the kept current state answers.
-- include: item_columns
    , NULL, NULL -- no report columns
-- include: from_current
WHERE r.id = :id
