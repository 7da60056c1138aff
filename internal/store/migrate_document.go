package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// fillDocuments writes rtp.DocumentKey(ref) into every piece of evidence,
// which migration 012 added with an empty document.
func fillDocuments(ctx context.Context, tx *sql.Tx, schema map[string]string) error {
	return fillKeyColumn(ctx, tx, schema, "evidence", "ref", "document", rtp.DocumentKey)
}
