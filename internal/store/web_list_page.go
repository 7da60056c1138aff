package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// ListPage returns one page of a list, sorted and cut by SQLite: only the
// page's rows reach Go, and on a day the kept current state answers the
// sort reads that table's light columns, not the history.
func (s *Store) ListPage(ctx context.Context, f rtp.ListFilter, sort string, offset, limit int) (out []rtp.Item, err error) {
	column, descending := strings.CutPrefix(sort, "-")
	if column != "" && !slices.Contains(rtp.ListSorts, column) {
		return nil, rtp.Errorf(rtp.EINVALID, "invalid sort %q: use one of %s, with - first for descending order", sort, strings.Join(rtp.ListSorts, ", "))
	}
	if offset < 0 || limit < 0 {
		return nil, rtp.Errorf(rtp.EINVALID, "invalid page: offset %d and limit %d must not be negative", offset, limit)
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		current, err := s.readsCurrentStateAt(ctx, tx, f.AsOf, f.AsRecorded)
		if err != nil {
			return err
		}
		name := "web_list_page_"
		if sort == "" || sort == "number" {
			name += "in_order_" // no sort: the scan stops after the page
		}
		if current {
			name += "current"
		} else {
			name += "history"
		}
		args := append(ListArgs(f, nil), sql.Named("sort", column), sql.Named("descending", descending),
			sql.Named("status_order", mustJSON(rtp.Statuses)), sql.Named("offset", offset), sql.Named("limit", limit))
		return s.scanItems(ctx, tx, name, args, false, func(row rtp.ReportRow) error {
			out = append(out, row.Item)
			return nil
		})
	})
	return out, err
}
