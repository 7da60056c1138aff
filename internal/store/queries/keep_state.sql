-- keep_state: works out again, with state_on on a day after any entry, the
-- kept state of every recommendation that a write touched: those added, and
-- those with an entry newer than the marks taken when the write began.
INSERT OR REPLACE INTO current_state SELECT * FROM (
-- include: state_on
) WHERE recommendation_id IN (
    SELECT id FROM recommendations WHERE rowid > :recommendations
    UNION ALL SELECT recommendation_id FROM updates WHERE id > :updates
    UNION ALL SELECT recommendation_id FROM assignments WHERE id > :assignments
    UNION ALL SELECT recommendation_id FROM evidence WHERE id > :evidence
    UNION ALL SELECT u.recommendation_id FROM retractions x JOIN updates u ON u.id = x.update_id WHERE x.id > :retractions
    UNION ALL SELECT e.recommendation_id FROM retractions x JOIN evidence e ON e.id = x.evidence_id WHERE x.id > :retractions)
