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
		sql.Named("recommendation", nullable(f.RecommendationID)), sql.Named("batches", f.Batches), sql.Named("batch", nullableID(f.Batch))}
	return s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, Query("log"), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e rtp.Event
			var recorded string
			var batch, amends, amendedBy sql.NullInt64
			if err := rows.Scan(&recorded, &e.By, &e.RecommendationID, &e.Kind, &e.EntryID, &e.Summary, &batch, &amends, &amendedBy); err != nil {
				return err
			}
			e.Amends, e.AmendedBy = amends.Int64, amendedBy.Int64
			if batch.Valid {
				e.Batch = &batch.Int64
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

// nullableID is SQL NULL for 0, the zero value that filters nothing.
func nullableID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
