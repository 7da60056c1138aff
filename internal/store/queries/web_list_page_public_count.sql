-- web_list_page_public_count: for the recommendations :ids (a JSON array),
-- the evidence a report without private entries counts on :as_of as known
-- at :known_at: report_columns' rule, each document once as
-- rtp.OnePerDocument keeps it (document is rtp.DocumentKey(ref)), without
-- building the list a report cites.
SELECT r.id, (SELECT count(DISTINCT e.document) FROM evidence e WHERE e.recommendation_id = r.id AND e.date <= :as_of
        AND e.received_at <= :known_at
        AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.evidence_id = e.id AND x.received_at <= :known_at)
        AND e.private = 0 AND NOT EXISTS (SELECT 1 FROM updates pu WHERE pu.id = e.update_id AND pu.private = 1))
FROM recommendations r WHERE r.id IN (SELECT value FROM json_each(:ids))
