package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestOwnerChanges lists one recommendation's assignments and unassignments
// up to a day, by as-of date even when recorded out of order, and none of
// another recommendation's.
func TestOwnerChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustCreate(t)
	for _, a := range []rtp.Assignment{
		{RecommendationID: "upr", Owner: "FES", Role: rtp.RoleMonitor, AsOf: "2019-03-01"},
		{RecommendationID: "upr", Owner: "ICRtoP", Role: rtp.RoleSupport, AsOf: "2018-01-01"},
		{RecommendationID: "ga-agenda", Owner: "Global Centre", Role: rtp.RoleLead, AsOf: "2018-06-01"},
		{RecommendationID: "upr", Owner: "icrtop", Role: rtp.RoleLead, AsOf: "2020-01-01"},
	} {
		a.By = "t"
		if _, _, err := s.Assign(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Unassign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: "FES", AsOf: "2021-01-01", By: "u"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.OwnerChanges(ctx, "upr", "2020-12-31")
	if err != nil {
		t.Fatal(err)
	}
	want := []rtp.OwnerChange{
		{Owner: "ICRtoP", Role: rtp.RoleSupport, AsOf: "2018-01-01", By: "t"},
		{Owner: "FES", Role: rtp.RoleMonitor, AsOf: "2019-03-01", By: "t"},
		{Owner: "ICRtoP", Role: rtp.RoleLead, AsOf: "2020-01-01", By: "t"}, // the history's spelling
	}
	if !slices.Equal(got, want) {
		t.Errorf("owner changes of upr on 2020-12-31:\n got %+v\nwant %+v", got, want)
	}
	got, err = s.OwnerChanges(ctx, "upr", "2021-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[3] != (rtp.OwnerChange{Owner: "FES", AsOf: "2021-01-01", By: "u"}) {
		t.Errorf("owner changes of upr on 2021-01-01: got %+v, want the unassignment of FES last", got)
	}
	if got, err := s.OwnerChanges(ctx, "upr", "2017-12-31"); err != nil || len(got) != 0 {
		t.Errorf("owner changes before the first assignment: got %+v, %v; want none", got, err)
	}
}
