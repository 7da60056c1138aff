package store_test

import (
	"context"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/pgtest"
	"github.com/rtp-tracker/rtp/internal/store"
)

// newPGTracker creates a tracker in a new database of the package's
// cluster, as its owner, and returns its URL.
func newPGTracker(t *testing.T) (*pgtest.Cluster, string) {
	t.Helper()
	c := pgtest.Shared(t)
	db, err := c.NewDatabase("tracker_owner")
	if err != nil {
		t.Fatal(err)
	}
	url := c.URL("tracker_owner", db)
	s, created, err := store.CreatePG(context.Background(), url, memoOptions)
	if err != nil {
		t.Fatal(err)
	}
	if !created {
		t.Fatal("CreatePG on an empty database did not create a tracker")
	}
	s.Close()
	return c, url
}

func TestPGCreateRecordAndList(t *testing.T) {
	_, url := newPGTracker(t)
	ctx := context.Background()
	s, err := store.OpenPG(ctx, url, memoOptions)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "ga-agenda", Status: rtp.Status("implemented"), AsOf: "2021-05-18", By: "tracker_owner",
		Evidence: []rtp.NewEvidence{{RecommendationID: "ga-agenda", Ref: "A/RES/75/277", Date: "2021-05-18", By: "tracker_owner"}}})
	if err != nil {
		t.Fatal(err)
	}
	if u.By != "tracker_owner" {
		t.Errorf("by %q", u.By)
	}
	var got []rtp.Item
	if err := s.Each(ctx, rtp.ListFilter{AsOf: "2026-11-30"}, func(it rtp.Item) error { got = append(got, it); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 8 {
		t.Fatalf("%d recommendations, want 8", len(got))
	}
	for _, it := range got {
		if it.ID == "ga-agenda" && (it.Status != rtp.Status("implemented") || it.EvidenceCount != 1) {
			t.Errorf("ga-agenda: %+v", it)
		}
	}
	rep, err := s.Check(ctx)
	if err != nil || len(rep.Problems) > 0 {
		t.Errorf("check: %v %v", err, rep.Problems)
	}
}
