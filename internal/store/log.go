package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// logQuery puts every kind of entry on one timeline, with a one-line
// summary of each. Within one second, updates (each followed by its
// evidence) come first, then assignments, other evidence and retractions.
const logQuery = `SELECT recorded_at, by, recommendation_id, kind, id, summary FROM (
	SELECT recorded_at, by, recommendation_id, 'update' AS kind, 1 AS k, id AS anchor, id,
		status || ' as of ' || as_of || CASE WHEN note <> '' THEN ': ' || note ELSE '' END AS summary
	FROM updates
	UNION ALL
	SELECT recorded_at, by, recommendation_id, action, 2, id, id,
		owner || CASE WHEN action = 'assign' THEN ' as ' || role ELSE '' END || ' from ' || as_of
	FROM assignments
	UNION ALL
	-- Evidence given with an update is anchored to it, to follow it.
	SELECT recorded_at, by, recommendation_id, 'evidence', CASE WHEN update_id IS NULL THEN 3 ELSE 1 END, COALESCE(update_id, id), id,
		ref || ' (' || date || ')' || CASE WHEN title <> '' THEN ' ' || title ELSE '' END
			|| CASE WHEN private THEN ' [private]' ELSE '' END
	FROM evidence
	UNION ALL
	SELECT x.recorded_at, x.by, COALESCE(u.recommendation_id, e.recommendation_id), 'retract', 4, x.id, x.id,
		CASE WHEN x.update_id IS NOT NULL THEN 'update ' || x.update_id ELSE 'evidence ' || x.evidence_id END || ': ' || x.reason
	FROM retractions x LEFT JOIN updates u ON u.id = x.update_id LEFT JOIN evidence e ON e.id = x.evidence_id
)
WHERE %s
ORDER BY recorded_at, k, anchor, kind = 'evidence', id`

// Log calls fn with every entry recorded that passes the filter, oldest
// first: the activity log.
func (s *Store) Log(ctx context.Context, f rtp.LogFilter, fn func(rtp.Event) error) error {
	where := []string{"1"}
	var args []any
	if f.Since != "" {
		where = append(where, "recorded_at >= ?")
		args = append(args, string(f.Since))
	}
	if f.By != "" {
		where = append(where, "by = ? COLLATE NOCASE")
		args = append(args, f.By)
	}
	if f.RecommendationID != "" {
		where = append(where, "recommendation_id = ?")
		args = append(args, f.RecommendationID)
	}
	return s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, strings.Replace(logQuery, "%s", strings.Join(where, " AND "), 1), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e rtp.Event
			var recorded string
			if err := rows.Scan(&recorded, &e.By, &e.RecommendationID, &e.Kind, &e.EntryID, &e.Summary); err != nil {
				return err
			}
			if e.RecordedAt, err = parseTimestamp(recorded); err != nil {
				return err
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}
