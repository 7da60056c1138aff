-- merge_in_force: each recommendation's update in force as the kept current
-- state says, by uid: what a merge compares the other tracker's with.
SELECT u.uid, u.recommendation_id, u.status, u.note, u.as_of, u.by, u.recorded_at
FROM current_state c JOIN updates u ON u.id = c.update_id
