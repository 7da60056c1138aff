-- web_recent_changes: the status changes dated from :since to :as_of, as
-- changes counts them: each update in force on :as_of as known at
-- :known_at whose status differs from the one before it (the latest earlier
-- update in force, in state_on's order; 'unassessed' before the first). A
-- note-only update changes nothing. A private update's change counts, its
-- note and author only if :include_private. Only the window's updates are read
-- whole; the update before each is one seek on updates_by_recommendation,
-- not a pass over every update as changes' window function makes. The
-- query that includes this adds its filter, order and LIMIT.
SELECT r.id, r.number, r.title, u.prev, u.status, u.as_of,
    CASE WHEN u.private = 0 OR :include_private THEN u.by ELSE '' END,
    CASE WHEN u.private = 0 OR :include_private THEN u.note ELSE '' END, u.id
FROM (SELECT w.*, COALESCE((SELECT p.status FROM updates p
            WHERE p.recommendation_id = w.recommendation_id AND p.note_only = 0 AND p.received_at <= :known_at
                AND (p.as_of, p.recorded_at, p.uid) < (w.as_of, w.recorded_at, w.uid)
                AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = p.id AND x.received_at <= :known_at)
            ORDER BY p.as_of DESC, p.recorded_at DESC, p.uid DESC LIMIT 1), 'unassessed') AS prev
    FROM updates w
    WHERE w.as_of >= :since AND w.as_of <= :as_of AND w.note_only = 0 AND w.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = w.id AND x.received_at <= :known_at)) u
JOIN recommendations r ON r.id = u.recommendation_id
WHERE u.status <> u.prev
