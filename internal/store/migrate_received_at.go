package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rtp-tracker/rtp"
)

// migrationBeforeSQL holds, by schema version, what must be done in Go
// before a migration's SQL runs, in the same transaction.
var migrationBeforeSQL = map[int]func(ctx context.Context, tx *sql.Tx) error{
	11: addReceivedAt,
	13: addRetractionBatch,
}

// addReceivedAt adds received_at to the history tables that lack it:
// migrations 002 and 010 create retractions and owner_renames as schema.sql
// defines them, with the column, so a tracker older than version 2 (or 10)
// has it there already.
func addReceivedAt(ctx context.Context, tx *sql.Tx) error {
	for _, table := range []string{"updates", "assignments", "evidence", "retractions", "owner_renames"} {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?) WHERE name = 'received_at'`, table).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE `+table+` ADD COLUMN received_at TEXT NOT NULL DEFAULT ''`); err != nil {
				return err
			}
		}
	}
	return nil
}

// addRetractionBatch adds batch_id to retractions, unless migration 002
// created the table as schema.sql defines it, with the column.
func addRetractionBatch(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('retractions') WHERE name = 'batch_id'`).Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := tx.ExecContext(ctx, `ALTER TABLE retractions ADD COLUMN batch_id INTEGER REFERENCES batches (id)`)
	return err
}

// startClock writes the clock row of an upgraded tracker, if it has none:
// it was created when it first received an entry (or, with none, now), and
// its latest stamp is the latest received_at.
func startClock(ctx context.Context, tx *sql.Tx, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO clock (one, created_at, last_stamp)
		SELECT 1, COALESCE(min(t), :now), COALESCE(max(t), :now) FROM (
			SELECT received_at AS t FROM updates UNION ALL SELECT received_at FROM assignments
			UNION ALL SELECT received_at FROM evidence UNION ALL SELECT received_at FROM retractions
			UNION ALL SELECT received_at FROM owner_renames)`, sql.Named("now", rtp.Stamp(now)))
	return err
}
