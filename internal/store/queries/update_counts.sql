-- update_counts: update u counts as known at :known_at if it was received
-- by then and no retraction of it was. The query that includes this has
-- begun its WHERE.
    AND u.received_at <= :known_at
    AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = u.id AND x.received_at <= :known_at)
