package store

import (
	"cmp"
	"context"
	"database/sql"
	"math"
	"slices"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// ListPage returns one page of a list, sorted and cut by SQLite: only the
// page's rows reach Go, and on a day the kept current state answers the
// sort reads that table's light columns, not the history. The page is
// served: its rows show what a report without private entries shows
// (publicPage), and it is sorted and filtered on what it shows: while the
// tracker holds private entries, a page sorted by evidence or last update,
// or of the stale ones only, is worked out in Go (publicListPage).
func (s *Store) ListPage(ctx context.Context, f rtp.ListFilter, sort string, offset, limit int) (out []rtp.Item, err error) {
	column, _ := strings.CutPrefix(sort, "-")
	if column != "" && !slices.Contains(rtp.ListSorts, column) {
		return nil, rtp.Errorf(rtp.EINVALID, "invalid sort %q: use one of %s, with - first for descending order", sort, strings.Join(rtp.ListSorts, ", "))
	}
	if offset < 0 || limit < 0 {
		return nil, rtp.Errorf(rtp.EINVALID, "invalid page: offset %d and limit %d must not be negative", offset, limit)
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		if f.StaleBefore != "" || slices.Contains(publicSorts, column) {
			private, err := s.holdsPrivate(ctx, tx)
			if err != nil {
				return err
			}
			if private {
				out, err = s.publicListPage(ctx, tx, f, sort, offset, limit)
				return err
			}
		}
		if out, err = s.sortedPage(ctx, tx, f, sort, offset, limit); err != nil {
			return err
		}
		return publicPage(ctx, tx, f, out)
	})
	return out, err
}

// publicSorts are the columns whose kept values count private entries,
// which serve never shows (publicPage): sorted by those values, a page's
// order would give the private entries away.
var publicSorts = []string{"evidence", "last_update"}

// sortedPage reads rows offset to offset + limit of
// the list sorted in SQLite on the kept state's values.
func (s *Store) sortedPage(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, sort string, offset, limit int) (out []rtp.Item, err error) {
	column, descending := strings.CutPrefix(sort, "-")
	current, err := s.readsCurrentStateAt(ctx, tx, f.AsOf, f.AsRecorded)
	if err != nil {
		return nil, err
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
	return out, err
}

// publicListPage is a page of a tracker that holds private entries, sorted
// by or filtered on the values serve shows: every row the other filters
// keep gets them (publicValues), then the stale ones are kept and the rows
// sorted in Go, ties in the tracker's order as in SQL (web_list_page_order:
// no date first, and last when descending). On a day the kept current
// state answers, only the rows' light columns are read for that, and the
// page's rows then by ID; on an earlier day the state is worked out for
// every row anyway, and the rows are read whole. Serve keeps a sorted page
// (internal/web/kept.go).
func (s *Store) publicListPage(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, sort string, offset, limit int) ([]rtp.Item, error) {
	column, descending := strings.CutPrefix(sort, "-")
	inSQL, unfiltered := sort, f
	if slices.Contains(publicSorts, column) {
		inSQL = ""
	}
	unfiltered.StaleBefore = ""
	current, err := s.readsCurrentStateAt(ctx, tx, f.AsOf, f.AsRecorded)
	if err != nil {
		return nil, err
	}
	if !current {
		all, err := s.sortedPage(ctx, tx, unfiltered, inSQL, 0, math.MaxInt) // LIMIT -1 is SQLite's alone
		if err != nil {
			return nil, err
		}
		if err := s.publicValues(ctx, tx, f, all); err != nil {
			return nil, err
		}
		return publicOrder(all, f, column, descending, inSQL == "", offset, limit), nil
	}
	keys, err := s.publicKeys(ctx, tx, unfiltered, inSQL, f.StaleBefore != "" || column == "last_update")
	if err != nil {
		return nil, err
	}
	if err := s.publicValues(ctx, tx, f, keys); err != nil {
		return nil, err
	}
	page := publicOrder(keys, f, column, descending, inSQL == "", offset, limit)
	return s.rowsByID(ctx, tx, f, page)
}

// publicOrder keeps the rows all that are stale by their public last
// update, sorts them in Go if bySort (by the public evidence count or last
// update), and cuts the page.
func publicOrder(all []rtp.Item, f rtp.ListFilter, column string, descending, bySort bool, offset, limit int) []rtp.Item {
	if f.StaleBefore != "" {
		all = slices.DeleteFunc(all, func(it rtp.Item) bool { return it.LastUpdate != nil && *it.LastUpdate >= f.StaleBefore })
	}
	// The rows' places are sorted, not the rows: an Item is large.
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	if bySort && column != "" {
		slices.SortStableFunc(order, func(i, j int) int {
			a, b := &all[i], &all[j]
			c := cmp.Compare(a.EvidenceCount, b.EvidenceCount)
			if column == "last_update" {
				c = compareDates(a.LastUpdate, b.LastUpdate)
			}
			if descending {
				return -c
			}
			return c
		})
	}
	offset = min(offset, len(order))
	page := make([]rtp.Item, 0, min(limit, len(order)-offset))
	for _, i := range order[offset : offset+cap(page)] {
		page = append(page, all[i])
	}
	return page
}

// publicKeys reads, from the kept current state, the ID, evidence count and
// last update of every row f keeps, in the order of sort (web_list_page_key,
// "" for the tracker's), and, if needPrivate, whether its update in force
// is private (web_list_page_public_keys).
func (s *Store) publicKeys(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, sort string, needPrivate bool) ([]rtp.Item, error) {
	column, descending := strings.CutPrefix(sort, "-")
	args := append(ListArgs(f, nil), sql.Named("sort", column), sql.Named("descending", descending),
		sql.Named("status_order", mustJSON(rtp.Statuses)), sql.Named("need_private", needPrivate))
	rows, err := tx.QueryContext(ctx, Query("web_list_page_public_keys"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []rtp.Item
	for rows.Next() {
		var it rtp.Item
		var last sql.NullString
		if err := rows.Scan(&it.ID, &it.EvidenceCount, &last, &it.Private); err != nil {
			return nil, err
		}
		it.LastUpdate = nullDate(last)
		keys = append(keys, it)
	}
	return keys, rows.Err()
}

// rowsByID reads the list rows of page, from the kept current state, in
// its order, with what serve shows of them (publicPage).
func (s *Store) rowsByID(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, page []rtp.Item) ([]rtp.Item, error) {
	ids := make([]string, len(page))
	at := make(map[string]int, len(page))
	for i, it := range page {
		ids[i], at[it.ID] = it.ID, i
	}
	out := make([]rtp.Item, len(page))
	err := s.scanItems(ctx, tx, "web_list_page_rows_current", []any{sql.Named("ids", mustJSON(ids))}, false, func(row rtp.ReportRow) error {
		out[at[row.Item.ID]] = row.Item
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, publicPage(ctx, tx, f, out)
}

// publicValues gives every row of a whole list what publicPage gives a
// page's: the evidence counted again only for the recommendations that
// have some a report leaves out, at 100,000 a fraction of them, and kept
// while the tracker is unchanged (publicRecounts).
func (s *Store) publicValues(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, items []rtp.Item) error {
	recounts, err := s.publicRecounts(ctx, tx, f)
	if err != nil {
		return err
	}
	for i := range items {
		if count, ok := recounts[items[i].ID]; ok {
			items[i].EvidenceCount = count
		}
		if err := publicLastUpdate(ctx, tx, f, false, &items[i]); err != nil {
			return err
		}
		items[i].Private = false
	}
	return nil
}

// eachID runs a named query whose rows are an ID, and a count when it
// selects two columns.
func eachID(ctx context.Context, tx *sql.Tx, name string, args []any, fn func(id string, count int)) error {
	rows, err := tx.QueryContext(ctx, Query(name), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		var count int
		into := []any{&id, &count}[:len(columns)]
		if err := rows.Scan(into...); err != nil {
			return err
		}
		fn(id, count)
	}
	return rows.Err()
}

// compareDates orders dates as SQLite does: none before any.
func compareDates(a, b *rtp.Date) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return cmp.Compare(*a, *b)
}

// publicPage gives a page's rows what a report without private entries
// shows of them, for rtp serve, which never shows what is private: the
// evidence counted by report_columns' rule, the last update by
// publicLastUpdate's. The list query counts one's own evidence, private
// included; only the page's rows (at most a page) are counted again.
func publicPage(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, items []rtp.Item) error {
	ids := make([]string, len(items))
	at := make(map[string]int, len(items))
	for i, it := range items {
		ids[i], at[it.ID] = it.ID, i
		if err := publicLastUpdate(ctx, tx, f, false, &items[i]); err != nil {
			return err
		}
		items[i].Private = false
	}
	return publicCounts(ctx, tx, f, ids, func(id string, count int) { items[at[id]].EvidenceCount = count })
}

// publicCounts calls fn with the evidence count of each recommendation of
// ids that a report without private entries gives (web_list_page_public_count).
func publicCounts(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, ids []string, fn func(id string, count int)) error {
	args := []any{sql.Named("ids", mustJSON(ids)), sql.Named("as_of", string(f.AsOf)), sql.Named("known_at", f.AsRecorded.KnownAt()),
		sql.Named("include_private", false)}
	return eachID(ctx, tx, "web_list_page_public_count", args, fn)
}
