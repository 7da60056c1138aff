-- web_recent_changes_latest: the latest :limit of them, latest first.
ORDER BY u.as_of DESC, r.position DESC, u.recorded_at DESC, u.uid DESC
LIMIT :limit
