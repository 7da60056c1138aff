-- merge_in_force: each recommendation's update in force as the kept current
-- state says, by uid: what a merge compares the other tracker's with. The
-- status is the kept state's: a note-only update's own column is not what
-- it stands for once the update it followed is retracted.
SELECT u.uid, u.recommendation_id, c.status, u.note, u.as_of, u.by, u.recorded_at
FROM current_state c JOIN updates u ON u.id = c.update_id
