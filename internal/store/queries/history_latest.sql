-- history_latest: the latest date of any entry; the kept current state is
-- the state on any day from it on.
SELECT max(d) FROM (SELECT '0000-01-01' AS d UNION ALL SELECT max(as_of) FROM updates
    UNION ALL SELECT max(as_of) FROM assignments UNION ALL SELECT max(date) FROM evidence
    UNION ALL SELECT max(as_of) FROM retractions UNION ALL SELECT max(as_of) FROM owner_renames)
