-- web_recent_changes: the status changes dated from :since to :as_of, as
-- changes counts them: each update in force on :as_of as known at
-- :known_at whose status differs from the one before it (the latest earlier
-- update in force, in state_on's order; 'unassessed' before the first). A
-- note-only update changes nothing. A private update's change counts, its
-- note and author only if :include_private. Only the window's updates are
-- read (window_updates, as period_entries reads them). The query that
-- includes this adds its filter, order and LIMIT.
SELECT r.id, r.number, r.title, u.prev, u.status, u.as_of,
    CASE WHEN u.private = 0 OR :include_private THEN u.by ELSE '' END,
    CASE WHEN u.private = 0 OR :include_private THEN u.note ELSE '' END, u.id
FROM (
-- include: window_updates
    ) u
JOIN recommendations r ON r.id = u.recommendation_id
WHERE u.status <> u.prev
