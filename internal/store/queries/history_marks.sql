-- history_marks: the newest row of each history table, taken when a write
-- begins, so that keep_state finds what the write added.
SELECT (SELECT COALESCE(max(rowid), 0) FROM recommendations), (SELECT COALESCE(max(id), 0) FROM updates),
    (SELECT COALESCE(max(id), 0) FROM assignments), (SELECT COALESCE(max(id), 0) FROM evidence),
    (SELECT COALESCE(max(id), 0) FROM retractions)
