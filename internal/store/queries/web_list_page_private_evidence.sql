-- web_list_page_private_evidence: the recommendations with evidence that a
-- report without private entries leaves out (report_columns' rule), on
-- any day: only theirs is counted again for a list sorted or filtered on
-- the values serve shows.
SELECT DISTINCT e.recommendation_id FROM evidence e
WHERE e.private = 1 OR EXISTS (SELECT 1 FROM updates pu WHERE pu.id = e.update_id AND pu.private = 1)
