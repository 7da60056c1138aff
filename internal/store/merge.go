package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/rtp-tracker/rtp"
)

// Merge adds to the tracker what another tracker's export holds and this
// one lacks, in one transaction. Entries are matched by uid, so merging the
// same file twice adds nothing the second time, and merging two trackers
// into each other in either order gives the same history. The export is
// checked whole with the tracker's recommendations (rtp.ExportChecker: the
// rules db check holds the tracker to) before anything is written, and an
// rtp.Problems lists what is refused; references it makes to entries
// neither it nor the tracker holds are refused too.
func (s *Store) Merge(ctx context.Context, from rtp.BatchOrigin, exp rtp.Export, progress func(done, total int)) (res rtp.MergeResult, err error) {
	today := rtp.DateOf(s.Now())
	total := len(exp.Updates) + len(exp.Assignments) + len(exp.Evidence) + len(exp.Retractions) + len(exp.Renames) + len(exp.Targets)
	done := 0
	step := func() {
		done++
		if progress != nil && (done%500 == 0 || done == total) {
			progress(done, total)
		}
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		res = rtp.MergeResult{}
		if err := s.mayMerge(ctx, tx); err != nil {
			return err
		}
		held, err := recommendationDates(ctx, tx)
		if err != nil {
			return err
		}
		if err := exp.CheckWith(rtp.NewExportChecker(today, held)); err != nil {
			return err
		}
		// Entries are ordered by recorded_at as text: an older export's
		// whole seconds are written as this tracker keeps them.
		exp.NormaliseRecordedAt()
		if err := s.mergeSources(ctx, tx, exp, &res); err != nil {
			return err
		}
		l, err := s.newLoader(ctx, tx)
		if err != nil {
			return err
		}
		defer l.close()
		l.batch = &batch{origin: from, kind: "merge"}
		before, err := latestStatuses(ctx, tx)
		if err != nil {
			return err
		}
		updateIDs, err := uidMap(ctx, tx, "updates")
		if err != nil {
			return err
		}
		added := map[string]bool{}
		// Amendments of entries this tracker had: the checker did not see
		// those entries, so they are checked once the merge is written.
		var amendsHeld []heldAmendment
		for _, u := range amendedFirst(exp.Updates, func(u rtp.ExportUpdate) (string, string) { return u.UID, u.Amends }) {
			step()
			if _, ok := updateIDs[u.UID]; ok {
				res.AlreadyPresent++
				continue
			}
			if _, ok := updateIDs[u.Amends]; u.Amends != "" && !ok {
				return rtp.Errorf(rtp.EINVALID, "update %s amends the update %s, which neither tracker has", u.UID, u.Amends)
			}
			if u.Amends != "" && !added[u.Amends] {
				amendsHeld = append(amendsHeld, heldAmendment{"update", u.UID, u.RecommendationID, updateIDs[u.Amends]})
			}
			if updateIDs[u.UID], err = l.Update(u); err != nil {
				return mergeError("update", u.UID, err)
			}
			added[u.UID] = true
			res.Updates++
			if u.Private {
				res.Private++
			}
		}
		known, err := uidSet(ctx, tx, "assignments")
		if err != nil {
			return err
		}
		for _, a := range exp.Assignments {
			step()
			if known[a.UID] {
				res.AlreadyPresent++
				continue
			}
			if err := l.Assignment(a); err != nil {
				return mergeError("assignment", a.UID, err)
			}
			res.Assignments++
		}
		evidenceIDs, err := uidMap(ctx, tx, "evidence")
		if err != nil {
			return err
		}
		addedEvidence := map[string]bool{}
		for _, e := range amendedFirst(exp.Evidence, func(e rtp.ExportEvidence) (string, string) { return e.UID, e.Amends }) {
			step()
			if _, ok := evidenceIDs[e.UID]; ok {
				res.AlreadyPresent++
				continue
			}
			if _, ok := evidenceIDs[e.Amends]; e.Amends != "" && !ok {
				return rtp.Errorf(rtp.EINVALID, "evidence %s amends the evidence %s, which neither tracker has", e.UID, e.Amends)
			}
			if e.Amends != "" && !addedEvidence[e.Amends] {
				amendsHeld = append(amendsHeld, heldAmendment{"evidence", e.UID, e.RecommendationID, evidenceIDs[e.Amends]})
			}
			var update int64
			if e.Update != "" {
				id, ok := updateIDs[e.Update]
				if !ok {
					return rtp.Errorf(rtp.EINVALID, "evidence %s supports the update %s, which neither tracker has", e.UID, e.Update)
				}
				update = id
				// The checker saw this pair when both came in the file; an
				// update this tracker had already is looked up.
				if !added[e.Update] {
					if err := checkSupportsItsOwn(ctx, tx, e, id); err != nil {
						return err
					}
				}
			}
			if evidenceIDs[e.UID], err = l.Evidence(e, update); err != nil {
				return mergeError("evidence", e.UID, err)
			}
			addedEvidence[e.UID] = true
			res.Evidence++
			if e.Private {
				res.Private++
			}
		}
		known, err = uidSet(ctx, tx, "retractions")
		if err != nil {
			return err
		}
		for _, x := range exp.Retractions {
			step()
			if known[x.UID] {
				res.AlreadyPresent++
				continue
			}
			var update, evidence int64
			if x.Update != "" {
				id, ok := updateIDs[x.Update]
				if !ok {
					return rtp.Errorf(rtp.EINVALID, "retraction %s retracts the update %s, which neither tracker has", x.UID, x.Update)
				}
				update = id
			} else {
				id, ok := evidenceIDs[x.Evidence]
				if !ok {
					return rtp.Errorf(rtp.EINVALID, "retraction %s retracts the evidence %s, which neither tracker has", x.UID, x.Evidence)
				}
				evidence = id
			}
			// Two trackers may retract the same entry: a retraction is a fact,
			// and every one is kept, so that either merge order gives one history.
			if err := l.Retraction(x, update, evidence); err != nil {
				return mergeError("retraction", x.UID, err)
			}
			res.Retractions++
		}
		if err := checkAmendsHeld(ctx, tx, amendsHeld); err != nil {
			return err
		}
		if err := mergeRenames(ctx, tx, l, exp.Renames, &res, step); err != nil {
			return err
		}
		if err := mergeChecks(ctx, tx, l.batch, exp, today, &res); err != nil {
			return err
		}
		if err := mergeTargets(ctx, tx, l, exp.Targets, &res, step); err != nil {
			return err
		}
		res.Divergences = divergences(before, exp, added)
		res.Batch = l.batch.id
		return l.finish()
	})
	return res, err
}

// mergeSources adds the sources and recommendations the tracker lacks. A
// recommendation ID that the two trackers use for different sources cannot
// be merged.
func (s *Store) mergeSources(ctx context.Context, tx *sql.Tx, exp rtp.Export, res *rtp.MergeResult) error {
	added := false
	for _, src := range exp.Sources {
		var title string
		err := tx.QueryRowContext(ctx, `SELECT title FROM sources WHERE id = ?`, src.ID).Scan(&title)
		if err == sql.ErrNoRows {
			if err := addSource(ctx, tx, src); err != nil {
				return err
			}
			res.Sources++
			res.Recommendations += len(src.Recommendations)
			added = true
			continue
		}
		if err != nil {
			return err
		}
		var missing []rtp.Recommendation
		for _, r := range src.Recommendations {
			var source, text string
			err := tx.QueryRowContext(ctx, `SELECT source_id, text FROM recommendations WHERE id = ?`, r.ID).Scan(&source, &text)
			switch {
			case err == sql.ErrNoRows:
				missing = append(missing, r)
			case err != nil:
				return err
			case source != src.ID:
				return rtp.Errorf(rtp.ECONFLICT, "recommendation %s belongs to %s here but to %s in the file: the trackers cannot be merged", r.ID, source, src.ID)
			case text != r.Text:
				res.Notes = append(res.Notes, fmt.Sprintf("recommendation %s has another text in the file; this tracker's text is kept", r.ID))
			}
		}
		if len(missing) > 0 {
			if err := insertDocumentRecommendations(ctx, tx, src.ID, missing); err != nil {
				return err
			}
			res.Recommendations += len(missing)
			added = true
		}
	}
	if added {
		return s.renumber(ctx, tx)
	}
	return nil
}

// latestStatuses maps each recommendation to its update in force today, as
// the kept current state names it.
func latestStatuses(ctx context.Context, tx *sql.Tx) (map[string]rtp.ExportUpdate, error) {
	out := map[string]rtp.ExportUpdate{}
	err := scanAll(ctx, tx, Query("merge_in_force"), func(rows *sql.Rows) error {
		var u rtp.ExportUpdate
		if err := rows.Scan(&u.UID, &u.RecommendationID, &u.Status, &u.Note, &u.AsOf, &u.By, &u.RecordedAt); err != nil {
			return err
		}
		out[u.RecommendationID] = u
		return nil
	})
	return out, err
}

// divergences compares, for every recommendation, the latest status the
// tracker had before the merge with the latest the file holds, when the
// merge added that one: where they differ, both were kept, and the user
// should know. A merge that adds nothing reports nothing again.
func divergences(before map[string]rtp.ExportUpdate, exp rtp.Export, added map[string]bool) []rtp.Divergence {
	retracted := map[string]bool{}
	for _, x := range exp.Retractions {
		retracted[x.Update] = true
	}
	theirs := map[string]rtp.ExportUpdate{}
	for _, u := range exp.Updates {
		if retracted[u.UID] || u.Actor != "" { // about an actor, not the recommendation's own status
			continue
		}
		if t, ok := theirs[u.RecommendationID]; !ok || later(u, t) {
			theirs[u.RecommendationID] = u
		}
	}
	var out []rtp.Divergence
	for id, there := range theirs {
		here, ok := before[id]
		if !ok || !added[there.UID] || here.Status == there.Status {
			continue
		}
		out = append(out, rtp.Divergence{RecommendationID: id, Here: here, There: there})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].RecommendationID < out[j].RecommendationID })
	return out
}

// recommendationDates maps each recommendation the tracker holds to the
// date of its source: what an entry may name, and the day it may start.
func recommendationDates(ctx context.Context, tx *sql.Tx) (map[string]rtp.Date, error) {
	out := map[string]rtp.Date{}
	err := scanAll(ctx, tx, `SELECT r.id, s.date FROM recommendations r JOIN sources s ON s.id = r.source_id`, func(rows *sql.Rows) error {
		var id string
		var made rtp.Date
		err := rows.Scan(&id, &made)
		out[id] = made
		return err
	})
	return out, err
}

// checkSupportsItsOwn refuses evidence that supports an update the tracker
// holds for another recommendation: the export alone cannot tell.
func checkSupportsItsOwn(ctx context.Context, tx *sql.Tx, e rtp.ExportEvidence, updateID int64) error {
	var of string
	if err := tx.QueryRowContext(ctx, `SELECT recommendation_id FROM updates WHERE id = ?`, updateID).Scan(&of); err != nil {
		return err
	}
	if of != e.RecommendationID {
		return rtp.Problems{rtp.Errorf(rtp.EINVALID, "evidence %s: %s", e.UID, rtp.EvidenceOfAnother(e.RecommendationID, e.Update, of).Error())}
	}
	return nil
}

// heldAmendment is an entry merged that amends one the tracker had: its
// kind, uid and recommendation, and the local ID of the entry it amends.
type heldAmendment struct {
	kind, uid, recommendation string
	amends                    int64
}

// checkAmendsHeld refuses an amendment of an entry the tracker had that is
// of another recommendation or not retracted, once the merge is written:
// the rules the export checker holds entries of one file to.
func checkAmendsHeld(ctx context.Context, tx *sql.Tx, list []heldAmendment) error {
	for _, a := range list {
		table, column := "updates", "update_id"
		if a.kind == "evidence" {
			table, column = "evidence", "evidence_id"
		}
		var rec, uid string
		var retracted bool
		err := tx.QueryRowContext(ctx, `SELECT recommendation_id, uid, EXISTS (SELECT 1 FROM retractions WHERE `+column+` = t.id)
			FROM `+table+` t WHERE t.id = ?`, a.amends).Scan(&rec, &uid, &retracted)
		switch {
		case err != nil:
			return err
		case rec != a.recommendation:
			return rtp.Problems{rtp.Errorf(rtp.EINVALID, "%s %s: it amends %s, which belongs to %s, not %s", a.kind, a.uid, uid, rec, a.recommendation)}
		case !retracted:
			return rtp.Problems{rtp.Errorf(rtp.EINVALID, "%s %s: it amends %s, which no retraction retracts", a.kind, a.uid, uid)}
		}
	}
	return nil
}

// later orders updates as the state rule does: by as-of date, recording
// time, uid.
func later(u, t rtp.ExportUpdate) bool {
	return rtp.CompareEntries(u.AsOf, u.RecordedAt, u.UID, t.AsOf, t.RecordedAt, t.UID) > 0
}

func uidMap(ctx context.Context, tx *sql.Tx, table string) (map[string]int64, error) {
	out := map[string]int64{}
	err := scanAll(ctx, tx, `SELECT uid, id FROM `+table, func(rows *sql.Rows) error {
		var uid string
		var id int64
		err := rows.Scan(&uid, &id)
		out[uid] = id
		return err
	})
	return out, err
}

func uidSet(ctx context.Context, tx *sql.Tx, table string) (map[string]bool, error) {
	ids, err := uidMap(ctx, tx, table)
	out := make(map[string]bool, len(ids))
	for uid := range ids {
		out[uid] = true
	}
	return out, err
}

func mergeError(kind, uid string, err error) error {
	// A server that refuses the session (only admins merge) is no fault
	// of the file's.
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42501" {
		return rtp.Errorf(rtp.EREADONLY, "cannot merge %s %s: the server refused: %s", kind, uid, pgErr.Message)
	}
	return rtp.Errorf(rtp.EINVALID, "cannot merge %s %s: %v", kind, uid, err)
}

// amendedFirst orders entries so that each comes after the entry it amends
// (ids gives an entry's uid and the uid it amends), keeping the order
// otherwise: an amendment names its original by local ID, so the original
// is stored first, even when both were recorded in the same second and the
// amendment's uid sorts first.
func amendedFirst[T any](list []T, ids func(T) (uid, amends string)) []T {
	at := map[string]int{}
	for _, v := range list {
		if _, amends := ids(v); amends != "" {
			at[amends] = -1
		}
	}
	if len(at) == 0 {
		return list
	}
	for i, v := range list {
		if uid, _ := ids(v); at[uid] == -1 {
			at[uid] = i + 1
		}
	}
	out := make([]T, 0, len(list))
	placed := make([]bool, len(list))
	var place func(i int)
	place = func(i int) {
		if placed[i] {
			return
		}
		placed[i] = true
		if _, amends := ids(list[i]); at[amends] > 0 {
			place(at[amends] - 1)
		}
		out = append(out, list[i])
	}
	for i := range list {
		place(i)
	}
	return out
}

// mergeRenames adds the owner renames the tracker lacks, then refuses the
// merge if the renames together would lead a name back to itself or give
// it to two owners, or if a rename would join two owners or renames none
// (renameProblems): what is checked is the set of entries once the merge is
// written, the same whichever tracker is merged into which.
func mergeRenames(ctx context.Context, tx *sql.Tx, l *Loader, renames []rtp.ExportRename, res *rtp.MergeResult, step func()) error {
	known, err := uidSet(ctx, tx, "owner_renames")
	if err != nil {
		return err
	}
	for _, r := range renames {
		step()
		if known[r.UID] {
			res.AlreadyPresent++
			continue
		}
		if err := l.Rename(r); err != nil {
			return mergeError("rename", r.UID, err)
		}
		res.Renames++
	}
	// Checked whatever the merge added: an assignment merged can break a
	// rule with a rename this tracker had.
	problems, err := renameProblems(ctx, tx)
	if err != nil || len(problems) == 0 {
		return err
	}
	return rtp.Errorf(rtp.ECONFLICT, "the trackers cannot be merged: %s", problems[0])
}
