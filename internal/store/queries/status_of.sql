-- status_of: the status of one recommendation, :id, on :as_of as known on
-- :known_at: state_on read for the status alone, which SQLite then works out
-- without the owners and counts (a note-only update needs only the status).
SELECT status FROM (
-- include: state_on
) WHERE recommendation_id = :id
