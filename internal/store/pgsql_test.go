package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/rtp-tracker/rtp/internal/pgtest"
)

// Every query of the store translates, and terminates: the translation
// of each is checked against PostgreSQL by the tests that run them.
func TestEveryQueryTranslates(t *testing.T) {
	entries, err := queryFiles.ReadDir("queries")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := strings.TrimSuffix(e.Name(), ".sql")
		st := pgTranslate(Query(name))
		text := strings.Join(st.parts, "$")
		for _, sqliteOnly := range []string{"group_concat", "json_each(", "IFNULL", "char(3", "instr(", "LIMIT -1", "INSERT OR"} {
			if strings.Contains(text, sqliteOnly) {
				t.Errorf("%s: still has %s after translation", name, sqliteOnly)
			}
		}
	}
}

func TestTranslation(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`SELECT group_concat(x, char(31)) FROM (SELECT x FROM t ORDER BY y)`, `SELECT string_agg(x, chr(31)) FROM (SELECT x FROM t ORDER BY y) AS derived_1`},
		{`SELECT max(a, b), max(c) FROM t WHERE d = 'max(e, f)'`, `SELECT GREATEST(a, b), max(c) FROM t WHERE d = 'max(e, f)'`},
		{`SELECT 1 FROM t WHERE a IS :x AND b IS NOT ?`, `SELECT 1 FROM t WHERE a IS NOT DISTINCT FROM $ AND b IS DISTINCT FROM $`},
		{`INSERT OR IGNORE INTO t (a) VALUES (?)`, `INSERT INTO t (a) VALUES ($) ON CONFLICT DO NOTHING`},
		{`SELECT key FROM json_each(:r) WHERE value = 'a:b?'`, `SELECT key FROM json_array_elements_text(($)::json) WITH ORDINALITY AS json_elements(value, key) WHERE value = 'a:b?'`},
		{`SELECT a::text, ?2, ?1 FROM t -- a comment: ?`, `SELECT a::text, $, $ FROM t  `},
		{`SELECT CASE WHEN private = 0 OR :all THEN by END FROM t WHERE NOT :b AND (:c IS NULL OR c = :c)`,
			`SELECT CASE WHEN private = 0 OR $ <> 0 THEN "by" END FROM t WHERE NOT $ <> 0 AND ($ IS NULL OR c = $)`},
		{`SELECT 1 FROM t WHERE (:by IS NULL OR by = :by) AND CASE WHEN k = 0 THEN :all OR b = :b ELSE :x END`,
			`SELECT 1 FROM t WHERE ($ IS NULL OR "by" = $) AND CASE WHEN k = 0 THEN $ <> 0 OR b = $ ELSE $ END`},
	} {
		st := parseParams(respell(c.in))
		if got := strings.Join(st.parts, "$"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestSplitStatements(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{`SELECT 1 WHERE a = ?;`, []string{`SELECT 1 WHERE a = ?;`}},
		{`UPDATE t SET a = ? WHERE b = ';'; UPDATE u SET c = :c, d = ?2; -- done; ?`,
			[]string{`UPDATE t SET a = ?1 WHERE b = ';'`, ` UPDATE u SET c = :c, d = ?2`}},
		{"DELETE FROM t WHERE a = ?;\nDELETE FROM u WHERE b = ?", []string{`DELETE FROM t WHERE a = ?1`, "\nDELETE FROM u WHERE b = ?2"}},
	} {
		got := splitStatements(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// A statement run while another's rows are being read works on PostgreSQL
// as on SQLite: the rows left are set aside, and read after it.
func TestPGStatementWhileReadingRows(t *testing.T) {
	c := pgtest.Shared(t)
	dbName, err := c.NewDatabase("nested_reader")
	if err != nil {
		t.Fatal(err)
	}
	config, err := pgx.ParseConfig(c.URL("nested_reader", dbName))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(pgConnector{base: stdlib.GetConnector(*config)})
	defer db.Close()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT n FROM generate_series(1, 5) AS n ORDER BY n`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []int
	for rows.Next() {
		var n, square int
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT ? * ?`, n, n).Scan(&square); err != nil {
			t.Fatalf("a query while reading row %d: %v", n, err)
		}
		got = append(got, square)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 4, 9, 16, 25}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
