package store

import (
	"context"

	"github.com/rtp-tracker/rtp"
)

// batch is the import or merge a transaction records. Its row is written
// with its first entry, so that an import or merge that records nothing
// (everything already there) leaves no trace: importing a file twice
// changes nothing the second time.
type batch struct {
	origin rtp.BatchOrigin
	kind   string // import or merge
	id     int64  // 0 until written
}

// idFor returns the batch's ID for an entry about to be inserted, writing
// the batch first if it is not yet; nil (SQL NULL) for an entry recorded
// on its own.
func (b *batch) idFor(ctx context.Context, tx writer) (any, error) {
	if b == nil {
		return nil, nil
	}
	if b.id == 0 {
		if err := tx.QueryRowContext(ctx, `INSERT INTO batches (uid, kind, source, by, recorded_at) VALUES (?, ?, ?, ?, `+stampNow+`) RETURNING id`,
			newUID(), b.kind, b.origin.Source, b.origin.By).Scan(&b.id); err != nil {
			return nil, err
		}
	}
	return b.id, nil
}

// batchOf returns the batch of the entries tx records: an import's
// preparedTx carries one; any other transaction records entries on their own.
func batchOf(ctx context.Context, tx writer) (any, error) {
	if p, ok := tx.(*preparedTx); ok {
		return p.batch.idFor(ctx, p)
	}
	return nil, nil
}
