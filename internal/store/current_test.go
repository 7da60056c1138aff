package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/sources"
)

// TestCurrentStateMatchesHistory lists a tracker with a varied history both
// ways, from the kept current state and from the history, and compares every
// field, also with the filters that read the state.
func TestCurrentStateMatchesHistory(t *testing.T) {
	ctx := context.Background()
	t.Parallel()
	s, history := keptAndHistory(t, time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC))
	add := func(id string, st rtp.Status, note string, asOf rtp.Date) rtp.Update {
		u, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: id, Status: st, Note: note, AsOf: asOf, By: "t",
			Evidence: []rtp.NewEvidence{{RecommendationID: id, Ref: "A/1", By: "t"}}})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	add("ga-agenda", rtp.StatusImplemented, "", "2017-09-15")
	add("ga-agenda", rtp.StatusStalled, "", "2019-09-18")
	add("ga-agenda", "", "re-asserted", "2020-01-01")
	late := add("ga-agenda", rtp.StatusPartial, "backdated", "2018-06-01")
	add("upr", rtp.StatusInProgress, "", "2018-01-01")
	wrong := add("upr", rtp.StatusRegressed, "", "2019-01-01")
	if _, err := s.Retract(ctx, rtp.NewRetraction{UpdateID: wrong.ID, Reason: "wrong", AsOf: "2026-11-29", By: "t"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Retract(ctx, rtp.NewRetraction{EvidenceID: late.Evidence[0].ID, Reason: "wrong", AsOf: "2026-11-29", By: "t"}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []rtp.Assignment{{RecommendationID: "upr", Owner: "ICRtoP", Role: rtp.RoleSupport, AsOf: "2018-01-01"},
		{RecommendationID: "upr", Owner: "FES", Role: rtp.RoleMonitor, AsOf: "2018-02-01"}, {RecommendationID: "upr", Owner: "icrtop", Role: rtp.RoleLead, AsOf: "2019-01-01"}} {
		a.By = "t"
		if _, _, err := s.Assign(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Unassign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: "FES", AsOf: "2020-01-01", By: "t"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []rtp.ListFilter{
		{AsOf: "2026-11-29"},
		{AsOf: "2026-11-29", Statuses: []rtp.Status{rtp.StatusPartial, rtp.StatusUnassessed}},
		{AsOf: "2026-11-29", StaleBefore: "2019-06-01"},
		{AsOf: "2026-11-29", Owner: "ICRTOP"},
	} {
		var ways [2]string
		for i, way := range []*Store{s, history} {
			err := way.Each(ctx, f, func(it rtp.Item) error {
				ways[i] += fmt.Sprintf("%s %s %v %v %v %d %q %q\n", it.ID, it.Status, deref(it.AsOf), deref(it.LastUpdate), it.Owners, it.EvidenceCount, it.Actors, it.Themes)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if ways[0] != ways[1] {
			t.Errorf("filter %+v: the current state says\n%s\nthe history says\n%s", f, ways[0], ways[1])
		}
	}
	report, err := s.Check(ctx)
	if err != nil || len(report.Problems) > 0 {
		t.Fatalf("check: %v %v", report.Problems, err)
	}
}

func deref(d *rtp.Date) string {
	if d == nil {
		return "-"
	}
	return string(*d)
}

// keptAndHistory creates a tracker seeded with the memo, its clock at now,
// and opens it twice: reading the kept current state where it can, and
// always working the state out from the history.
func keptAndHistory(t *testing.T, now time.Time) (kept, history *Store) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rtp.db")
	kept, _, err := Create(ctx, path, Options{Seed: sources.Seed, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kept.Close() })
	if history, err = Open(ctx, path, Options{historyOnly: true}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { history.Close() })
	return kept, history
}
