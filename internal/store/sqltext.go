package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// These methods return the SQL that rtp's commands run on this tracker, with
// the parameters written in, so that the benchmarks can give the sqlite3
// shell exactly the same work on the same file. Like the commands, they use
// the kept current state when the day asked for allows it.

// ListSQL is the query of `rtp track list` with the filter f.
func (s *Store) ListSQL(ctx context.Context, f rtp.ListFilter) (q string, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		query, current, err := itemSQL(ctx, tx, f.AsOf)
		where, args := filterWhere(f, current)
		q = inline(fmt.Sprintf(query, "", strings.Join(where, " AND ")), args) + ";"
		return err
	})
	return q, err
}

// ShowSQL is what `rtp track show ID` reads.
func (s *Store) ShowSQL(ctx context.Context, id string, asOf rtp.Date) (q string, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		query, current, err := itemSQL(ctx, tx, asOf)
		where, args := filterWhere(rtp.ListFilter{AsOf: asOf}, current)
		where = append(where, "r.id = :id")
		args = append(args, sql.Named("id", id))
		q = inline(fmt.Sprintf(query, "", strings.Join(where, " AND ")), args) + ";\n"
		q += inline(detailTextQuery, args) + ";\n"
		q += inline(detailUpdatesQuery, args) + ";\n"
		q += inline(detailEvidenceQuery, args) + ";"
		return err
	})
	return q, err
}

// ReportSQL is what `rtp report` reads: the summary pass (unless
// RowsOnly), the rows with the report's columns, and the history when the
// report is small enough to draw it.
func (s *Store) ReportSQL(ctx context.Context, req rtp.ReportRequest, history bool) (q string, err error) {
	req.Filter.AsOf = req.AsOf
	err = s.read(ctx, func(tx *sql.Tx) error {
		query, current, err := itemSQL(ctx, tx, req.AsOf)
		if err != nil {
			return err
		}
		status, _, err := statusSQL(ctx, tx, req.AsOf)
		where, args := filterWhere(req.Filter, current)
		if !req.RowsOnly {
			q = inline(fmt.Sprintf(status, strings.Join(where, " AND ")), args) + ";\n"
		}
		args = append(args, sql.Named("include_private", req.IncludePrivate))
		q += inline(fmt.Sprintf(query, reportColumns, strings.Join(where, " AND ")), args) + ";\n"
		if history {
			q += inline(changesQuery, []any{sql.Named("as_of", string(req.AsOf)), sql.Named("since", "")}) + ";\n"
		}
		return err
	})
	return q, err
}

// inline writes named parameters into a query as SQL literals.
func inline(query string, args []any) string {
	named := map[string]string{}
	for _, a := range args {
		n := a.(sql.NamedArg)
		switch v := n.Value.(type) {
		case string:
			named[n.Name] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		case bool:
			named[n.Name] = map[bool]string{true: "1", false: "0"}[v]
		default:
			named[n.Name] = fmt.Sprint(v)
		}
	}
	names := make([]string, 0, len(named))
	for n := range named {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) }) // :status10 before :status1
	for _, n := range names {
		query = strings.ReplaceAll(query, ":"+n, named[n])
	}
	return query
}
