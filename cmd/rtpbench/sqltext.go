package main

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

// The SQL that rtp's commands run on a tracker, with the parameters written
// in as literals, so that the sqlite3 shell (or psql, on PostgreSQL) gets
// exactly the same work on the same data. Like the commands, it reads the
// kept current state when the day asked for allows it.

// dialect writes one of the store's statements with its arguments in, as
// the backend's shell is to run it.
type dialect func(query string, args []any) (string, error)

// sqliteText is the statement as SQLite runs it: the store's own text.
func sqliteText(query string, args []any) (string, error) { return inline(query, args), nil }

// postgresText is the statement as the store's driver sends it to
// PostgreSQL.
func postgresText(query string, args []any) (string, error) { return store.PostgresSQL(query, args...) }

// listSQL is the query of `rtp track list` with the filter f.
func listSQL(ctx context.Context, s *store.Store, f rtp.ListFilter, d dialect) (string, error) {
	current, err := s.ReadsCurrentState(ctx, f.AsOf)
	if err != nil {
		return "", err
	}
	q, err := d(store.Query(store.ListQuery(current, false)), store.ListArgs(f, nil))
	return q + ";", err
}

// showSQL is what `rtp track show ID` reads.
func showSQL(ctx context.Context, s *store.Store, id string, asOf rtp.Date, d dialect) (string, error) {
	current, err := s.ReadsCurrentState(ctx, asOf)
	if err != nil {
		return "", err
	}
	item := "item_history"
	if current {
		item = "item_current"
	}
	args := append(store.ListArgs(rtp.ListFilter{AsOf: asOf}, nil), sql.Named("id", id))
	var q []string
	for _, name := range []string{item, "detail_text", "detail_updates", "detail_evidence"} {
		text, err := d(store.Query(name), args)
		if err != nil {
			return "", err
		}
		q = append(q, text+";")
	}
	return strings.Join(q, "\n"), nil
}

// reportSQL is what `rtp report` reads: the summary pass (unless
// RowsOnly), the rows with the report's columns, and the history when the
// report is small enough to draw it.
func reportSQL(ctx context.Context, s *store.Store, req rtp.ReportRequest, history bool, d dialect) (string, error) {
	req.Filter.AsOf = req.AsOf
	current, err := s.ReadsCurrentState(ctx, req.AsOf)
	if err != nil {
		return "", err
	}
	type statement struct {
		query string
		args  []any
	}
	var statements []statement
	if !req.RowsOnly {
		statements = append(statements, statement{store.Query(store.ListQuery(current, false)), store.ListArgs(req.Filter, nil)})
	}
	statements = append(statements, statement{store.Query(store.ListQuery(current, true)), store.ListArgs(req.Filter, &req)})
	if history {
		statements = append(statements, statement{store.Query("changes"), []any{sql.Named("as_of", string(req.AsOf)), sql.Named("since", ""),
			sql.Named("known_at", req.AsRecorded.KnownAt()), sql.Named("include_private", req.IncludePrivate)}})
	}
	q := ""
	for _, st := range statements {
		text, err := d(st.query, st.args)
		if err != nil {
			return "", err
		}
		q += text + ";\n"
	}
	return q, nil
}

// inline writes named parameters into a query as SQL literals.
func inline(query string, args []any) string {
	named := map[string]string{}
	for _, a := range args {
		n := a.(sql.NamedArg)
		switch v := n.Value.(type) {
		case nil:
			named[n.Name] = "NULL"
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
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) }) // :statuses before :status
	for _, n := range names {
		query = strings.ReplaceAll(query, ":"+n, named[n])
	}
	return query
}
