-- check_latest_date: a line if latest_date is not the latest of the history.
SELECT 'latest_date is ' || quote(date) || ', the history''s latest is ' || quote(want) FROM (
    SELECT (SELECT date FROM latest_date) AS date, (
-- include: history_latest
    ) AS want)
WHERE date IS NOT want
