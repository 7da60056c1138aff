-- web_list_page_public_count: for the recommendations :ids (a JSON array),
-- the evidence a report without private entries counts on :as_of as known
-- at :known_at: report_columns' rule (evidence_counts, evidence_shown with
-- :include_private false), each document once as
-- rtp.OnePerDocument keeps it (document is rtp.DocumentKey(ref)), without
-- building the list a report cites.
SELECT r.id, (SELECT count(DISTINCT e.document) FROM evidence e WHERE e.recommendation_id = r.id
-- include: evidence_counts
-- include: evidence_shown
    )
FROM recommendations r WHERE r.id IN (SELECT value FROM json_each(:ids))
