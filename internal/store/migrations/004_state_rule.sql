-- Version 4: the store keeps the current state with state_on, the one SQL
-- text of the rule for a day's state, instead of a view and triggers that
-- wrote the rule out again; the kept state also names the update in force.
DROP TRIGGER IF EXISTS state_after_recommendation;
DROP TRIGGER IF EXISTS state_after_actor;
DROP TRIGGER IF EXISTS state_after_theme;
DROP TRIGGER IF EXISTS state_after_update;
DROP TRIGGER IF EXISTS state_after_assignment;
DROP TRIGGER IF EXISTS state_after_evidence;
DROP TRIGGER IF EXISTS state_after_retraction;
DROP VIEW IF EXISTS computed_state;
DROP TABLE current_state;
-- schema: current_state
-- schema: latest_after_update latest_after_assignment latest_after_evidence latest_after_retraction
