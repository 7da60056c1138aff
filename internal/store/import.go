package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

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
// earlier rows of the same file set. Entries already recorded are skipped
// and listed in the result.
func (s *Store) Import(ctx context.Context, from rtp.BatchOrigin, rows []rtp.ImportRow, progress func(done, total int)) (rtp.ImportResult, error) {
	return s.importRows(ctx, from, rows, progress, false)
}

// ImportDryRun runs the import in a transaction it then rolls back, so
// that what it says would be recorded or skipped is what Import would do,
// rows repeated within the file included.
func (s *Store) ImportDryRun(ctx context.Context, rows []rtp.ImportRow) (rtp.ImportResult, error) {
	return s.importRows(ctx, rtp.BatchOrigin{}, rows, nil, true)
}

// errRollBack ends a dry run's transaction without committing it.
var errRollBack = errors.New("dry run: roll back")

func (s *Store) importRows(ctx context.Context, from rtp.BatchOrigin, rows []rtp.ImportRow, progress func(done, total int), dryRun bool) (res rtp.ImportResult, err error) {
	if err := rtp.ValidateImport(rows, rtp.DateOf(s.Now())); err != nil {
		return res, err
	}
	err = s.write(ctx, func(sqlTx *sql.Tx) error {
		tx := newPreparedTx(sqlTx)
		tx.batch = &batch{origin: from, kind: "import"}
		if s.pg == nil { // SQLite's page cache; PostgreSQL's is the server's
			restore, err := largerCache(ctx, sqlTx)
			if err != nil {
				return err
			}
			defer restore()
		}
		res = rtp.ImportResult{}
		for i, row := range rows {
			if progress != nil && (i%500 == 0 || i == len(rows)-1) {
				progress(i+1, len(rows))
			}
			if err := importRow(ctx, tx, row, &res); err != nil {
				return fmt.Errorf("line %d: %w", row.Line, err)
			}
			res.Rows++
		}
		if dryRun {
			return errRollBack
		}
		res.Batch = tx.batch.id
		return nil
	})
	if dryRun && errors.Is(err, errRollBack) {
		err = nil
	}
	return res, err
}

func importRow(ctx context.Context, tx writer, row rtp.ImportRow, res *rtp.ImportResult) error {
	skip := rtp.ImportSkip{Line: row.Line, Whole: true}
	if u := row.Update; u != nil {
		there, err := updateThere(ctx, tx, *u)
		if err != nil {
			return err
		}
		if there {
			skip.Entries = append(skip.Entries, "update")
		} else {
			if _, err := addUpdate(ctx, tx, *u); err != nil {
				return err
			}
			res.Updates++
			res.Evidence += len(u.Evidence)
			skip.Whole = false
		}
	}
	for _, e := range row.Evidence {
		there, err := evidenceThere(ctx, tx, e)
		if err != nil {
			return err
		}
		if there {
			skip.Entries = append(skip.Entries, "evidence "+e.Ref)
			continue
		}
		if _, err := insertEvidence(ctx, tx, e, 0); err != nil {
			return err
		}
		res.Evidence++
		skip.Whole = false
	}
	if a := row.Assignment; a != nil {
		name, err := ownerThere(ctx, tx, *a)
		if err != nil {
			return err
		}
		if name != "" {
			skip.Entries = append(skip.Entries, "owner "+name)
		} else {
			_, changed, err := assign(ctx, tx, *a)
			if err != nil {
				return err
			}
			if changed {
				res.Assignments++
			}
			skip.Whole = false
		}
	}
	if len(skip.Entries) > 0 {
		res.AlreadyThere = append(res.AlreadyThere, skip)
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
