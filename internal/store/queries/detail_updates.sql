-- detail_updates: the updates of recommendation :id, oldest first (in the
-- order of state_on), each with its retraction if any: the first known at
-- :known_at by (recorded_at, uid), so that two trackers that each retracted
-- it and merged show the same one. A note-only update
-- shows the status it keeps: that of the latest update before it that gave
-- one and counts as known at :known_at (as in state_on). Updates and
-- retractions received after :known_at are not there yet. Each names the
-- update it amends (NULL: none) and the latest that amends it, by
-- (recorded_at, uid) as merged trackers agree: two trackers may amend one
-- update. actor: the addressee an update is about ('' for the
-- recommendation itself).
SELECT u.id,
    CASE WHEN u.note_only THEN COALESCE((SELECT k.status FROM updates k
        WHERE k.recommendation_id = u.recommendation_id AND k.note_only = 0 AND k.actor IS NULL
        AND (k.as_of, k.recorded_at, k.uid) < (u.as_of, u.recorded_at, u.uid)
        AND k.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.update_id = k.id AND r.received_at <= :known_at)
        ORDER BY k.as_of DESC, k.recorded_at DESC, k.uid DESC LIMIT 1), 'unassessed')
    ELSE u.status END,
    u.note, u.as_of, u.by, u.recorded_at, u.private, x.id, x.reason, x.as_of, x.by, x.recorded_at,
    u.amends, a.id, a.by, a.recorded_at, u.note_only, COALESCE(u.actor, '')
FROM updates u LEFT JOIN retractions x ON x.id = (SELECT id FROM retractions WHERE update_id = u.id AND received_at <= :known_at
        ORDER BY recorded_at, uid LIMIT 1)
    LEFT JOIN updates a ON a.id = (SELECT id FROM updates WHERE amends = u.id AND received_at <= :known_at
        ORDER BY recorded_at DESC, uid DESC LIMIT 1)
WHERE u.recommendation_id = :id AND u.received_at <= :known_at ORDER BY u.as_of, u.recorded_at, u.uid
