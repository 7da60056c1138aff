package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// OwnerChanges lists the assignments and unassignments of one
// recommendation dated on or before asOf, for its owners over time: one
// indexed read, whatever the size of the tracker.
func (s *Store) OwnerChanges(ctx context.Context, id string, asOf rtp.Date) (out []rtp.OwnerChange, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, Query("web_owner_changes"), sql.Named("id", id), sql.Named("as_of", string(asOf)))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c rtp.OwnerChange
			if err := rows.Scan(&c.Owner, &c.Role, &c.AsOf, &c.By); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}
