package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rtp-tracker/rtp"
)

// AddUpdate appends a status update, with its evidence, in one transaction.
// An update without a status keeps the status in force on its as-of date.
// It returns the stored update.
func (s *Store) AddUpdate(ctx context.Context, nu rtp.NewUpdate) (u rtp.Update, err error) {
	if err := nu.Validate(rtp.DateOf(s.Now())); err != nil {
		return u, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if u, err = addUpdate(ctx, tx, nu); err != nil {
			return err
		}
		u.RecordedAt, err = stampOf(ctx, tx)
		return err
	})
	return u, err
}

// addUpdate records nu, received (and recorded) at the transaction's
// stamp; the update returned leaves RecordedAt to the caller that needs it.
func addUpdate(ctx context.Context, tx writer, nu rtp.NewUpdate) (rtp.Update, error) {
	return addAmendingUpdate(ctx, tx, nu, 0)
}

// addAmendingUpdate records nu as the amendment of the update amends (0:
// none), received (and recorded) at the transaction's stamp; the update
// returned leaves RecordedAt to the caller that needs it.
func addAmendingUpdate(ctx context.Context, tx writer, nu rtp.NewUpdate, amends int64) (rtp.Update, error) {
	if err := checkNotBeforeSource(ctx, tx, nu.RecommendationID, nu.AsOf); err != nil {
		return rtp.Update{}, err
	}
	status := nu.Status
	if status == "" {
		// A note-only update keeps whatever status is in force (note_only);
		// the status it is stored with is the one in force on its date, as
		// known today, what it is shown with.
		var err error
		if status, err = statusOf(ctx, tx, nu.RecommendationID, nu.AsOf); err != nil {
			return rtp.Update{}, err
		}
	}
	batchID, err := batchOf(ctx, tx)
	if err != nil {
		return rtp.Update{}, err
	}
	// The author comes back as stored: a shared server records the
	// session's role (with whom it records for), whatever was asked.
	actor, err := actorOfUpdate(ctx, tx, nu)
	if err != nil {
		return rtp.Update{}, err
	}
	u := rtp.Update{RecommendationID: nu.RecommendationID, Status: status, Note: nu.Note, AsOf: nu.AsOf,
		Evidence: []rtp.Evidence{}, Private: nu.Private, Amends: amends}
	if err := tx.QueryRowContext(ctx, `INSERT INTO updates (uid, recommendation_id, status, note, as_of, by, recorded_at, received_at, note_only, private, batch_id, amends, actor)
		VALUES (?, ?, ?, ?, ?, ?, `+stampNow+`, `+stampNow+`, ?, ?, ?, ?, ?) RETURNING id, by, COALESCE(actor, '')`, newUID(), nu.RecommendationID, status, nu.Note, nu.AsOf, nu.By, nu.Status == "", nu.Private, batchID, nullableID(amends), actor).Scan(&u.ID, &u.By, &u.Actor); err != nil {
		return rtp.Update{}, err
	}
	for _, ne := range nu.Evidence {
		if ne.Date == "" {
			ne.Date = nu.AsOf
		}
		// A private update's evidence is private too, whatever way it came in.
		ne.Private = ne.Private || nu.Private
		e, err := insertEvidence(ctx, tx, ne, u.ID)
		if err != nil {
			return u, err
		}
		u.Evidence = append(u.Evidence, e)
	}
	return u, nil
}

// AddEvidence records evidence that is not tied to a status update.
func (s *Store) AddEvidence(ctx context.Context, ne rtp.NewEvidence) (e rtp.Evidence, err error) {
	if err := ne.Validate(rtp.DateOf(s.Now())); err != nil {
		return e, err
	}
	now := s.Now()
	if ne.Date == "" {
		ne.Date = rtp.DateOf(now)
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := checkExists(ctx, tx, ne.RecommendationID); err != nil {
			return err
		}
		e, err = insertEvidence(ctx, tx, ne, 0)
		return err
	})
	return e, err
}

func insertEvidence(ctx context.Context, tx writer, ne rtp.NewEvidence, updateID int64) (rtp.Evidence, error) {
	return insertAmendingEvidence(ctx, tx, ne, updateID, 0)
}

// insertAmendingEvidence records ne as the amendment of the evidence
// amends (0: none), received (and recorded) at the transaction's stamp.
func insertAmendingEvidence(ctx context.Context, tx writer, ne rtp.NewEvidence, updateID, amends int64) (rtp.Evidence, error) {
	update := nullableID(updateID)
	batchID, err := batchOf(ctx, tx)
	if err != nil {
		return rtp.Evidence{}, err
	}
	e := rtp.Evidence{Ref: ne.Ref, Title: ne.Title, Date: ne.Date, Note: ne.Note,
		Private: ne.Private, UpdateID: updateID, Amends: amends}
	err = tx.QueryRowContext(ctx, `INSERT INTO evidence (uid, recommendation_id, update_id, ref, title, date, note, private, by, recorded_at, received_at, batch_id, amends, document)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, `+stampNow+`, `+stampNow+`, ?, ?, ?) RETURNING id, by`,
		newUID(), ne.RecommendationID, update, ne.Ref, ne.Title, ne.Date, ne.Note, ne.Private, ne.By, batchID, nullableID(amends), rtp.DocumentKey(ne.Ref)).Scan(&e.ID, &e.By)
	if err != nil {
		return rtp.Evidence{}, err
	}
	return e, nil
}

// checkExists fails with ENOTFOUND unless the recommendation is stored.
func checkExists(ctx context.Context, tx *sql.Tx, id string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM recommendations WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return rtp.Errorf(rtp.ENOTFOUND, "unknown recommendation %q", id)
	}
	return nil
}

// checkNotBeforeSource refuses a status or an owner dated before the
// recommendation was made: it could not have stood anywhere then.
func checkNotBeforeSource(ctx context.Context, tx querier, id string, asOf rtp.Date) error {
	var made rtp.Date
	err := tx.QueryRowContext(ctx, `SELECT s.date FROM recommendations r JOIN sources s ON s.id = r.source_id
		WHERE r.id = ?`, id).Scan(&made)
	if err == sql.ErrNoRows {
		return rtp.Errorf(rtp.ENOTFOUND, "unknown recommendation %q", id)
	}
	if err != nil {
		return err
	}
	if err := rtp.CheckMade("as_of", asOf, id, made); err != nil {
		return err
	}
	return nil
}

// parseTimestamp reads a stored recorded_at: rtp.StampLayout, or whole
// seconds as a file written behind rtp's back may hold (db check flags it),
// which a read still shows.
func parseTimestamp(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}
