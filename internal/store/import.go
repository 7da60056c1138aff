package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/rtp-tracker/rtp"
)

// MadeDates maps every recommendation to the date of its source: nothing
// about it can be dated earlier.
func (s *Store) MadeDates(ctx context.Context) (out map[string]rtp.Date, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		out, err = recommendationDates(ctx, tx)
		return err
	})
	return out, err
}

// Import records checked rows in one transaction: all of them, or none.
// Rows apply in order, so an update without a status keeps the status that
// earlier rows of the same file set.
func (s *Store) Import(ctx context.Context, rows []rtp.ImportRow, progress func(done, total int)) (res rtp.ImportResult, err error) {
	if err := rtp.ValidateImport(rows, rtp.DateOf(s.Now())); err != nil {
		return res, err
	}
	now := s.Now()
	err = s.write(ctx, func(sqlTx *sql.Tx) error {
		tx := newPreparedTx(sqlTx)
		restore, err := largerCache(ctx, sqlTx)
		if err != nil {
			return err
		}
		defer restore()
		res = rtp.ImportResult{}
		for i, row := range rows {
			if progress != nil && (i%500 == 0 || i == len(rows)-1) {
				progress(i+1, len(rows))
			}
			if err := importRow(ctx, tx, row, now, &res); err != nil {
				return fmt.Errorf("line %d: %w", row.Line, err)
			}
			res.Rows++
		}
		return nil
	})
	return res, err
}

func importRow(ctx context.Context, tx writer, row rtp.ImportRow, t time.Time, res *rtp.ImportResult) error {
	if u := row.Update; u != nil {
		if _, err := addUpdate(ctx, tx, *u, t); err != nil {
			return err
		}
		res.Updates++
		res.Evidence += len(u.Evidence)
	}
	for _, e := range row.Evidence {
		if _, err := insertEvidence(ctx, tx, e, 0, t); err != nil {
			return err
		}
		res.Evidence++
	}
	if a := row.Assignment; a != nil {
		_, changed, err := assign(ctx, tx, *a, t)
		if err != nil {
			return err
		}
		if changed {
			res.Assignments++
		}
	}
	return nil
}

// importCacheKiB is SQLite's page cache while an import runs. Each row
// writes to pages all over the history's indexes; with the default cache
// (2 MiB) most of them are read again from the file on every row once the
// tracker outgrows it, and 100,000 rows take a third longer. The cache only
// grows as far as the pages the import touches.
const importCacheKiB = 64 << 10

// largerCache raises the page cache of tx's connection for an import, and
// returns what puts it back: the connection stays in the pool.
func largerCache(ctx context.Context, tx *sql.Tx) (restore func(), err error) {
	var was int64
	if err := tx.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&was); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, -importCacheKiB)); err != nil {
		return nil, err
	}
	return func() { tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, was)) }, nil
}
