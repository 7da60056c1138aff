-- Every recurring check received by :known_at, by ID.
SELECT id, uid, recommendation_id, question, every, due, first_period, by, recorded_at
FROM checks WHERE received_at <= :known_at ORDER BY id
