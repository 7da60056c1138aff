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
// trackers, give byte-identical exports and the same lists, histories and
// logs on random days, because ties go by (as_of, recorded_at, uid) and
// never by the local numbers a merge order gives (issue 11, finding 6). The
// test runs seeds for a bounded time, so that it fits in CI.
func TestMergeOrderDoesNotChangeAnswers(t *testing.T) {
	t.Parallel()
	deadline := time.Now().Add(4 * time.Second)
	for seed := uint64(1); seed <= 40 && (seed <= 3 || time.Now().Before(deadline)); seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		var exports []rtp.Export
		for k := 0; k < 3; k++ {
			exports = append(exports, randomExport(t, rng, k))
		}
		var first *store.Store
		var firstExport []byte
		for order := 0; order < 3; order++ {
			s := freshStore(t, fmt.Sprintf("s%d-o%d.db", seed, order))
			for _, i := range rng.Perm(len(exports)) {
				if _, err := s.Merge(context.Background(), rtp.BatchOrigin{Source: "t.json", By: "x"}, exports[i], nil); err != nil {
					t.Fatalf("seed %d: merge: %v", seed, err)
				}
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
				t.Fatalf("seed %d: merge orders give different exports", seed)
			}
			for range 4 {
				day := randomDay(rng)
				if a, b := answers(t, first, day), answers(t, s, day); a != b {
					t.Fatalf("seed %d: on %s the merge orders answer differently:\n%s\n%s", seed, day, a, b)
				}
			}
		}
	}
}

func freshStore(tb testing.TB, name string) *store.Store {
	tb.Helper()
	s, _, err := store.Create(context.Background(), filepath.Join(tb.TempDir(), name), memoOptions)
	if err != nil {
		tb.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }
	tb.Cleanup(func() { s.Close() })
	return s
}

// randomExport records random entries in a tracker of its own, on few
// recommendations, days and recording seconds, so that ties abound.
func randomExport(tb testing.TB, rng *rand.Rand, k int) rtp.Export {
	tb.Helper()
	ctx := context.Background()
	s := freshStore(tb, fmt.Sprintf("member%d.db", k))
	second := 0
	s.Now = func() time.Time { return time.Date(2021, 1, 1, 0, 0, second, 0, time.UTC) }
	recs := []string{"upr", "ga-agenda", "prevention"}
	owners := []string{"FES", "fes", "ICRtoP", "Ärzte", "ärzte", "A\u0308rzte"}
	var updates, evidence []int64
	for range 25 {
		second = rng.IntN(3)
		rec, day := recs[rng.IntN(len(recs))], randomDay(rng)
		switch rng.IntN(6) {
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
			nr := rtp.NewRetraction{Reason: "wrong", AsOf: randomDay(rng), By: "m"}
			if len(updates) > 0 && rng.IntN(2) == 0 {
				nr.UpdateID = updates[rng.IntN(len(updates))]
			} else if len(evidence) > 0 {
				nr.EvidenceID = evidence[rng.IntN(len(evidence))]
			} else {
				continue
			}
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

func randomDay(rng *rand.Rand) rtp.Date {
	return rtp.Date(fmt.Sprintf("2020-01-%02d", 1+rng.IntN(4)))
}

// answers is what a tracker says on day, without its local numbers: the
// list, each history as show gives it, and the log.
func answers(tb testing.TB, s *store.Store, day rtp.Date) string {
	tb.Helper()
	ctx := context.Background()
	out, _ := json.Marshal(list(tb, s, rtp.ListFilter{AsOf: day}))
	for _, id := range []string{"upr", "ga-agenda", "prevention"} {
		d, err := s.Detail(ctx, id, day, "")
		if err != nil {
			tb.Fatal(err)
		}
		for _, u := range d.Updates {
			line, _ := json.Marshal([]any{u.Status, u.AsOf, u.By, u.RecordedAt, len(u.Evidence), u.Retracted != nil})
			out = append(out, line...)
		}
		for _, e := range d.Evidence {
			line, _ := json.Marshal([]any{e.Ref, e.Date, e.Retracted != nil})
			out = append(out, line...)
		}
	}
	// Report rows: the latest note and the evidence list, whose same-day
	// ties must not go by local ids either.
	err := s.Report(ctx, rtp.ReportRequest{AsOf: day, StaleBefore: day, IncludePrivate: true, RowsOnly: true},
		func(_ rtp.Report, rows rtp.ReportRows) error {
			return rows(func(r rtp.ReportRow) error {
				line, _ := json.Marshal([]any{r.ID, r.LatestNote, r.LatestNoteDate, r.EvidenceRefs})
				out = append(out, line...)
				return nil
			})
		})
	if err != nil {
		tb.Fatal(err)
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
