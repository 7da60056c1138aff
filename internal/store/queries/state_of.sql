-- state_of: the state of one recommendation, :id, on :as_of as known on
-- :known_at.
SELECT status, owners FROM (
-- include: state_on
) WHERE recommendation_id = :id
