-- check_current_state: a line for each recommendation whose kept state is not
-- what state_on gives (on a day after any entry), and for kept states of
-- unknown recommendations.
SELECT 'recommendation ' || recommendation_id || ' has a current state that its history does not give' FROM (
    SELECT * FROM (
-- include: state_on
    ) EXCEPT SELECT * FROM current_state)
UNION ALL SELECT 'current_state names the unknown recommendation ' || quote(recommendation_id) FROM current_state
    WHERE recommendation_id NOT IN (SELECT id FROM recommendations)
