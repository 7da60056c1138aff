package main

import (
	"database/sql"
	"fmt"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/rtp-tracker/rtp/internal/pgtest"
)

// pgLogicalDump lists every table of the schema rtp of the database at
// rawURL: its columns, then its rows in a fixed order, as logicalDump does
// for a file. It reads as the cluster's superuser, whom row-level security
// does not bind, so a dump holds every row whoever the URL names.
func pgLogicalDump(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	u.User = url.User(pgtest.Superuser)
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		return "", err
	}
	defer db.Close()
	var b strings.Builder
	var tables []string
	err = scan(db, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'rtp' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE "C"`, func(rows *sql.Rows) error {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		tables = append(tables, name)
		return nil
	})
	if err != nil {
		return "", err
	}
	if len(tables) == 0 {
		return "", fmt.Errorf("%s holds no table in the schema rtp", u.Path)
	}
	for _, table := range tables {
		var cols []string
		err := scan(db, `SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '')
			FROM information_schema.columns WHERE table_schema = 'rtp' AND table_name = $1 ORDER BY ordinal_position`,
			func(rows *sql.Rows) error {
				var col string
				if err := rows.Scan(&col); err != nil {
					return err
				}
				cols = append(cols, col)
				return nil
			}, table)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "schema %s: %s\n", table, strings.Join(cols, ", "))
		from := `rtp."` + table + `"`
		if table == "clock" {
			// The last stamp taken, as on SQLite; not the bookkeeping of
			// the transaction that took it, which a write that recorded
			// nothing leaves changed (take_stamp, unstamp).
			from, cols = `(SELECT one, created_at, last_stamp FROM rtp.clock) AS clock`, cols[:3]
		}
		if err := dumpRows(db, &b, table, from, len(cols)); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}
