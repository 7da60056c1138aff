package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// RecentChanges returns the latest limit status changes dated from since to
// f.AsOf, latest first, of the recommendations f keeps; private notes are
// left out. Only the window's updates are read, not every update since
// the first, so that the overview of a large tracker need not build the
// whole period of a report to show twenty lines.
func (s *Store) RecentChanges(ctx context.Context, f rtp.ListFilter, since rtp.Date, limit int) (out []rtp.Change, err error) {
	if limit < 0 {
		return nil, rtp.Errorf(rtp.EINVALID, "invalid limit %d: it must not be negative", limit)
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		name := "web_recent_changes_all"
		if filtered(f) {
			current, err := s.readsCurrentStateAt(ctx, tx, f.AsOf, f.AsRecorded)
			if err != nil {
				return err
			}
			name = "web_recent_changes_history"
			if current {
				name = "web_recent_changes_current"
			}
		}
		args := append(ListArgs(f, nil), sql.Named("since", string(since)), sql.Named("limit", limit))
		rows, err := tx.QueryContext(ctx, Query(name), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		out = []rtp.Change{}
		for rows.Next() {
			c := rtp.Change{Kind: rtp.ChangeStatus}
			if err := rows.Scan(&c.RecommendationID, &c.Number, &c.Title, &c.From, &c.To, &c.Date, &c.By, &c.Note, &c.EntryID); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// filtered is whether a list filter leaves any recommendation out, besides
// those whose source is later than its day.
func filtered(f rtp.ListFilter) bool {
	return f.Source != "" || len(f.Statuses) > 0 || f.Owner != "" || f.Actor != "" || f.Theme != "" || f.StaleBefore != ""
}
