package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rtp-tracker/rtp"
)

// Retract records that an update or a piece of evidence was a mistake. The
// entry stays in the history, marked; it no longer counts on any day, as
// known from the retraction's stamp on (rtp.StateOn). Retracting an update retracts, in the same transaction,
// the evidence recorded with it that still counts: it supported the
// mistake.
func (s *Store) Retract(ctx context.Context, nr rtp.NewRetraction) (done rtp.Retracted, err error) {
	if err := nr.Validate(rtp.DateOf(s.Now())); err != nil {
		return done, err
	}
	recommendationID := &done.RecommendationID
	kind, column, id := "update", "update_id", nr.UpdateID
	if nr.EvidenceID != 0 {
		kind, column, id = "evidence", "evidence_id", nr.EvidenceID
	}
	table := map[string]string{"update": "updates", "evidence": "evidence"}[kind]
	err = s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT recommendation_id FROM `+table+` WHERE id = ?`, id).Scan(recommendationID)
		if err == sql.ErrNoRows {
			return &rtp.Error{Code: rtp.ENOTFOUND, Message: fmt.Sprintf("there is no %s %d", kind, id), Err: rtp.ErrUnknownEntry}
		}
		if err != nil {
			return err
		}
		// An amended entry is retracted by its amendment: the one that
		// counts instead is the one to retract.
		if amendment, err := latestAmendment(ctx, tx, table, id); err != nil || amendment != 0 {
			if err != nil {
				return err
			}
			return rtp.Errorf(rtp.ECONFLICT, "%s %d was amended by %s %d: retract %d instead", kind, id, kind, amendment, amendment)
		}
		var earlier rtp.Retraction
		err = tx.QueryRowContext(ctx, `SELECT as_of, by, reason FROM retractions WHERE `+column+` = ?
		ORDER BY recorded_at, uid LIMIT 1`, id).
			Scan(&earlier.AsOf, &earlier.By, &earlier.Reason)
		if err == nil {
			return rtp.Errorf(rtp.ECONFLICT, "%s %d was already retracted on %s by %s (%q): nothing changed", kind, id, earlier.AsOf, earlier.By, earlier.Reason)
		}
		if err != sql.ErrNoRows {
			return err
		}
		err = insertRetraction(ctx, tx, column, id, nr.Reason, nr.AsOf, nr.By)
		if err != nil || kind != "update" {
			return err
		}
		done.Evidence, err = retractEvidenceOf(ctx, tx, id, nr)
		return err
	})
	return done, err
}

// retractEvidenceOf retracts the evidence recorded with update id, or with
// any update it amends (through the chain of amendments: an amendment
// keeps its original's evidence), that no retraction names yet, for the
// same reason, and returns its IDs.
func retractEvidenceOf(ctx context.Context, tx *sql.Tx, id int64, nr rtp.NewRetraction) ([]int64, error) {
	var ids []int64
	err := scanAll(ctx, tx, `WITH RECURSIVE chain(id) AS (SELECT ? UNION SELECT u.amends FROM updates u JOIN chain c ON u.id = c.id
			WHERE u.amends IS NOT NULL)
		SELECT e.id FROM evidence e WHERE e.update_id IN (SELECT id FROM chain)
		AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.evidence_id = e.id) ORDER BY e.id`, func(rows *sql.Rows) error {
		var e int64
		err := rows.Scan(&e)
		ids = append(ids, e)
		return err
	}, id)
	if err != nil {
		return nil, err
	}
	for _, e := range ids {
		if err := insertRetraction(ctx, tx, "evidence_id", e, nr.Reason, nr.AsOf, nr.By); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// insertRetraction records that the update or evidence id (column
// update_id or evidence_id) was a mistake, for reason, received at the
// transaction's stamp.
func insertRetraction(ctx context.Context, tx *sql.Tx, column string, id int64, reason string, asOf rtp.Date, by string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO retractions (uid, `+column+`, reason, as_of, by, recorded_at, received_at)
		VALUES (?, ?, ?, ?, ?, `+stampNow+`, `+stampNow+`)`, newUID(), id, reason, asOf, by)
	return err
}

// retraction builds a *rtp.Retraction from the nullable columns of a LEFT
// JOIN on retractions; nil when there is none.
func retraction(id sql.NullInt64, reason, asOf, by, recorded sql.NullString) (*rtp.Retraction, error) {
	if !id.Valid {
		return nil, nil
	}
	at, err := parseTimestamp(recorded.String)
	return &rtp.Retraction{ID: id.Int64, Reason: reason.String, AsOf: rtp.Date(asOf.String), By: by.String, RecordedAt: at}, err
}

// amendment builds a *rtp.Amendment from the nullable columns of a LEFT
// JOIN on the entry that amends another; nil when there is none.
func amendment(id sql.NullInt64, by, recorded sql.NullString) (*rtp.Amendment, error) {
	if !id.Valid {
		return nil, nil
	}
	at, err := parseTimestamp(recorded.String)
	return &rtp.Amendment{ID: id.Int64, By: by.String, RecordedAt: at}, err
}
