package main

import (
	"bytes"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	_ "modernc.org/sqlite"

	"github.com/rtp-tracker/rtp/internal/cli"
	"github.com/rtp-tracker/rtp/internal/pgtest"
	"github.com/rtp-tracker/rtp/internal/store"
)

var update = flag.Bool("u", false, "rewrite the expected output in testdata/script from the actual output")

// packageTempDir holds what the package's tests share (the scenario's
// tracker); it is removed when they are done.
var packageTempDir string

func TestMain(m *testing.M) {
	testscript.Main(withTempDir{m}, map[string]func(){
		"rtp": func() { os.Exit(cli.Main()) },
	})
}

// withTempDir runs the tests with packageTempDir made before and removed
// after: testscript.Main ends the process itself, so this is the only place
// that runs after every test.
type withTempDir struct{ m *testing.M }

func (w withTempDir) Run() int {
	dir, err := os.MkdirTemp("", "rtp-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	packageTempDir = dir
	defer pgtest.StopShared()
	return w.m.Run()
}

// TestScripts runs the end-to-end scripts in testdata/script: each one runs
// the real rtp binary on real tracker files in a fresh temporary folder.
func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, scriptParams(nil))
}

// TestScriptsPostgres runs the same scripts with the default tracker on
// PostgreSQL: a new database of a throwaway cluster for each script,
// created by rtp init as the role "tester" (RTP_AUTHOR), which owns it.
// The condition [pg] marks the few lines where a shared server differs by
// design (it creates no tracker on first use; files are files).
func TestScriptsPostgres(t *testing.T) {
	t.Parallel()
	testscript.Run(t, scriptParams(pgtest.Shared(t)))
}

func scriptParams(pg *pgtest.Cluster) testscript.Params {
	return testscript.Params{
		Dir:           filepath.Join("..", "..", "testdata", "script"),
		UpdateScripts: *update && pg == nil,
		Setup: func(env *testscript.Env) error {
			// A fixed clock and author make outputs repeatable; a private
			// HOME keeps the default tracker inside the test's folder.
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			env.Setenv("XDG_DATA_HOME", "")
			env.Setenv("RTP_DB", "")
			env.Setenv("RTP_NOW", "2026-11-29T12:00:00Z")
			env.Setenv("RTP_AUTHOR", "tester")
			env.Setenv("COLUMNS", "")
			env.Setenv("INVALID_UTF8", "caf\xe9")
			// RTP_PG_TRACE shows what PostgreSQL refused, while developing.
			env.Setenv("RTP_PG_TRACE", os.Getenv("RTP_PG_TRACE"))
			sources, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sources"))
			env.Setenv("SOURCES", sources)
			// TRACKER and TRACKER_B are where a script keeps its trackers:
			// files, or new databases of the cluster.
			env.Setenv("TRACKER", filepath.Join(env.WorkDir, "rtp.db"))
			env.Setenv("TRACKER_B", filepath.Join(env.WorkDir, "other.db"))
			if err != nil || pg == nil {
				return err
			}
			for _, name := range []string{"TRACKER", "TRACKER_B"} {
				url, err := newScriptDatabase(pg)
				if err != nil {
					return err
				}
				env.Setenv(name, url)
			}
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "pg" {
				return pg != nil, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"dbdump":   dbdump,
			"hexfile":  hexfile,
			"bigfile":  bigfile,
			"sqlexec":  sqlexec,
			"status":   status,
			"excelcsv": excelcsv,
		},
	}
}

// newScriptDatabase creates a new empty database owned by the role
// "tester", which lets the client's clock (RTP_NOW) stamp entries, so that
// a script's output is the same on both backends.
func newScriptDatabase(c *pgtest.Cluster) (string, error) {
	db, err := c.NewDatabase("tester")
	if err != nil {
		return "", err
	}
	_, err = c.Psql(pgtest.Superuser, "postgres", "ALTER DATABASE "+db+" SET rtp.trust_client_clock = on")
	return c.URL("tester", db), err
}

// dbdump TRACKER OUT writes the logical dump of TRACKER (an SQLite file or
// a PostgreSQL URL) to OUT, so that `cmp` can prove a tracker unchanged.
func dbdump(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: dbdump TRACKER OUT")
	}
	var text string
	var err error
	if store.IsPostgresURL(args[0]) {
		text, err = pgLogicalDump(args[0])
	} else {
		text, err = logicalDump(ts.MkAbs(args[0]))
	}
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(text), 0o644))
}

// logicalDump lists a database's header, schema and every row of every
// table in a fixed order: two equal dumps mean nothing was changed.
func logicalDump(path string) (string, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var b strings.Builder
	for _, pragma := range []string{"application_id", "user_version"} {
		var v int
		if err := db.QueryRow("PRAGMA " + pragma).Scan(&v); err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "%s=%d\n", pragma, v)
	}
	var tables []string
	err = scan(db, `SELECT name, sql FROM sqlite_schema ORDER BY type, name`, func(rows *sql.Rows) error {
		var name string
		var text sql.NullString
		if err := rows.Scan(&name, &text); err != nil {
			return err
		}
		fmt.Fprintf(&b, "schema %s: %s\n", name, text.String)
		if strings.HasPrefix(text.String, "CREATE TABLE") {
			tables = append(tables, name)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	for _, table := range tables {
		// Order by every column: some tables have no rowid.
		probe, err := db.Query(`SELECT * FROM "` + table + `" LIMIT 0`)
		if err != nil {
			return "", err
		}
		cols, _ := probe.Columns()
		probe.Close()
		if err := dumpRows(db, &b, table, `"`+table+`"`, len(cols)); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

// dumpRows writes every row of the table from, ordered by all its ncols
// columns (some tables have no key), one line each, labelled.
func dumpRows(db *sql.DB, b *strings.Builder, label, from string, ncols int) error {
	order := make([]string, ncols)
	for i := range order {
		order[i] = strconv.Itoa(i + 1)
	}
	values := make([]any, ncols)
	ptrs := make([]any, ncols)
	for i := range values {
		ptrs[i] = &values[i]
	}
	return scan(db, `SELECT * FROM `+from+` ORDER BY `+strings.Join(order, ", "), func(rows *sql.Rows) error {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		fmt.Fprintf(b, "%s:", label)
		for _, v := range values {
			if s, ok := v.([]byte); ok {
				v = string(s)
			}
			fmt.Fprintf(b, " %q", fmt.Sprint(v))
		}
		b.WriteString("\n")
		return nil
	})
}

func scan(db *sql.DB, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := db.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// status CODE PROGRAM ARGS... runs a program like exec, and checks that it
// exits with CODE: rtp's exit codes tell a wrong command line (2) from other
// failures (1), and scripts depend on that.
func status(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			ts.Fatalf("running %s: %v", args[1], err)
		}
		got = exitErr.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// excelcsv SRC DST writes SRC as Excel saves "CSV UTF-8": a byte-order mark
// and CRLF line ends.
func excelcsv(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: excelcsv SRC DST")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	out := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), out, 0o644))
}

// hexfile FILE HEX writes the bytes HEX spells, for inputs a script cannot
// hold as text (invalid UTF-8, NUL bytes).
func hexfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: hexfile FILE HEX")
	}
	data, err := hex.DecodeString(args[1])
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
}

// bigfile FILE SIZE writes SIZE bytes of text.
func bigfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bigfile FILE SIZE")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Repeat("a", n)), 0o644))
}

// sqlexec FILE SQL runs SQL on an SQLite file, to make files rtp must refuse.
func sqlexec(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sqlexec FILE SQL")
	}
	db, err := sql.Open("sqlite", ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	_, err = db.Exec(args[1])
	if neg {
		if err == nil {
			ts.Fatalf("sqlexec succeeded unexpectedly")
		}
		return
	}
	ts.Check(err)
}
