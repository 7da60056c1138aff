package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
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

// queries are read on first use, not at start-up: rtp --version and
// commands that open no tracker need none of them.
var queries = sync.OnceValue(loadQueries)

// Query returns the text of a named query, its includes written out: for
// tools that run rtp's own SQL elsewhere, as the benchmark gives it to the
// sqlite3 shell. It panics on a name that is not a query.
func Query(name string) string {
	q, ok := queries()[name]
	if !ok {
		panic("store: no query " + name)
	}
	return q
}

func loadQueries() map[string]string {
	raw := map[string]string{}
	files, err := fs.Glob(queryFiles, "queries/*.sql")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		data, err := queryFiles.ReadFile(f)
		if err != nil {
			panic(err)
		}
		raw[strings.TrimSuffix(path.Base(f), ".sql")] = string(data)
	}
	out := map[string]string{}
	for name := range raw {
		out[name] = expand(raw, name, 0)
	}
	return out
}

// expand writes out the includes of a query.
func expand(raw map[string]string, name string, depth int) string {
	text, ok := raw[name]
	if !ok || depth > 8 {
		panic(fmt.Sprintf("store: cannot include query %q", name))
	}
	var b strings.Builder
	for line := range strings.Lines(text) {
		if inc, ok := strings.CutPrefix(strings.TrimSpace(line), "-- include: "); ok {
			b.WriteString(expand(raw, inc, depth+1))
			b.WriteString("\n")
			continue
		}
		b.WriteString(line)
	}
	return strings.TrimRight(b.String(), "\n")
}

// prepared returns the named query as a statement of tx. The statement is
// prepared once per connection and kept with the Store: the list and state
// queries take longer to prepare than to run on a small tracker, and a
// long-lived process (a web view) runs them again and again.
func (s *Store) prepared(ctx context.Context, tx *sql.Tx, name string) (*sql.Stmt, error) {
	s.stmtsMu.Lock()
	stmt, ok := s.stmts[name]
	s.stmtsMu.Unlock()
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
