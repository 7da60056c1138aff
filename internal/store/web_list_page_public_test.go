package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestListPageSortsAndFiltersOnPublicValues: on a tracker with private
// evidence, private updates and private notes, every page of every order,
// stale filter on and off, on a day the kept state answers and an earlier
// one, equals the rows of a report without private entries (the values
// serve shows), kept stale and sorted in Go.
func TestListPageSortsAndFiltersOnPublicValues(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustCreate(t)
	ids := seededIDs(t, s)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, id := range ids {
		if i%4 == 3 {
			continue // never updated
		}
		day := rtp.Date(fmt.Sprintf("2018-0%d-1%d", 1+i%9, i%10))
		nu := rtp.NewUpdate{RecommendationID: id, Status: rtp.Statuses[1+i%(len(rtp.Statuses)-1)], AsOf: day, By: "t"}
		for k := range i % 3 {
			nu.Evidence = append(nu.Evidence, rtp.NewEvidence{RecommendationID: id, Ref: fmt.Sprintf("A/%s/%d", id, k), Date: day, By: "t"})
		}
		_, err := s.AddUpdate(ctx, nu)
		must(err)
		if i%3 == 0 { // private evidence: counted by the kept state only
			for k := range 1 + i%4 {
				_, err := s.AddEvidence(ctx, rtp.NewEvidence{RecommendationID: id, Ref: fmt.Sprintf("P/%s/%d", id, k), Date: "2019-02-01", By: "t", Private: true})
				must(err)
			}
		}
		if i%5 == 1 { // a private note: the kept state's last update only
			_, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: id, Note: "private", AsOf: rtp.Date(fmt.Sprintf("2019-0%d-01", 3+i%6)), By: "t", Private: true})
			must(err)
		}
		if i%7 == 2 { // a private update with evidence
			_, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: id, Status: rtp.StatusStalled, AsOf: "2019-01-20", By: "t", Private: true,
				Evidence: []rtp.NewEvidence{{RecommendationID: id, Ref: "Q/" + id, Date: "2019-01-20", By: "t"}}})
			must(err)
		}
	}
	for _, asOf := range []rtp.Date{"2026-11-29", "2019-04-30"} {
		for _, f := range []rtp.ListFilter{{AsOf: asOf}, {AsOf: asOf, StaleBefore: "2019-01-01"},
			{AsOf: asOf, StaleBefore: "2019-04-01", Statuses: []rtp.Status{rtp.StatusInProgress, rtp.StatusStalled, rtp.StatusPartial}}} {
			want := publicRows(t, s, f)
			for _, column := range append([]string{""}, rtp.ListSorts...) {
				for _, order := range []string{column, "-" + column} {
					if order == "-" {
						continue
					}
					wantIDs := sortedIDs(want, order)
					if order == "" {
						wantIDs = sortedIDs(want, "number")
					}
					var got []string
					for offset := 0; offset < len(want)+4; offset += 4 {
						page, err := s.ListPage(ctx, f, order, offset, 4)
						must(err)
						for _, it := range page {
							got = append(got, it.ID)
							if i := slices.IndexFunc(want, func(w rtp.Item) bool { return w.ID == it.ID }); i >= 0 && !reflect.DeepEqual(it, want[i]) {
								t.Errorf("%s by %q: %s is %+v, the report's row %+v", asOf, order, it.ID, it, want[i])
							}
						}
					}
					if !slices.Equal(got, wantIDs) {
						t.Errorf("%s stale before %q %v by %q, pages of 4:\n got %v\nwant %v", asOf, f.StaleBefore, f.Statuses, order, got, wantIDs)
					}
				}
			}
		}
	}
}

// publicRows is the list as a report without private entries shows it,
// then kept stale in Go by the dates the report shows: the oracle.
func publicRows(t *testing.T, s interface {
	Report(context.Context, rtp.ReportRequest, func(rtp.Report, rtp.ReportRows) error) error
}, f rtp.ListFilter) []rtp.Item {
	t.Helper()
	unfiltered := f
	unfiltered.StaleBefore = ""
	var out []rtp.Item
	err := s.Report(context.Background(), rtp.ReportRequest{AsOf: f.AsOf, Filter: unfiltered, RowsOnly: true}, func(_ rtp.Report, rows rtp.ReportRows) error {
		return rows(func(row rtp.ReportRow) error {
			if f.StaleBefore == "" || row.LastUpdate == nil || *row.LastUpdate < f.StaleBefore {
				out = append(out, row.Item)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestListPageHidesPrivateOrder is the reviewer's repro: one public and
// two private pieces of evidence must not lift gender-lens above
// civil-society's two public ones, nor a private note keep joint-office out
// of the stale list or put it first by last update.
func TestListPageHidesPrivateOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustCreate(t)
	for _, nu := range []rtp.NewUpdate{
		{RecommendationID: "gender-lens", Status: rtp.StatusInProgress, AsOf: "2017-12-01", By: "t",
			Evidence: []rtp.NewEvidence{{RecommendationID: "gender-lens", Ref: "A/72/1", By: "t"}}},
		{RecommendationID: "civil-society", Status: rtp.StatusInProgress, AsOf: "2017-12-01", By: "t",
			Evidence: []rtp.NewEvidence{{RecommendationID: "civil-society", Ref: "A/72/2", By: "t"}, {RecommendationID: "civil-society", Ref: "A/72/3", By: "t"}}},
		{RecommendationID: "joint-office", Status: rtp.StatusInProgress, AsOf: "2018-01-01", By: "t"},
		{RecommendationID: "joint-office", Note: "x", AsOf: "2019-06-01", By: "t", Private: true},
		{RecommendationID: "civil-society", Note: "public", AsOf: "2018-06-01", By: "t"},
	} {
		if _, err := s.AddUpdate(ctx, nu); err != nil {
			t.Fatal(err)
		}
	}
	for _, ref := range []string{"P/1", "P/2"} {
		if _, err := s.AddEvidence(ctx, rtp.NewEvidence{RecommendationID: "gender-lens", Ref: ref, Date: "2017-12-02", By: "t", Private: true}); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(f rtp.ListFilter, sort string) []string {
		page, err := s.ListPage(ctx, f, sort, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range page {
			out = append(out, it.ID)
		}
		return out
	}
	byEvidence := ids(rtp.ListFilter{AsOf: "2020-01-01"}, "-evidence")
	if slices.Index(byEvidence, "gender-lens") < slices.Index(byEvidence, "civil-society") {
		t.Errorf("by -evidence: gender-lens (1 public) before civil-society (2): %v", byEvidence)
	}
	if byUpdate := ids(rtp.ListFilter{AsOf: "2020-01-01"}, "-last_update"); len(byUpdate) < 2 || byUpdate[0] != "civil-society" {
		t.Errorf("by -last_update: want civil-society (2018-06-01) first, not joint-office's private note: %v", byUpdate)
	}
	if stale := ids(rtp.ListFilter{AsOf: "2020-01-01", StaleBefore: "2019-01-01"}, ""); !slices.Contains(stale, "joint-office") {
		t.Errorf("stale before 2019: joint-office (public update 2018-01-01) left out: %v", stale)
	}
}
