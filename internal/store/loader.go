package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/sources"
)

// Loader writes many entries within one transaction through prepared
// statements: what merges and the synthetic trackers of the benchmarks use.
// It applies the schema's constraints like every other write; it does not
// re-check what the caller vouches for (a checked export, generated data).
//
// The triggers that keep current_state are set aside while it loads, and the
// state of what it touched is worked out once at the end: per row, they
// would make loading a million updates several times slower.
type Loader struct {
	ctx                                   context.Context
	tx                                    *sql.Tx
	update, assignment, evidence, retract *sql.Stmt
	sourcesAdded                          bool
	triggers                              []string // the state triggers' SQL, to put back
	touched                               map[string]bool
	latest                                rtp.Date
}

// Load runs fn with a Loader in one IMMEDIATE transaction: all that fn
// loads is stored, or none of it.
func (s *Store) Load(ctx context.Context, fn func(*Loader) error) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		l, err := newLoader(ctx, tx)
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

func newLoader(ctx context.Context, tx *sql.Tx) (*Loader, error) {
	l := &Loader{ctx: ctx, tx: tx, touched: map[string]bool{}}
	err := scanAll(ctx, tx, `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'state_after_%'`, func(rows *sql.Rows) error {
		var name, text string
		if err := rows.Scan(&name, &text); err != nil {
			return err
		}
		l.triggers = append(l.triggers, name+"\x00"+text)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, t := range l.triggers {
		name, _, _ := strings.Cut(t, "\x00")
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+name); err != nil {
			return nil, err
		}
	}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&l.update, `INSERT INTO updates (uid, recommendation_id, status, note, as_of, by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`},
		{&l.assignment, `INSERT INTO assignments (uid, recommendation_id, owner, action, role, as_of, by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`},
		{&l.evidence, `INSERT INTO evidence (uid, recommendation_id, update_id, ref, title, date, note, private, by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&l.retract, `INSERT INTO retractions (uid, update_id, evidence_id, reason, as_of, by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`},
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

// finish puts sources in their order once, after all were added, puts the
// state triggers back and works out the state of what was loaded.
func (l *Loader) finish() error {
	if l.sourcesAdded {
		if err := renumber(l.ctx, l.tx); err != nil {
			return err
		}
	}
	for _, t := range l.triggers {
		_, text, _ := strings.Cut(t, "\x00")
		if _, err := l.tx.ExecContext(l.ctx, text); err != nil {
			return err
		}
	}
	if l.sourcesAdded || len(l.touched) > 1000 {
		_, err := l.tx.ExecContext(l.ctx, `DELETE FROM current_state; INSERT INTO current_state SELECT * FROM computed_state`)
		if err != nil {
			return err
		}
	} else {
		for id := range l.touched {
			if _, err := l.tx.ExecContext(l.ctx, `INSERT OR REPLACE INTO current_state SELECT * FROM computed_state WHERE recommendation_id = ?`, id); err != nil {
				return err
			}
		}
	}
	if l.latest != "" {
		_, err := l.tx.ExecContext(l.ctx, `UPDATE latest_date SET date = max(date, ?)`, string(l.latest))
		return err
	}
	return nil
}

// touch notes a recommendation whose state must be worked out again, and
// the latest date loaded.
func (l *Loader) touch(id string, date rtp.Date) {
	l.touched[id] = true
	if date > l.latest {
		l.latest = date
	}
}

// Source adds a source document and its recommendations.
func (l *Loader) Source(doc sources.Document) error {
	var position int
	if err := l.tx.QueryRowContext(l.ctx, `SELECT COALESCE(max(position), 0) + 1 FROM sources`).Scan(&position); err != nil {
		return err
	}
	l.sourcesAdded = true
	return insertDocument(l.ctx, l.tx, doc, position)
}

// Update adds a status update and returns its local ID.
func (l *Loader) Update(u rtp.ExportUpdate) (int64, error) {
	l.touch(u.RecommendationID, u.AsOf)
	r, err := l.update.ExecContext(l.ctx, u.UID, u.RecommendationID, u.Status, u.Note, u.AsOf, u.By, u.RecordedAt)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// Assignment adds an assignment or unassignment.
func (l *Loader) Assignment(a rtp.ExportAssignment) error {
	var role any
	if a.Action == "assign" {
		role = string(a.Role)
	}
	l.touch(a.RecommendationID, a.AsOf)
	_, err := l.assignment.ExecContext(l.ctx, a.UID, a.RecommendationID, a.Owner, a.Action, role, a.AsOf, a.By, a.RecordedAt)
	return err
}

// Evidence adds a piece of evidence, supporting the update with local ID
// updateID, or none if it is 0, and returns its local ID.
func (l *Loader) Evidence(e rtp.ExportEvidence, updateID int64) (int64, error) {
	var update any
	if updateID != 0 {
		update = updateID
	}
	l.touch(e.RecommendationID, e.Date)
	r, err := l.evidence.ExecContext(l.ctx, e.UID, e.RecommendationID, update, e.Ref, e.Title, e.Date, e.Note, e.Private, e.By, e.RecordedAt)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// Retraction retracts the update or the evidence with that local ID.
func (l *Loader) Retraction(x rtp.ExportRetraction, updateID, evidenceID int64) error {
	var update, evidence any
	if updateID != 0 {
		update = updateID
	} else {
		evidence = evidenceID
	}
	var rec string
	if err := l.tx.QueryRowContext(l.ctx, `SELECT recommendation_id FROM updates WHERE id = ? UNION SELECT recommendation_id FROM evidence WHERE id = ?`,
		updateID, evidenceID).Scan(&rec); err != nil {
		return err
	}
	l.touch(rec, x.AsOf)
	_, err := l.retract.ExecContext(l.ctx, x.UID, update, evidence, x.Reason, x.AsOf, x.By, x.RecordedAt)
	return err
}
