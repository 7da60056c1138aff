package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strings"
	"sync"
)

// Every query the store runs on the history is a file in queries/, named
// after it, with parameters only. A line "-- include: NAME" stands for the
// text of queries/NAME.sql, so that state_on, the one SQL text of the rule
// for a day's state, is written once and read by every query that needs it.
//
//go:embed queries/*.sql
var queryFiles embed.FS

// expanded holds each query once it has been read: a query is read, and its
// includes written out, on first use, not at start-up, so that rtp --version
// reads none and track list only the one it runs.
var expanded sync.Map // name → text

// Query returns the text of a named query, its includes written out: for
// tools that run rtp's own SQL elsewhere, as the benchmark gives it to the
// sqlite3 shell. It panics on a name that is not a query.
func Query(name string) string {
	if q, ok := expanded.Load(name); ok {
		return q.(string)
	}
	q := expand(name, 0)
	expanded.Store(name, q)
	return q
}

// expand reads a query and writes out its includes.
func expand(name string, depth int) string {
	data, err := queryFiles.ReadFile("queries/" + name + ".sql")
	if err != nil || depth > 8 {
		panic(fmt.Sprintf("store: no query %q to read or include", name))
	}
	return expandText(string(data), depth)
}

// expandText writes out the includes of a query's text.
func expandText(data string, depth int) string {
	var b strings.Builder
	for line := range strings.Lines(data) {
		if inc, ok := strings.CutPrefix(strings.TrimSpace(line), "-- include: "); ok {
			b.WriteString(expand(inc, depth+1))
			b.WriteString("\n")
			continue
		}
		b.WriteString(line)
	}
	return strings.TrimRight(b.String(), "\n")
}

// prepared returns the named query as a statement of tx. From its second
// use on, the statement is prepared once per connection and kept with the
// Store: the list and state queries take longer to prepare than to run on a
// small tracker, and a long-lived process (a web view) runs them again and
// again. Its first use prepares it on tx alone: a statement kept with the
// Store is prepared on the pool, and while tx holds the one open connection
// that opens a second one (the file opened again, its settings, its whole
// schema read): for a command that runs the query once, such as track list,
// more work than the query.
func (s *Store) prepared(ctx context.Context, tx *sql.Tx, name string) (*sql.Stmt, error) {
	s.stmtsMu.Lock()
	stmt, ok := s.stmts[name]
	usedBefore := s.used[name]
	s.used[name] = true
	s.stmtsMu.Unlock()
	if !ok && !usedBefore {
		return tx.PrepareContext(ctx, Query(name))
	}
	if !ok {
		var err error
		if stmt, err = s.db.PrepareContext(ctx, Query(name)); err != nil {
			return nil, err
		}
		s.stmtsMu.Lock()
		if kept, ok := s.stmts[name]; ok {
			stmt.Close()
			stmt = kept
		} else {
			s.stmts[name] = stmt
		}
		s.stmtsMu.Unlock()
	}
	return tx.StmtContext(ctx, stmt), nil
}
