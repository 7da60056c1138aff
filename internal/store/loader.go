package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// Loader writes many entries within one transaction through prepared
// statements: what merges and the synthetic trackers of the benchmarks use.
// It applies the schema's constraints like every other write; it does not
// re-check what the caller vouches for (a checked export, generated data).
//
// Like every write, it leaves the kept current state to the end of its
// transaction (Store.write), which works out the state of everything it
// loaded once.
type Loader struct {
	store                                 *Store
	ctx                                   context.Context
	tx                                    *sql.Tx
	update, assignment, evidence, retract *sql.Stmt
	sourcesAdded                          bool
	batch                                 *batch // a merge's; nil for a restore
}

// Load runs fn with a Loader in one IMMEDIATE transaction: all that fn
// loads is stored, or none of it.
func (s *Store) Load(ctx context.Context, fn func(*Loader) error) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		l, err := s.newLoader(ctx, tx)
		if err != nil {
			return err
		}
		defer l.close()
		if err := fn(l); err != nil {
			return err
		}
		return l.finish()
	})
}

func (s *Store) newLoader(ctx context.Context, tx *sql.Tx) (*Loader, error) {
	l := &Loader{store: s, ctx: ctx, tx: tx}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		// amends is given as the uid of the entry amended, loaded before.
		// recorded_at is the author's, and travels; received_at is now.
		{&l.update, `INSERT INTO updates (uid, recommendation_id, status, note, as_of, by, recorded_at, received_at, note_only, private, batch_id, amends, actor)
			VALUES (?, ?, ?, ?, ?, ?, ?, ` + stampNow + `, ?, ?, ?, (SELECT id FROM updates WHERE uid = ?), ?) RETURNING id`},
		{&l.assignment, `INSERT INTO assignments (uid, recommendation_id, owner, action, role, as_of, by, recorded_at, received_at, owner_key, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ` + stampNow + `, ?, ?)`},
		{&l.evidence, `INSERT INTO evidence (uid, recommendation_id, update_id, ref, title, date, note, private, by, recorded_at, received_at, batch_id, amends, document)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ` + stampNow + `, ?, (SELECT id FROM evidence WHERE uid = ?), ?) RETURNING id`},
		{&l.retract, `INSERT INTO retractions (uid, update_id, evidence_id, reason, as_of, by, recorded_at, received_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ` + stampNow + `, ?)`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			l.close()
			return nil, err
		}
		*p.stmt = stmt
	}
	return l, nil
}

func (l *Loader) close() {
	for _, s := range []*sql.Stmt{l.update, l.assignment, l.evidence, l.retract} {
		if s != nil {
			s.Close()
		}
	}
}

// finish puts sources in their order once, after all were added.
func (l *Loader) finish() error {
	if l.sourcesAdded {
		return l.store.renumber(l.ctx, l.tx)
	}
	return nil
}

// Source adds a source document and its recommendations.
func (l *Loader) Source(doc rtp.Document) error {
	var position int
	if err := l.tx.QueryRowContext(l.ctx, `SELECT COALESCE(max(position), 0) + 1 FROM sources`).Scan(&position); err != nil {
		return err
	}
	l.sourcesAdded = true
	return insertDocument(l.ctx, l.tx, doc, position)
}

// Update adds a status update and returns its local ID.
func (l *Loader) Update(u rtp.ExportUpdate) (int64, error) {
	batchID, err := l.batch.idFor(l.ctx, l.tx)
	if err != nil {
		return 0, err
	}
	var id int64
	err = l.update.QueryRowContext(l.ctx, u.UID, u.RecommendationID, u.Status, u.Note, u.AsOf, u.By, recordedAt(u.RecordedAt), u.NoteOnly, u.Private, batchID, nullUID(u.Amends), nullable(u.Actor)).Scan(&id)
	return id, err
}

// Assignment adds an assignment or unassignment.
func (l *Loader) Assignment(a rtp.ExportAssignment) error {
	var role any
	if a.Action == "assign" {
		role = string(a.Role)
	}
	batchID, err := l.batch.idFor(l.ctx, l.tx)
	if err != nil {
		return err
	}
	_, err = l.assignment.ExecContext(l.ctx, a.UID, a.RecommendationID, a.Owner, a.Action, role, a.AsOf, a.By, recordedAt(a.RecordedAt), rtp.OwnerKey(a.Owner), batchID)
	return err
}

// Evidence adds a piece of evidence, supporting the update with local ID
// updateID, or none if it is 0, and returns its local ID.
func (l *Loader) Evidence(e rtp.ExportEvidence, updateID int64) (int64, error) {
	var update any
	if updateID != 0 {
		update = updateID
	}
	batchID, err := l.batch.idFor(l.ctx, l.tx)
	if err != nil {
		return 0, err
	}
	var id int64
	err = l.evidence.QueryRowContext(l.ctx, e.UID, e.RecommendationID, update, e.Ref, e.Title, e.Date, e.Note, e.Private, e.By, recordedAt(e.RecordedAt), batchID, nullUID(e.Amends), rtp.DocumentKey(e.Ref)).Scan(&id)
	return id, err
}

// Retraction retracts the update or the evidence with that local ID.
func (l *Loader) Retraction(x rtp.ExportRetraction, updateID, evidenceID int64) error {
	var update, evidence any
	if updateID != 0 {
		update = updateID
	} else {
		evidence = evidenceID
	}
	batchID, err := l.batch.idFor(l.ctx, l.tx)
	if err != nil {
		return err
	}
	_, err = l.retract.ExecContext(l.ctx, x.UID, update, evidence, x.Reason, x.AsOf, x.By, recordedAt(x.RecordedAt), batchID)
	return err
}

// recordedAt writes an entry's recorded_at as the schema keeps it: older
// exports wrote whole seconds. A value that is neither form is stored as
// given, for the schema's rules and db check to refuse.
func recordedAt(s string) string {
	if n, ok := rtp.NormaliseRecordedAt(s); ok {
		return n
	}
	return s
}

// nullUID passes the uid of an entry amended, or NULL for none.
func nullUID(uid string) any {
	if uid == "" {
		return nil
	}
	return uid
}
