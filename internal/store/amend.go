package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// Amend corrects an update or a piece of evidence in one transaction: it
// retracts the entry and records a new one of the same kind and
// recommendation, with the fields given changed and the others copied,
// naming the one it amends. The retraction is dated as the entry amended,
// so that no view counts it any more, whatever its day. An update's
// evidence is not retracted: it keeps supporting the update, through the
// amendment.
func (s *Store) Amend(ctx context.Context, na rtp.NewAmendment) (done rtp.Amended, err error) {
	if err := na.Validate(rtp.DateOf(s.Now())); err != nil {
		return done, err
	}
	done = rtp.Amended{Kind: "update", Original: na.UpdateID}
	if na.EvidenceID != 0 {
		done = rtp.Amended{Kind: "evidence", Original: na.EvidenceID}
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := checkAmendable(ctx, tx, done.Kind, done.Original); err != nil {
			return err
		}
		if done.Kind == "update" {
			done.RecommendationID, done.New, err = amendUpdate(ctx, tx, na)
		} else {
			done.RecommendationID, done.New, err = amendEvidence(ctx, tx, na)
		}
		return err
	})
	return done, err
}

// amendUpdate records the amendment of an update, and returns its
// recommendation and the new update's ID.
func amendUpdate(ctx context.Context, tx *sql.Tx, na rtp.NewAmendment) (string, int64, error) {
	var old rtp.NewUpdate
	var noteOnly bool
	err := tx.QueryRowContext(ctx, `SELECT recommendation_id, status, note, as_of, note_only, private, COALESCE(actor, '') FROM updates WHERE id = ?`, na.UpdateID).
		Scan(&old.RecommendationID, &old.Status, &old.Note, &old.AsOf, &noteOnly, &old.Private, &old.Actor)
	if err != nil {
		return "", 0, err
	}
	rec := old.RecommendationID
	if noteOnly {
		old.Status = "" // a note-only update keeps the status in force
	}
	nu := old
	nu.By = na.By
	given(&nu.Status, na.Status)
	given(&nu.Note, na.Note)
	given(&nu.AsOf, na.AsOf)
	// A blank note is no note: the update would say nothing.
	if nu.Status == "" && strings.TrimSpace(nu.Note) == "" {
		return rec, 0, rtp.FieldProblem("note", "", "is empty, and update %d gives no status: it would record nothing; retract it instead", na.UpdateID)
	}
	if nu.Status == old.Status && nu.Note == old.Note && nu.AsOf == old.AsOf {
		return rec, 0, rtp.Errorf(rtp.ECONFLICT, "update %d already has that status, note and date: nothing to amend", na.UpdateID)
	}
	if err := insertRetraction(ctx, tx, "update_id", na.UpdateID, na.ReasonOrDefault(), old.AsOf, na.By); err != nil {
		return rec, 0, err
	}
	u, err := addAmendingUpdate(ctx, tx, nu, na.UpdateID)
	return rec, u.ID, err
}

// amendEvidence records the amendment of a piece of evidence, and returns
// its recommendation and the new evidence's ID.
func amendEvidence(ctx context.Context, tx *sql.Tx, na rtp.NewAmendment) (string, int64, error) {
	var old rtp.NewEvidence
	var updateID sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT recommendation_id, ref, title, date, note, private, update_id FROM evidence WHERE id = ?`, na.EvidenceID).
		Scan(&old.RecommendationID, &old.Ref, &old.Title, &old.Date, &old.Note, &old.Private, &updateID)
	if err != nil {
		return "", 0, err
	}
	rec := old.RecommendationID
	old.By = na.By
	ne := old
	given(&ne.Ref, na.Ref)
	given(&ne.Title, na.Title)
	given(&ne.Date, na.Date)
	given(&ne.Note, na.Note)
	if ne == old {
		return rec, 0, rtp.Errorf(rtp.ECONFLICT, "evidence %d already has that reference, title, date and note: nothing to amend", na.EvidenceID)
	}
	if err := insertRetraction(ctx, tx, "evidence_id", na.EvidenceID, na.ReasonOrDefault(), old.Date, na.By); err != nil {
		return rec, 0, err
	}
	e, err := insertAmendingEvidence(ctx, tx, ne, updateID.Int64, na.EvidenceID)
	return rec, e.ID, err
}

// given sets field to the value of an amendment's field, if it was given.
func given[T any](field, value *T) {
	if value != nil {
		*field = *value
	}
}

// checkAmendable refuses an entry that does not exist, was amended already
// (naming the latest amendment, the one to amend instead) or was
// retracted.
func checkAmendable(ctx context.Context, tx *sql.Tx, kind string, id int64) error {
	table := map[string]string{"update": "updates", "evidence": "evidence"}[kind]
	column := map[string]string{"update": "update_id", "evidence": "evidence_id"}[kind]
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return &rtp.Error{Code: rtp.ENOTFOUND, Message: fmt.Sprintf("there is no %s %d", kind, id), Err: rtp.ErrUnknownEntry}
	}
	// The latest amendment of the latest amendment, and so on: merged
	// trackers may each have amended the same entry, and agree on which
	// is latest by (recorded_at, uid).
	latest := id
	for {
		next, err := latestAmendment(ctx, tx, table, latest)
		if err != nil {
			return err
		}
		if next == 0 {
			break
		}
		latest = next
	}
	if latest != id {
		return rtp.Errorf(rtp.ECONFLICT, "%s %d was amended by %s %d: amend %d instead", kind, id, kind, latest, latest)
	}
	var x rtp.Retraction
	err := tx.QueryRowContext(ctx, `SELECT as_of, by, reason FROM retractions WHERE `+column+` = ?
		ORDER BY recorded_at, uid LIMIT 1`, id).Scan(&x.AsOf, &x.By, &x.Reason)
	if err == nil {
		return rtp.Errorf(rtp.ECONFLICT, "%s %d was retracted on %s by %s (%q): a retracted entry cannot be amended", kind, id, x.AsOf, x.By, x.Reason)
	}
	if err != sql.ErrNoRows {
		return err
	}
	return nil
}

// latestAmendment is the ID of the latest entry of table that amends id, by
// (recorded_at, uid); 0 if none.
func latestAmendment(ctx context.Context, tx *sql.Tx, table string, id int64) (int64, error) {
	var next int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM `+table+` WHERE amends = ? ORDER BY recorded_at DESC, uid DESC LIMIT 1`, id).Scan(&next)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return next, err
}
