package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rtp-tracker/rtp"
)

// documentRule names, in db check's report, evidence whose stored document
// is not rtp.DocumentKey of its reference: the state counts documents, so a
// wrong one would count one document twice or two as one.
const documentRule = "every piece of evidence's document is the document its reference cites"

func documentProblems(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var out []string
	err := scanAll(ctx, tx, `SELECT id, ref, document FROM evidence`, func(rows *sql.Rows) error {
		var id int64
		var ref, document string
		if err := rows.Scan(&id, &ref, &document); err != nil {
			return err
		}
		if want := rtp.DocumentKey(ref); document != want {
			out = append(out, fmt.Sprintf("%s: evidence %d of %q has document %q, not %q", documentRule, id, ref, document, want))
		}
		return nil
	})
	return out, err
}
