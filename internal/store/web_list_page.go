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
// sort reads that table's light columns, not the history. The page is
// served: its rows show what a report without private entries shows
// (publicPage).
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
		err = s.scanItems(ctx, tx, name, args, false, func(row rtp.ReportRow) error {
			out = append(out, row.Item)
			return nil
		})
		if err != nil {
			return err
		}
		return publicPage(ctx, tx, f, out)
	})
	return out, err
}

// publicPage gives a page's rows what a report without private entries
// shows of them, for rtp serve, which never shows what is private: the
// evidence counted by report_columns' rule, the last update by
// publicLastUpdate's. The list query counts one's own evidence, private
// included; only the page's rows (at most a page) are read again.
func publicPage(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, items []rtp.Item) error {
	ids := make([]string, len(items))
	at := make(map[string]int, len(items))
	for i, it := range items {
		ids[i], at[it.ID] = it.ID, i
	}
	rows, err := tx.QueryContext(ctx, Query("web_list_page_public"), sql.Named("ids", mustJSON(ids)),
		sql.Named("as_of", string(f.AsOf)), sql.Named("known_at", f.AsRecorded.KnownAt()), sql.Named("include_private", false))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var note, evidence sql.NullString
		if err := rows.Scan(&id, &note, &evidence); err != nil {
			return err
		}
		var public rtp.ReportRow
		if err := reportFields(&public, note, evidence); err != nil {
			return err
		}
		items[at[id]].EvidenceCount = public.EvidenceCount
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range items {
		if err := publicLastUpdate(ctx, tx, f, false, &items[i]); err != nil {
			return err
		}
		items[i].Private = false
	}
	return nil
}
