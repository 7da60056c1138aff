-- from_history: recommendations with their state on :as_of worked out from
-- the history.
FROM recommendations r JOIN (
-- include: state_on
) c ON c.recommendation_id = r.id
