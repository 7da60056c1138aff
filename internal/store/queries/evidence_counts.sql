-- evidence_counts: evidence e counts on :as_of as known at :known_at if it
-- is dated on or before :as_of, was received by :known_at and no
-- retraction of it was. The query that includes this has begun its WHERE.
    AND e.date <= :as_of AND e.received_at <= :known_at
    AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.evidence_id = e.id AND x.received_at <= :known_at)
