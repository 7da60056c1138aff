package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// The overview lists what is overdue once a recommendation has a target,
// and has no such section before.
func TestOverviewShowsWhatIsOverdue(t *testing.T) {
	t.Parallel()
	path, writer := fixture(t)
	srv, _ := serve(t, path)
	if got := get(t, srv, "/?as_of=2020-03-01").body; strings.Contains(got, "Due and overdue") {
		t.Fatal("the overview has a due section before any target")
	}
	if _, err := writer.SetTarget(context.Background(), rtp.NewTarget{RecommendationID: "upr", Due: "2019-12-31",
		Status: rtp.StatusImplemented, AsOf: "2019-10-01", By: "tester"}); err != nil {
		t.Fatal(err)
	}
	got := get(t, srv, "/?as_of=2020-03-01").body
	// 31 December 2019 to 1 March 2020: 31 + 29 + 1 days (a leap year).
	for _, want := range []string{"Due and overdue", "2019-12-31", `class="overdue"`, "overdue by 61 days", "Use the UPR for structural prevention"} {
		if !strings.Contains(got, want) {
			t.Errorf("the overview lacks %q", want)
		}
	}
}
