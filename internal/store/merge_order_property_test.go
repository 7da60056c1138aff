package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

// Equal exports mean equal answers: random trackers, with many entries on
// the same day and in the same second, merged in random orders into fresh
// trackers, give byte-identical exports and the same lists (owners named as
// renames name them), histories and logs on random days, because ties go by (as_of, recorded_at, uid) and
// never by the local numbers a merge order gives (issue 11, finding 6). The
// test runs seeds for a bounded time, so that it fits in CI.
func TestMergeOrderDoesNotChangeAnswers(t *testing.T) {
	t.Parallel()
	deadline := time.Now().Add(4 * time.Second)
	renames := 0
	defer func() {
		if renames == 0 && !t.Failed() {
			t.Error("no export held a rename: the trackers do not exercise renames")
		}
	}()
	for seed := uint64(1); seed <= 40 && (seed <= 3 || time.Now().Before(deadline)); seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		var exports []rtp.Export
		for k := 0; k < 3; k++ {
			exports = append(exports, randomExport(t, rng, k, nil))
			renames += len(exports[k].Renames)
		}
		mergeInEveryOrder(t, seed, rng, exports)
	}
}

// Trackers that merged one base and then each amended or retracted its
// entries (the same update may be amended or retracted in several) give the
// same export, byte for byte, and the same answers, log and report period
// included, merged in any order: every retraction is kept, the one shown
// and the latest amendment go by (recorded_at, uid).
func TestMergeOrderWithAmendmentsOfOneBase(t *testing.T) {
	t.Parallel()
	deadline := time.Now().Add(4 * time.Second)
	for seed := uint64(1); seed <= 40 && (seed <= 3 || time.Now().Before(deadline)); seed++ {
		rng := rand.New(rand.NewPCG(seed, 12))
		base := randomExport(t, rng, 0, nil)
		exports := []rtp.Export{base, randomExport(t, rng, 1, &base), randomExport(t, rng, 2, &base)}
		mergeInEveryOrder(t, seed, rng, exports)
	}
}

// mergeInEveryOrder merges exports into fresh trackers in three random
// orders and fails unless each passes db check and all give the same export,
// byte for byte, and the same answers on random days, the log and the
// report's period entries included.
func mergeInEveryOrder(t *testing.T, seed uint64, rng *rand.Rand, exports []rtp.Export) {
	t.Helper()
	var first *store.Store
	var firstExport []byte
	for order := 0; order < 3; order++ {
		s := freshStore(t, fmt.Sprintf("s%d-o%d.db", seed, order))
		for _, i := range rng.Perm(len(exports)) {
			if _, err := s.Merge(context.Background(), rtp.BatchOrigin{Source: "t.json", By: "x"}, exports[i], nil); err != nil {
				t.Fatalf("seed %d: merge: %v", seed, err)
			}
		}
		if report, err := s.Check(context.Background()); err != nil || len(report.Problems) > 0 {
			t.Fatalf("seed %d: db check: %v %v", seed, err, report.Problems)
		}
		exp, err := s.Export(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		data, _ := json.Marshal(exp)
		if first == nil {
			first, firstExport = s, data
			continue
		}
		if string(data) != string(firstExport) {
			t.Fatalf("seed %d: merge orders give different exports:\n%s\n%s", seed, firstExport, data)
		}
		for range 4 {
			day := randomDay(rng)
			if a, b := answers(t, first, day), answers(t, s, day); a != b {
				t.Fatalf("seed %d: on %s the merge orders answer differently:\n%s\n%s", seed, day, a, b)
			}
		}
	}
}

func freshStore(tb testing.TB, name string) *store.Store {
	return storeWithClock(tb, name, func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) })
}

// storeWithClock creates a tracker whose clock is now from its creation
// on: its stamps never run ahead of that clock's days.
func storeWithClock(tb testing.TB, name string, now func() time.Time) *store.Store {
	tb.Helper()
	opts := memoOptions
	opts.Now = now
	s, _, err := store.Create(context.Background(), filepath.Join(tb.TempDir(), name), opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// randomExport records random entries in a tracker of its own, on few
// recommendations, days and recording seconds, so that ties abound; with a
// base, it merges base first and may retract or amend what base holds.
func randomExport(tb testing.TB, rng *rand.Rand, k int, base *rtp.Export) rtp.Export {
	tb.Helper()
	ctx := context.Background()
	second := 0
	s := storeWithClock(tb, fmt.Sprintf("member%d.db", k), func() time.Time { return time.Date(2021, 1, 1, 0, 0, second, 0, time.UTC) })
	recs := []string{"upr", "ga-agenda", "prevention"}
	owners := []string{"FES", "fes", "ICRtoP", "Ärzte", "ärzte", "A\u0308rzte"}
	// updates and evidence are this tracker's own, to retract; base's
	// entries are only amended, as partners correct each other's typos.
	var updates, evidence, baseUpdates, baseEvidence []int64
	if base != nil {
		baseUpdates, baseEvidence = mergeBase(tb, s, *base, recs)
	}
	// Each member renames to names of its own, so that the renames of all
	// can be merged: no name is given to two owners, none leads back.
	newNames := []string{fmt.Sprintf("FES %d", k), fmt.Sprintf("ICRtoP %d", k), fmt.Sprintf("fes %d", k)}
	for range 25 {
		second = rng.IntN(3)
		rec, day := recs[rng.IntN(len(recs))], randomDay(rng)
		switch rng.IntN(8) {
		case 7:
			old := append(owners, newNames...)[rng.IntN(len(owners)+len(newNames))]
			_, err := s.RenameOwner(ctx, rtp.NewOwnerRename{Old: old, New: newNames[rng.IntN(len(newNames))], AsOf: day, By: "m"})
			if code := rtp.ErrorCode(err); code != "" && code != rtp.ENOTFOUND && code != rtp.ECONFLICT && code != rtp.EINVALID {
				tb.Fatal(err)
			}
		case 0, 1:
			u, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: rec, Status: rtp.Statuses[1+rng.IntN(len(rtp.Statuses)-1)],
				AsOf: day, By: fmt.Sprintf("m%d", k), Evidence: []rtp.NewEvidence{{RecommendationID: rec, Ref: "A/1", By: "m"}}})
			if err != nil {
				tb.Fatal(err)
			}
			updates, evidence = append(updates, u.ID), append(evidence, u.Evidence[0].ID)
		case 2:
			if _, _, err := s.Assign(ctx, rtp.Assignment{RecommendationID: rec, Owner: owners[rng.IntN(len(owners))],
				Role: rtp.Roles[rng.IntN(len(rtp.Roles))], AsOf: day, By: "m"}); err != nil {
				tb.Fatal(err)
			}
		case 3:
			if _, err := s.Unassign(ctx, rtp.Assignment{RecommendationID: rec, Owner: owners[rng.IntN(len(owners))], AsOf: day, By: "m"}); err != nil && rtp.ErrorCode(err) == rtp.EINTERNAL {
				tb.Fatal(err)
			}
		case 4:
			e, err := s.AddEvidence(ctx, rtp.NewEvidence{RecommendationID: rec, Ref: "A/2", Date: day, By: "m"})
			if err != nil {
				tb.Fatal(err)
			}
			evidence = append(evidence, e.ID)
		case 5:
			// Its own entries or base's: partners retract each other's.
			nr := rtp.NewRetraction{Reason: fmt.Sprintf("wrong %d", k), AsOf: randomDay(rng), By: fmt.Sprintf("m%d", k)}
			ownUpdates, ownEvidence := append(baseUpdates, updates...), append(baseEvidence, evidence...)
			if len(ownUpdates) > 0 && rng.IntN(2) == 0 {
				nr.UpdateID = ownUpdates[rng.IntN(len(ownUpdates))]
			} else if len(ownEvidence) > 0 {
				nr.EvidenceID = ownEvidence[rng.IntN(len(ownEvidence))]
			} else {
				continue
			}
			if _, err := s.Retract(ctx, nr); err != nil && rtp.ErrorCode(err) != rtp.ECONFLICT {
				tb.Fatal(err)
			}
		case 6:
			na := randomAmendment(rng, append(baseUpdates, updates...), append(baseEvidence, evidence...))
			na.By = fmt.Sprintf("m%d", k)
			if na.UpdateID == 0 && na.EvidenceID == 0 {
				continue
			}
			// Amending an entry retracted or amended already, or with the
			// values it has, is refused (ECONFLICT); the history is unchanged.
			done, err := s.Amend(ctx, na)
			switch {
			case err != nil && rtp.ErrorCode(err) != rtp.ECONFLICT:
				tb.Fatal(err)
			case err == nil && na.UpdateID != 0:
				updates = append(updates, done.New)
			case err == nil:
				evidence = append(evidence, done.New)
			}
		}
	}
	// Partners correct base's updates, each of them, so that the same
	// update is often amended in two trackers, or retracted in one and
	// amended or retracted in another; and retract some of its evidence.
	for _, id := range baseUpdates {
		second = rng.IntN(3)
		if rng.IntN(3) == 0 {
			nr := rtp.NewRetraction{UpdateID: id, Reason: fmt.Sprintf("not so %d", k), AsOf: randomDay(rng), By: fmt.Sprintf("m%d", k)}
			if _, err := s.Retract(ctx, nr); err != nil && rtp.ErrorCode(err) != rtp.ECONFLICT {
				tb.Fatal(err)
			}
			continue
		}
		na := randomUpdateAmendment(rng, id)
		na.By = fmt.Sprintf("m%d", k)
		if _, err := s.Amend(ctx, na); err != nil && rtp.ErrorCode(err) != rtp.ECONFLICT {
			tb.Fatal(err)
		}
	}
	for _, id := range baseEvidence {
		if rng.IntN(3) == 0 {
			nr := rtp.NewRetraction{EvidenceID: id, Reason: fmt.Sprintf("no such %d", k), AsOf: randomDay(rng), By: fmt.Sprintf("m%d", k)}
			if _, err := s.Retract(ctx, nr); err != nil && rtp.ErrorCode(err) != rtp.ECONFLICT {
				tb.Fatal(err)
			}
		}
	}
	exp, err := s.Export(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return exp
}

// randomAmendment amends a random update (its status, date or note) or
// piece of evidence (its reference, date or note); zero IDs if there is
// none.
func randomAmendment(rng *rand.Rand, updates, evidence []int64) rtp.NewAmendment {
	if len(updates) > 0 && rng.IntN(2) == 0 {
		return randomUpdateAmendment(rng, updates[rng.IntN(len(updates))])
	}
	var na rtp.NewAmendment
	note, day := fmt.Sprintf("note %d", rng.IntN(2)), randomDay(rng)
	if len(evidence) > 0 {
		na.EvidenceID = evidence[rng.IntN(len(evidence))]
		switch rng.IntN(3) {
		case 0:
			ref := fmt.Sprintf("A/%d", 3+rng.IntN(2))
			na.Ref = &ref
		case 1:
			na.Date = &day
		default:
			na.Note = &note
		}
	}
	return na
}

// randomUpdateAmendment amends the status, date or note of update id.
func randomUpdateAmendment(rng *rand.Rand, id int64) rtp.NewAmendment {
	na := rtp.NewAmendment{UpdateID: id}
	note, day := fmt.Sprintf("note %d", rng.IntN(2)), randomDay(rng)
	switch rng.IntN(3) {
	case 0:
		status := rtp.Statuses[1+rng.IntN(len(rtp.Statuses)-1)]
		na.Status = &status
	case 1:
		na.AsOf = &day
	default:
		na.Note = &note
	}
	return na
}

// mergeBase merges base into s and returns the local IDs of the updates
// and evidence it holds, to retract and amend.
func mergeBase(tb testing.TB, s *store.Store, base rtp.Export, recs []string) (updates, evidence []int64) {
	tb.Helper()
	ctx := context.Background()
	if _, err := s.Merge(ctx, rtp.BatchOrigin{Source: "base.json", By: "x"}, base, nil); err != nil {
		tb.Fatal(err)
	}
	for _, id := range recs {
		d, err := s.Detail(ctx, id, "2026-11-29", "")
		if err != nil {
			tb.Fatal(err)
		}
		for _, u := range d.Updates {
			updates = append(updates, u.ID)
			for _, e := range u.Evidence {
				evidence = append(evidence, e.ID)
			}
		}
		for _, e := range d.Evidence {
			evidence = append(evidence, e.ID)
		}
	}
	return updates, evidence
}

func randomDay(rng *rand.Rand) rtp.Date {
	return rtp.Date(fmt.Sprintf("2020-01-%02d", 1+rng.IntN(4)))
}

// answers is what a tracker says on day, without its local numbers: the
// list, each history as show gives it, and the log.
func answers(tb testing.TB, s *store.Store, day rtp.Date) string {
	tb.Helper()
	return answersOf(tb, s, day, true)
}

// answersOf is answers, with the log only if withLog.
func answersOf(tb testing.TB, s *store.Store, day rtp.Date, withLog bool) string {
	tb.Helper()
	ctx := context.Background()
	out, _ := json.Marshal(list(tb, s, rtp.ListFilter{AsOf: day}))
	for _, id := range []string{"upr", "ga-agenda", "prevention"} {
		d, err := s.Detail(ctx, id, day, "")
		if err != nil {
			tb.Fatal(err)
		}
		for _, u := range d.Updates {
			line, _ := json.Marshal([]any{u.Status, u.AsOf, u.By, u.RecordedAt, u.Note, len(u.Evidence), retractedBy(u.Retracted), u.Amends != 0, amendedBy(u.AmendedBy)})
			out = append(out, line...)
		}
		for _, e := range d.Evidence {
			line, _ := json.Marshal([]any{e.Ref, e.Date, e.Note, retractedBy(e.Retracted), e.Amends != 0, amendedBy(e.AmendedBy)})
			out = append(out, line...)
		}
	}
	// Report rows: the latest note and the evidence list, whose same-day
	// ties must not go by local ids either; and the period's entries, a
	// retraction among them (Detail and EntryID are local numbers).
	err := s.Report(ctx, rtp.ReportRequest{AsOf: day, Since: "2020-01-01", StaleBefore: day, IncludePrivate: true},
		func(report rtp.Report, rows rtp.ReportRows) error {
			for _, c := range report.Changes {
				line, _ := json.Marshal([]any{c.RecommendationID, c.Kind, c.From, c.To, c.Date, c.By, c.Note})
				out = append(out, line...)
			}
			return rows(func(r rtp.ReportRow) error {
				line, _ := json.Marshal([]any{r.ID, r.LatestNote, r.LatestNoteDate, r.EvidenceRefs})
				out = append(out, line...)
				return nil
			})
		})
	if err != nil {
		tb.Fatal(err)
	}
	if !withLog {
		return string(out)
	}
	err = s.Log(ctx, rtp.LogFilter{}, func(e rtp.Event) error {
		line, _ := json.Marshal([]any{e.RecordedAt, e.Kind, e.RecommendationID, e.By})
		out = append(out, line...)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return string(out)
}

// retractedBy is the retraction shown, without its local number.
func retractedBy(x *rtp.Retraction) []any {
	if x == nil {
		return nil
	}
	return []any{x.Reason, x.By, x.AsOf, x.RecordedAt}
}

// amendedBy is who amended an entry and when, without the local number.
func amendedBy(a *rtp.Amendment) []any {
	if a == nil {
		return nil
	}
	return []any{a.By, a.RecordedAt}
}
