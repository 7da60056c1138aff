package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"

	"github.com/rtp-tracker/rtp"
)

// renameRule names, in db check's report, what is wrong with the owner
// renames: keys that are not rtp.OwnerKey of their names (SQL follows
// renames by key), renames that lead a name back to itself or give it to
// two owners, renames that join two owners or rename none, and kept identities (owner_identities) that are not those the
// renames give. Each rename's own fields are checked with the other entries
// (rtp.ExportChecker).
const renameRule = "owner renames name owners by their keys, without cycles, and owner_identities follows them"

func renameCheckProblems(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var out []string
	err := scanAll(ctx, tx, `SELECT id, old_name, old_key, new_name, new_key FROM owner_renames`, func(rows *sql.Rows) error {
		var id int64
		var oldName, oldKey, newName, newKey string
		if err := rows.Scan(&id, &oldName, &oldKey, &newName, &newKey); err != nil {
			return err
		}
		if want := rtp.OwnerKey(oldName); oldKey != want {
			out = append(out, fmt.Sprintf("%s: rename %d of %q has old_key %q, not %q", renameRule, id, oldName, oldKey, want))
		}
		if want := rtp.OwnerKey(newName); newKey != want {
			out = append(out, fmt.Sprintf("%s: rename %d to %q has new_key %q, not %q", renameRule, id, newName, newKey, want))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	renames, err := ownerRenames(ctx, tx)
	if err != nil {
		return nil, err
	}
	problems, err := renameProblems(ctx, tx)
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		out = append(out, renameRule+": "+p)
	}
	kept := map[string]string{}
	err = scanAll(ctx, tx, `SELECT key, identity FROM owner_identities`, func(rows *sql.Rows) error {
		var key, identity string
		err := rows.Scan(&key, &identity)
		kept[key] = identity
		return err
	})
	if err != nil {
		return nil, err
	}
	if !maps.Equal(kept, rtp.OwnerIdentities(renames)) {
		out = append(out, renameRule+": owner_identities is not what the renames give")
	}
	return out, nil
}
