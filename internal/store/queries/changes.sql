-- changes: the status changes in force on :as_of and dated on or after
-- :since (inclusive, as --since means everywhere):
-- each update that counts on :as_of as known at :known_at (as in state_on) whose status differs from the
-- one before it, in the order of state_on (as_of, recorded_at, uid). A
-- note-only update changes nothing: it keeps the status in force. A private
-- update's change counts, its note and author (by) only if :include_private.
SELECT id, number, title, prev, status, as_of, by, note, update_id FROM (
    SELECT r.id, r.number, r.title, r.position, u.id AS update_id, u.status, u.as_of,
        CASE WHEN u.private = 0 OR :include_private THEN u.by ELSE '' END AS by,
        CASE WHEN u.private = 0 OR :include_private THEN u.note ELSE '' END AS note, u.recorded_at, u.uid,
        lag(u.status, 1, 'unassessed') OVER (PARTITION BY u.recommendation_id ORDER BY u.as_of, u.recorded_at, u.uid) AS prev
    FROM updates u JOIN recommendations r ON r.id = u.recommendation_id
    WHERE u.as_of <= :as_of AND u.note_only = 0 AND u.actor IS NULL
-- include: update_counts
    )
WHERE status <> prev AND as_of >= :since
ORDER BY as_of, position, recorded_at, uid
