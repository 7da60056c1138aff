-- item_history: one recommendation, :id, on an earlier day.
-- include: item_columns
-- include: from_history
WHERE r.id = :id
