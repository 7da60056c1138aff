package store

import (
	"database/sql"
	"slices"
	"strings"
	"testing"
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
		{`SELECT by FROM t WHERE (:by IS NULL OR by = :by) ORDER BY by`, `SELECT "by" FROM t WHERE ($ IS NULL OR "by" = $) ORDER BY "by"`},
		{`SELECT 1 FROM t WHERE (private = 0 OR :all) AND :n + 1 > a AND NOT :x`, `SELECT 1 FROM t WHERE (private = 0 OR $ <> 0) AND $ + 1 > a AND NOT $ <> 0`},
		{`SELECT 1 FROM t WHERE (:by IS NULL OR by = :by COLLATE NOCASE) AND t.actor = ? COLLATE NOCASE`, `SELECT 1 FROM t WHERE ($ IS NULL OR lower("by") = lower($ COLLATE "C")) AND lower(t.actor) = lower($ COLLATE "C")`},
		{`SELECT a FROM t GROUP BY a ORDER BY a COLLATE NOCASE, a`, `SELECT a FROM t GROUP BY a ORDER BY lower(a COLLATE "C") COLLATE "C", a`},
	} {
		st := parseParams(respell(c.in))
		if got := strings.Join(st.parts, "$"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestSplitStatements(t *testing.T) {
	got := splitStatements("UPDATE t SET a = ';'; -- b; c\nUPDATE u SET b = :x;\n")
	want := []string{"UPDATE t SET a = ';'", "  \nUPDATE u SET b = :x"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := splitStatements(pgNative + "DO $$ BEGIN x; y; END $$"); len(got) != 1 {
		t.Errorf("a statement for PostgreSQL alone was cut: %q", got)
	}
}

// The translated statements give on PostgreSQL what the originals give on
// SQLite: NOCASE folds ASCII letters only, in comparisons and in order,
// and a text of several statements with parameters runs whole.
func TestTranslatedAsOnSQLite(t *testing.T) {
	pg := openTranslating(t, "translation_owner")
	lite, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	lite.SetMaxOpenConns(1) // one in-memory database
	if _, err := lite.Exec(`CREATE TABLE t (name TEXT)`); err != nil {
		t.Fatal(err)
	}
	if _, err := pg.Exec(pgNative + `CREATE TABLE t (name text COLLATE "C")`); err != nil {
		t.Fatal(err)
	}
	insert := `INSERT INTO t VALUES (:a), (:b); INSERT INTO t VALUES (:c), ('ea'), ('EA'), ('b'), ('B'), ('_'), ('a-b')`
	for _, db := range []*sql.DB{lite, pg} {
		if _, err := db.Exec(insert, sql.Named("a", "Éa"), sql.Named("b", "éa"), sql.Named("c", "eA")); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []struct {
		query string
		args  []any
	}{
		{`SELECT name FROM t WHERE name = ? COLLATE NOCASE ORDER BY name`, []any{"Ea"}},
		{`SELECT name FROM t WHERE name = ? COLLATE NOCASE ORDER BY name`, []any{"éA"}},
		{`SELECT name FROM t GROUP BY name ORDER BY name COLLATE NOCASE, name`, nil},
	} {
		want, got := names(t, lite, q.query, q.args), names(t, pg, q.query, q.args)
		if !slices.Equal(got, want) {
			t.Errorf("%s %v:\nPostgreSQL %q\n    SQLite %q", q.query, q.args, got, want)
		}
	}
}

func names(t *testing.T, db *sql.DB, query string, args []any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}
