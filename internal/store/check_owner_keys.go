package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rtp-tracker/rtp"
)

// ownerKeyRule names, in db check's report, assignments whose stored
// owner_key is not rtp.OwnerKey of their owner: SQL compares owners by the
// key, so a wrong one would split one owner in two or join two.
const ownerKeyRule = "every assignment's owner_key is its owner's identity"

func ownerKeyProblems(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var out []string
	err := scanAll(ctx, tx, `SELECT id, owner, owner_key FROM assignments`, func(rows *sql.Rows) error {
		var id int64
		var owner, key string
		if err := rows.Scan(&id, &owner, &key); err != nil {
			return err
		}
		if want := rtp.OwnerKey(owner); key != want {
			out = append(out, fmt.Sprintf("%s: assignment %d of %q has owner_key %q, not %q", ownerKeyRule, id, owner, key, want))
		}
		return nil
	})
	return out, err
}
