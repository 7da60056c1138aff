-- public_last_update: the as-of date of the latest update of recommendation
-- :id that counts on :as_of as known at :known_at (as in state_on), a
-- private note-only update left out: a report without private entries
-- leaves such a note out whole (period_entries), its date included. NULL if
-- none.
SELECT MAX(u.as_of) FROM updates u
WHERE u.recommendation_id = :id AND u.as_of <= :as_of AND NOT (u.private = 1 AND u.note_only = 1)
-- include: update_counts
