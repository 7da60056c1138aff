package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestPublicCountsKeptUntilTheTrackerChanges: a reader opened as rtp serve
// opens one answers a list sorted by evidence with the public counts, and
// answers again with new ones once another connection recorded evidence,
// public or private: what it keeps is never served after a change.
func TestPublicCountsKeptUntilTheTrackerChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	writer, reader := versionStores(t, "sqlite")
	evidence := func(id, ref string, private bool) {
		t.Helper()
		if _, err := writer.AddEvidence(ctx, rtp.NewEvidence{RecommendationID: id, Ref: ref, Date: "2019-01-01", By: "t", Private: private}); err != nil {
			t.Fatal(err)
		}
	}
	f := rtp.ListFilter{AsOf: "2026-11-29"}
	check := func(when string) {
		t.Helper()
		got, err := reader.ListPage(ctx, f, "-evidence", 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		want := publicRows(t, reader, f)
		if wantIDs := sortedIDs(want, "-evidence"); !reflect.DeepEqual(ids(got), wantIDs) {
			t.Errorf("%s: order %v, want %v", when, ids(got), wantIDs)
		}
		for _, it := range got {
			for _, w := range want {
				if w.ID == it.ID && w.EvidenceCount != it.EvidenceCount {
					t.Errorf("%s: %s counts %d, the report %d", when, it.ID, it.EvidenceCount, w.EvidenceCount)
				}
			}
		}
	}
	evidence("upr", "P/1", true)
	evidence("gender-lens", "A/1", false)
	check("first")
	evidence("upr", "A/2", false)
	evidence("upr", "A/3", false)
	evidence("ga-agenda", "P/2", true)
	evidence("joint-office", "A/4", false)
	check("after evidence recorded by another connection")
}
