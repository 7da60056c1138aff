-- web_list_page_public: for the recommendations :ids (a JSON array, one
-- list page), what a report without private entries reads of them
-- (report_columns): the page served counts evidence as reports do.
SELECT r.id
-- include: report_columns
FROM recommendations r WHERE r.id IN (SELECT value FROM json_each(:ids))
