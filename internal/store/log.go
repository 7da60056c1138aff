package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// Log calls fn with every entry recorded that passes the filter, oldest
// first: the activity log.
func (s *Store) Log(ctx context.Context, f rtp.LogFilter, fn func(rtp.Event) error) error {
	args := []any{sql.Named("since", nullable(string(f.Since))), sql.Named("by", nullable(f.By)),
		sql.Named("recommendation", nullable(f.RecommendationID))}
	return s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, Query("log"), args...)
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
