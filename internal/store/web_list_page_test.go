package store_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

// TestListPageSortsAndCutsAsGoWould compares every page of every order,
// both directions, on a day the kept current state answers and on an
// earlier one, filtered and not, with the list of Each sorted in Go
// (stable, so ties keep the tracker's order).
func TestListPageSortsAndCutsAsGoWould(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustCreate(t)
	ids := seededIDs(t, s)
	owners := []string{"ICRtoP", "Global Centre", "FES New York", "amnesty"}
	for i, id := range ids {
		if i%4 == 3 {
			continue // some never updated, some without owners
		}
		st := rtp.Statuses[1+i%(len(rtp.Statuses)-1)]
		day := rtp.Date(fmt.Sprintf("20%02d-0%d-1%d", 18+i%5, 1+i%9, i%10))
		nu := rtp.NewUpdate{RecommendationID: id, Status: st, AsOf: day, By: "t"}
		for range i % 3 {
			nu.Evidence = append(nu.Evidence, rtp.NewEvidence{RecommendationID: id, Ref: "A/" + id, Date: day, By: "t"})
		}
		if _, err := s.AddUpdate(ctx, nu); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Assign(ctx, rtp.Assignment{RecommendationID: id, Owner: owners[i%len(owners)], Role: rtp.RoleLead, AsOf: day, By: "t"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, asOf := range []rtp.Date{"2026-11-29", "2020-06-30"} {
		for _, f := range []rtp.ListFilter{{AsOf: asOf}, {AsOf: asOf, Statuses: []rtp.Status{rtp.StatusInProgress, rtp.StatusStalled, rtp.StatusPartial}}} {
			var all []rtp.Item
			if err := s.Each(ctx, f, func(it rtp.Item) error {
				all = append(all, it)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			for _, column := range rtp.ListSorts {
				for _, order := range []string{column, "-" + column} {
					want := sortedIDs(all, order)
					var got []string
					for offset := 0; offset < len(all)+4; offset += 4 {
						page, err := s.ListPage(ctx, f, order, offset, 4)
						if err != nil {
							t.Fatal(err)
						}
						if len(page) > 4 {
							t.Fatalf("%s by %s: a page of 4 has %d rows", asOf, order, len(page))
						}
						for _, it := range page {
							got = append(got, it.ID)
						}
					}
					if !slices.Equal(got, want) {
						t.Errorf("%s %v by %s, pages of 4:\n got %v\nwant %v", asOf, f.Statuses, order, got, want)
					}
				}
			}
		}
	}
	if _, err := s.ListPage(ctx, rtp.ListFilter{AsOf: "2026-11-29"}, "colour", 0, 4); rtp.ErrorCode(err) != rtp.EINVALID {
		t.Errorf("sort by colour: error %v, want EINVALID", err)
	}
}

// sortedIDs is the list in an order, sorted in Go: the oracle.
func sortedIDs(items []rtp.Item, order string) []string {
	column, desc := strings.CutPrefix(order, "-")
	day := func(d *rtp.Date) string {
		if d == nil {
			return ""
		}
		return string(*d)
	}
	key := func(it rtp.Item) string {
		switch column {
		case "id":
			return it.ID
		case "title":
			return strings.ToLower(it.Title)
		case "status":
			return fmt.Sprintf("%02d", slices.Index(rtp.Statuses, it.Status))
		case "since":
			return day(it.AsOf)
		case "last_update":
			return day(it.LastUpdate)
		case "owners":
			if len(it.Owners) == 0 {
				return ""
			}
			return strings.ToLower(it.Owners[0].Name)
		case "evidence":
			return fmt.Sprintf("%09d", it.EvidenceCount)
		}
		return ""
	}
	list := slices.Clone(items)
	if column == "number" {
		if desc {
			slices.Reverse(list)
		}
	} else {
		sort.SliceStable(list, func(i, j int) bool {
			if desc {
				return key(list[i]) > key(list[j])
			}
			return key(list[i]) < key(list[j])
		})
	}
	ids := make([]string, len(list))
	for i, it := range list {
		ids[i] = it.ID
	}
	return ids
}

// seededIDs lists the IDs of a new tracker's recommendations, in order.
func seededIDs(t *testing.T, s *store.Store) []string {
	t.Helper()
	var ids []string
	if err := s.Each(context.Background(), rtp.ListFilter{AsOf: "2026-11-29"}, func(it rtp.Item) error {
		ids = append(ids, it.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ids
}
