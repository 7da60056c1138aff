package web_test

import (
	"cmp"
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// listIDs are the IDs of a list page's rows, in order.
var listIDs = regexp.MustCompile(`<td class="id">([^<]+)</td>`)

// TestListSortsAndFiltersOnPublicValues: on a tracker with private
// evidence and a private note, /list sorted by evidence or last update,
// and /list and /api/list of the stale ones, hold the rows of /api/list
// (a report's rows, private entries left out) sorted and kept stale in Go:
// neither the order nor the membership gives a private entry away.
func TestListSortsAndFiltersOnPublicValues(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path, w := fixture(t)
	// The reviewer's repro: gender-lens holds 1 public and 2 private pieces
	// of evidence, civil-society 2 public ones.
	if _, err := w.AddEvidence(ctx, rtp.NewEvidence{RecommendationID: "gender-lens", Ref: "P/2", Date: "2019-03-02", By: "tester", Private: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "civil-society", Status: rtp.StatusInProgress, AsOf: "2018-05-01", By: "tester",
		Evidence: []rtp.NewEvidence{{RecommendationID: "civil-society", Ref: "A/72/2", By: "tester"}, {RecommendationID: "civil-society", Ref: "A/72/3", By: "tester"}}}); err != nil {
		t.Fatal(err)
	}
	srv, _ := serve(t, path)
	apiList := func(target string) []rtp.Item {
		t.Helper()
		var items []rtp.Item
		if err := json.Unmarshal([]byte(get(t, srv, target).body), &items); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		return items
	}
	// 2020-02-01 puts joint-office's public update (2019-01-10) a year
	// back, its private note (2019-02-10) within it.
	for _, asOf := range []rtp.Date{"2020-02-01", "2020-03-01"} {
		public := apiList("/api/list?as_of=" + string(asOf))
		cutoff, err := rtp.StaleCutoff("stale", "1y", asOf)
		if err != nil {
			t.Fatal(err)
		}
		stale := slices.DeleteFunc(slices.Clone(public), func(it rtp.Item) bool { return it.LastUpdate != nil && *it.LastUpdate >= cutoff })
		if got := apiList("/api/list?stale=1y&as_of=" + string(asOf)); !slices.Equal(ids(got), ids(stale)) {
			t.Errorf("/api/list?stale=1y&as_of=%s:\n got %v\nwant %v", asOf, ids(got), ids(stale))
		}
		for _, filter := range []string{"", "&stale=1y"} {
			rows := public
			if filter != "" {
				rows = stale
			}
			for _, sort := range []string{"", "evidence", "-evidence", "last_update", "-last_update"} {
				target := "/list?as_of=" + string(asOf) + filter + "&sort=" + sort
				want := ids(sortedPublic(rows, sort))
				var got []string
				for _, m := range listIDs.FindAllStringSubmatch(get(t, srv, target).body, -1) {
					got = append(got, m[1])
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s:\n got %v\nwant %v", target, got, want)
				}
			}
		}
	}
}

// sortedPublic sorts rows in Go as a list page sorts: stable, no date
// first, descending the reverse, ties in the tracker's order.
func sortedPublic(rows []rtp.Item, sort string) []rtp.Item {
	column, descending := strings.CutPrefix(sort, "-")
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b rtp.Item) int {
		c := 0
		switch column {
		case "evidence":
			c = cmp.Compare(a.EvidenceCount, b.EvidenceCount)
		case "last_update":
			c = cmp.Compare(day(a.LastUpdate), day(b.LastUpdate))
		}
		if descending {
			return -c
		}
		return c
	})
	return out
}

func day(d *rtp.Date) string {
	if d == nil {
		return ""
	}
	return string(*d)
}

func ids(items []rtp.Item) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}
