package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// migrationInGo holds, by schema version, the part of a migration SQL cannot
// do, run after its SQL in the same transaction.
var migrationInGo = map[int]func(ctx context.Context, tx *sql.Tx, schema map[string]string) error{
	6: fillOwnerKeys,
}

// fillOwnerKeys writes rtp.OwnerKey(owner) into every assignment, which
// migration 006 added with an empty key. Assignments are append-only, so the
// trigger that refuses changes is lifted for this one write and put back as
// schema.sql defines it.
func fillOwnerKeys(ctx context.Context, tx *sql.Tx, schema map[string]string) error {
	var names []string
	err := scanAll(ctx, tx, `SELECT DISTINCT owner FROM assignments`, func(rows *sql.Rows) error {
		var name string
		err := rows.Scan(&name)
		names = append(names, name)
		return err
	})
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER assignments_append_only_u`); err != nil {
		return err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `UPDATE assignments SET owner_key = ? WHERE owner = ?`, rtp.OwnerKey(name), name); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, schema["assignments_append_only_u"])
	return err
}
