package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestRecentChangesAreTheReportsLatest: the overview's recent changes are
// the latest status changes of the report's period, latest first, with the
// same from and to, on a current and an earlier day, filtered and not,
// with backdated, note-only, private and retracted updates.
func TestRecentChangesAreTheReportsLatest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustCreate(t)
	ids := seededIDs(t, s)
	for i, id := range ids[:min(len(ids), 12)] {
		for j := range 5 {
			nu := rtp.NewUpdate{RecommendationID: id, Status: rtp.Statuses[1+(i+j*j)%(len(rtp.Statuses)-1)],
				AsOf: rtp.Date(fmt.Sprintf("20%02d-%02d-1%d", 18+(i+3*j)%8, 1+(i*j)%12, j)), By: "t", Note: fmt.Sprintf("n%d", j), Private: j == 2}
			if (i+j)%4 == 0 {
				nu.Status = "" // a note: no change
			}
			u, err := s.AddUpdate(ctx, nu)
			if err != nil {
				t.Fatal(err)
			}
			if (i+j)%5 == 1 {
				if _, err := s.Retract(ctx, rtp.NewRetraction{UpdateID: u.ID, Reason: "wrong", AsOf: "2026-11-29", By: "t"}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, asOf := range []rtp.Date{"2026-11-29", "2022-06-30"} {
		for _, f := range []rtp.ListFilter{{AsOf: asOf}, {AsOf: asOf, Statuses: []rtp.Status{rtp.StatusInProgress, rtp.StatusStalled, rtp.StatusPartial}}} {
			since := rtp.DateOf(asOf.Time().AddDate(-6, 0, 0))
			var want []rtp.Change
			err := s.Report(ctx, rtp.ReportRequest{AsOf: asOf, Since: since, StaleBefore: asOf, Filter: f}, func(rep rtp.Report, _ rtp.ReportRows) error {
				for _, c := range rep.Changes {
					if c.Kind == rtp.ChangeStatus {
						c.Source = ""
						want = append(want, c)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			slices.Reverse(want)
			if len(want) < 4 {
				t.Fatalf("%s %v: only %d changes to compare", asOf, f.Statuses, len(want))
			}
			for _, limit := range []int{3, len(want) + 1} {
				got, err := s.RecentChanges(ctx, f, since, limit)
				if err != nil {
					t.Fatal(err)
				}
				if w := want[:min(limit, len(want))]; !slices.Equal(got, w) {
					t.Errorf("%s %v, latest %d:\n got %+v\nwant %+v", asOf, f.Statuses, limit, got, w)
				}
			}
		}
	}
}
