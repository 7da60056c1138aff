-- Every recurring check, by ID.
SELECT id, uid, recommendation_id, question, every, due, first_period, by, recorded_at
FROM checks ORDER BY id
