package store

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/rtp-tracker/rtp/internal/pgtest"
)

// A statement run while another's rows are being read works on PostgreSQL
// as on SQLite: the rows left are set aside, and read after it.
func TestPGStatementWhileReadingRows(t *testing.T) {
	db := openTranslating(t, "nested_reader")
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

// openTranslating opens a new database of the package's cluster, owned by
// owner, through the translating driver: no tracker in it.
func openTranslating(t *testing.T, owner string) *sql.DB {
	t.Helper()
	c := pgtest.Shared(t)
	name, err := c.NewDatabase(owner)
	if err != nil {
		t.Fatal(err)
	}
	config, err := pgx.ParseConfig(c.URL(owner, name))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(pgConnector{base: stdlib.GetConnector(*config)})
	t.Cleanup(func() { db.Close() })
	return db
}
