-- keep_state_owner: works out again the kept state of every recommendation
-- the owner whose key is :owner_key follows up under any of its names, as a
-- rename changes the name their owners show.
INSERT OR REPLACE INTO current_state SELECT * FROM (
-- include: state_on
) WHERE recommendation_id IN (SELECT recommendation_id FROM assignments WHERE owner_key IN (
-- include: owner_keys
))
