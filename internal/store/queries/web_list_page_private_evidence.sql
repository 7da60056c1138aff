-- web_list_page_private_evidence: the recommendations with evidence that a
-- report without private entries leaves out (report_columns' rule), on
-- any day: only theirs is counted again for a list sorted or filtered on
-- the values serve shows. Two scans, not a seek per piece of evidence.
SELECT recommendation_id FROM evidence WHERE private = 1
UNION
SELECT e.recommendation_id FROM updates u JOIN evidence e ON e.update_id = u.id WHERE u.private = 1
