-- reset_latest_date: sets latest_date from the whole history.
INSERT OR REPLACE INTO latest_date (one, date) VALUES (1, (
-- include: history_latest
))
