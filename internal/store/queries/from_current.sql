-- from_current: recommendations with the state kept in current_state, which
-- is their state on any day from latest_date on.
FROM recommendations r JOIN current_state c ON c.recommendation_id = r.id
