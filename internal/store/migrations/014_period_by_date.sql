-- Version 14: a report's period is read by date. rtp report --since seeks
-- each kind of entry from the period's first day (period_entries.sql)
-- instead of reading every entry the tracker holds.
CREATE INDEX updates_by_date ON updates (as_of);
CREATE INDEX evidence_by_date ON evidence (date);
CREATE INDEX assignments_by_date ON assignments (as_of);
CREATE INDEX retractions_by_date ON retractions (as_of);
