package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// migrationInGo holds, by schema version, the part of a migration SQL cannot
// do, run after its SQL in the same transaction.
var migrationInGo = map[int]func(ctx context.Context, tx *sql.Tx, schema map[string]string) error{
	6:  fillOwnerKeys,
	12: fillDocuments,
}

// fillOwnerKeys writes rtp.OwnerKey(owner) into every assignment, which
// migration 006 added with an empty key.
func fillOwnerKeys(ctx context.Context, tx *sql.Tx, schema map[string]string) error {
	return fillKeyColumn(ctx, tx, schema, "assignments", "owner", "owner_key", rtp.OwnerKey)
}

// fillKeyColumn writes key(from) into column to of every row of table, for a
// key SQL cannot compute, row by row through the rowid (a search by from
// would scan the table once per value). The history is append-only, so the
// trigger that refuses changes is lifted for this one write and put back as
// schema.sql defines it. The names are this package's constants, never input.
func fillKeyColumn(ctx context.Context, tx *sql.Tx, schema map[string]string, table, from, to string, key func(string) string) error {
	type row struct {
		id    int64
		value string
	}
	var rows []row
	err := scanAll(ctx, tx, `SELECT rowid, `+from+` FROM `+table, func(r *sql.Rows) error {
		var x row
		err := r.Scan(&x.id, &x.value)
		rows = append(rows, x)
		return err
	})
	if err != nil {
		return err
	}
	trigger := table + "_append_only_u"
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+trigger); err != nil {
		return err
	}
	update, err := tx.PrepareContext(ctx, `UPDATE `+table+` SET `+to+` = ? WHERE rowid = ?`)
	if err != nil {
		return err
	}
	defer update.Close()
	for _, x := range rows {
		if _, err := update.ExecContext(ctx, key(x.value), x.id); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, schema[trigger])
	return err
}
