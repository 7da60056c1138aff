package store

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// These functions return the SQL that rtp's commands run, with the
// parameters written in, so that the benchmarks can give the sqlite3 shell
// exactly the same work on the same file.

// ListSQL is the query of `rtp track list` with the filter f.
func ListSQL(f rtp.ListFilter) string {
	where, args := filterWhere(f)
	return inline(fmt.Sprintf(itemQuery, "", strings.Join(where, " AND ")), args) + ";"
}

// ShowSQL is what `rtp track show ID` reads.
func ShowSQL(id string, asOf rtp.Date) string {
	where, args := filterWhere(rtp.ListFilter{AsOf: asOf})
	where = append(where, "r.id = :id")
	args = append(args, sql.Named("id", id))
	q := inline(fmt.Sprintf(itemQuery, "", strings.Join(where, " AND ")), args) + ";\n"
	q += inline(`SELECT text FROM recommendations WHERE id = :id;`, args) + "\n"
	q += inline(`SELECT u.id, u.status, u.note, u.as_of, u.by, u.recorded_at, x.id, x.reason, x.as_of, x.by, x.recorded_at
		FROM updates u LEFT JOIN retractions x ON x.update_id = u.id WHERE u.recommendation_id = :id ORDER BY u.as_of, u.id;`, args) + "\n"
	q += inline(`SELECT e.id, COALESCE(e.update_id, 0), e.ref, e.title, e.date, e.note, e.private, e.by, x.id, x.reason, x.as_of, x.by, x.recorded_at
		FROM evidence e LEFT JOIN retractions x ON x.evidence_id = e.id WHERE e.recommendation_id = :id ORDER BY e.date, e.id;`, args)
	return q
}

// ReportSQL is what `rtp report` reads: the summary pass (unless
// RowsOnly), the rows with the report's columns, and the history when the
// report is small enough to draw it.
func ReportSQL(req rtp.ReportRequest, history bool) string {
	req.Filter.AsOf = req.AsOf
	where, args := filterWhere(req.Filter)
	q := ""
	if !req.RowsOnly {
		q = inline(fmt.Sprintf(statusQuery, strings.Join(where, " AND ")), args) + ";\n"
	}
	args = append(args, sql.Named("include_private", req.IncludePrivate))
	q += inline(fmt.Sprintf(itemQuery, reportColumns, strings.Join(where, " AND ")), args) + ";\n"
	if history {
		q += inline(changesQuery, []any{sql.Named("as_of", string(req.AsOf)), sql.Named("since", "")}) + ";\n"
	}
	return q
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
