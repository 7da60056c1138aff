package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// SetTarget records a target entry: the day by which a recommendation
// should reach a status, or (nt.Clear) that it has none from nt.AsOf on.
// Dropping a target that is not in force on that day is refused: it would
// record nothing anyone could see.
func (s *Store) SetTarget(ctx context.Context, nt rtp.NewTarget) (done rtp.Target, err error) {
	if err := nt.Validate(rtp.DateOf(s.Now())); err != nil {
		return done, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		done, err = setTarget(ctx, tx, nt)
		return err
	})
	return done, err
}

func setTarget(ctx context.Context, tx writer, nt rtp.NewTarget) (rtp.Target, error) {
	if err := checkNotBeforeSource(ctx, tx, nt.RecommendationID, nt.AsOf); err != nil {
		return rtp.Target{}, err
	}
	if nt.Clear {
		inForce, err := targetsInForce(ctx, tx, nt.AsOf, "", nt.RecommendationID)
		if err != nil {
			return rtp.Target{}, err
		}
		if len(inForce) == 0 {
			return rtp.Target{}, rtp.Errorf(rtp.ENOTFOUND, "%s has no target on %s: there is none to drop", nt.RecommendationID, nt.AsOf)
		}
	}
	now, err := stampOf(ctx, tx)
	if err != nil {
		return rtp.Target{}, err
	}
	t := rtp.Target{UID: newUID(), RecommendationID: nt.RecommendationID, Due: nt.Due, Status: nt.Status,
		Note: nt.Note, AsOf: nt.AsOf, By: nt.By, RecordedAt: rtp.Stamp(now)}
	return t, insertTarget(ctx, tx, t, nil, true)
}

// insertTarget records t in batch batchID (nil for none): stamped now when
// it is recorded here, with its own recorded_at when a merge brings it.
func insertTarget(ctx context.Context, tx writer, t rtp.Target, batchID any, here bool) error {
	var due, status any
	if t.Due != "" {
		due, status = string(t.Due), string(t.Status)
	}
	args := []any{t.UID, t.RecommendationID, due, status, t.Note, t.AsOf, t.By}
	recordedAt := stampNow
	if !here {
		recordedAt = "?"
		args = append(args, t.RecordedAt)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO targets (uid, recommendation_id, due, status, note, as_of, by, recorded_at, received_at, batch_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, `+recordedAt+`, `+stampNow+`, ?)`, append(args, batchID)...)
	return err
}

// Targets returns the target in force on day for every recommendation
// that has one, as the tracker knew it at moment known (zero: now), by due
// date.
func (s *Store) Targets(ctx context.Context, day rtp.Date, known rtp.Moment) (list []rtp.Target, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		knownAt, err := knownAt(ctx, tx, known)
		if err != nil {
			return err
		}
		list, err = targetsInForce(ctx, tx, day, knownAt, "")
		return err
	})
	return list, err
}

// targetsInForce runs targets_in_force for day as known at knownAt (""
// for now), for recommendation id ("" for all).
func targetsInForce(ctx context.Context, tx querier, day rtp.Date, knownAt, id string) ([]rtp.Target, error) {
	if knownAt == "" {
		knownAt = rtp.Moment("").KnownAt()
	}
	rows, err := tx.QueryContext(ctx, Query("targets_in_force"),
		sql.Named("day", string(day)), sql.Named("known_at", knownAt), sql.Named("id", id))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []rtp.Target
	for rows.Next() {
		var t rtp.Target
		if err := rows.Scan(&t.UID, &t.RecommendationID, &t.Due, &t.Status, &t.Note, &t.AsOf, &t.By, &t.RecordedAt); err != nil {
			return nil, err
		}
		list = append(list, t)
	}
	return list, rows.Err()
}

// mergeTargets adds the target entries the tracker lacks, by uid: which
// target is in force on a day depends only on the set of entries, so the
// order of merges does not matter.
func mergeTargets(ctx context.Context, tx *sql.Tx, l *Loader, targets []rtp.ExportTarget, res *rtp.MergeResult, step func()) error {
	known, err := uidSet(ctx, tx, "targets")
	if err != nil {
		return err
	}
	for _, t := range targets {
		step()
		if known[t.UID] {
			res.AlreadyPresent++
			continue
		}
		if err := l.Target(t); err != nil {
			return mergeError("target", t.UID, err)
		}
		known[t.UID] = true
		res.Targets++
	}
	return nil
}

// Target adds a target entry with its own recorded_at, in the loader's batch.
func (l *Loader) Target(t rtp.ExportTarget) error {
	batchID, err := l.batch.idFor(l.ctx, l.tx)
	if err != nil {
		return err
	}
	return insertTarget(l.ctx, l.tx, t, batchID, false)
}
