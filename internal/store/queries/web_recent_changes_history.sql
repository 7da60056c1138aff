-- web_recent_changes_history: the latest :limit status changes of the window,
-- of the recommendations the list's filter keeps (items_history).
-- include: web_recent_changes
    AND r.id IN (SELECT r.id
-- include: from_history
-- include: items_filter
    )
-- include: web_recent_changes_latest
