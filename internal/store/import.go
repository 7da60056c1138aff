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
		changed, err := assign(ctx, tx, *a, t)
		if err != nil {
			return err
		}
		if changed {
			res.Assignments++
		}
	}
	return nil
}
