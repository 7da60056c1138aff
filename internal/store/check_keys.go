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
	return storedKeyProblems(ctx, tx, `SELECT id, owner, owner_key FROM assignments`, rtp.OwnerKey,
		func(id int64, owner, key, want string) string {
			return fmt.Sprintf("%s: assignment %d of %q has owner_key %q, not %q", ownerKeyRule, id, owner, key, want)
		})
}

// documentRule names, in db check's report, evidence whose stored document
// is not rtp.DocumentKey of its reference: the state counts documents, so a
// wrong one would count one document twice or two as one.
const documentRule = "every piece of evidence's document is the document its reference cites"

func documentProblems(ctx context.Context, tx *sql.Tx) ([]string, error) {
	return storedKeyProblems(ctx, tx, `SELECT id, ref, document FROM evidence`, rtp.DocumentKey,
		func(id int64, ref, document, want string) string {
			return fmt.Sprintf("%s: evidence %d of %q has document %q, not %q", documentRule, id, ref, document, want)
		})
}

// storedKeyProblems describes each row of query (id, value, stored key)
// whose stored key is not key(value): the keys SQL cannot compute, which
// rtp writes beside the value.
func storedKeyProblems(ctx context.Context, tx *sql.Tx, query string, key func(string) string, describe func(id int64, value, stored, want string) string) ([]string, error) {
	var out []string
	err := scanAll(ctx, tx, query, func(rows *sql.Rows) error {
		var id int64
		var value, stored string
		if err := rows.Scan(&id, &value, &stored); err != nil {
			return err
		}
		if want := key(value); stored != want {
			out = append(out, describe(id, value, stored, want))
		}
		return nil
	})
	return out, err
}
