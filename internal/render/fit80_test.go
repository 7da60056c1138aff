package render

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/rtp-tracker/rtp"
)

// fits fails the test for every line of out wider than width.
func fits(t *testing.T, what, out string, width int) {
	t.Helper()
	for line := range strings.SplitSeq(strings.TrimRight(out, "\n"), "\n") {
		if w := twwidth.Width(line); w > width {
			t.Errorf("%s: a line of %d columns at %d:\n%s", what, w, width, line)
		}
	}
}

// TestDueAndChecksFit80 holds rtp due and rtp check list to an 80-column
// terminal with the README's check (a new user's trial found 84 to 89
// columns), without cutting what identifies a row: a check's period.
func TestDueAndChecksFit80(t *testing.T) {
	t.Parallel()
	items := []rtp.DueItem{
		{Kind: "check", RecommendationID: "ga-agenda", What: "ga-agenda-session 74", Due: "2019-09-30", DaysLeft: -2618, Overdue: true,
			Title: "Is RtoP on the formal agenda of this GA session?"},
		{Kind: "target", RecommendationID: "gender-lens", What: "partial", Current: rtp.StatusUnassessed, Due: "2027-03-31", DaysLeft: 121,
			Title: "Incorporate a gender lens in RtoP"},
	}
	var due bytes.Buffer
	if err := Due(&due, "table", items, time.Time{}, Options{Width: 80}); err != nil {
		t.Fatal(err)
	}
	fits(t, "rtp due", due.String(), 80)
	if !strings.Contains(due.String(), "ga-agenda-session 74") || !strings.Contains(due.String(), "gender-lens") {
		t.Errorf("rtp due cut what identifies a row:\n%s", due.String())
	}

	var checks bytes.Buffer
	w, err := NewCheckWriter(&checks, "table", Options{Width: 80})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []CheckRow{
		{Check: "ga-agenda-session", Period: "73", Due: "2018-09-30", Answer: "yes", AnswerID: 3, AsOf: "2018-09-30", Evidence: "https://www.un.org/en/ga/73/agenda/"},
		{Check: "ga-agenda-session", Period: "75", Due: "2020-09-30", Answer: "yes", AnswerID: 2, AsOf: "2021-05-18",
			Note: "Resolution 75/277 puts RtoP on the annual agenda", Evidence: "A/RES/75/277"},
		{Check: "ga-agenda-session", Period: "74", Due: "2019-09-30", Answer: "missing"},
	} {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	fits(t, "rtp check list", checks.String(), 80)
	if !strings.Contains(checks.String(), "A/RES/75/277") {
		t.Errorf("rtp check list cut a short reference:\n%s", checks.String())
	}
}

// TestSearchFitsWidth: each hit's passage is cut to the line, its match
// closed where the cut falls inside it; without a width it is whole.
func TestSearchFitsWidth(t *testing.T) {
	t.Parallel()
	long := "Keep RtoP on the General Assembly's formal agenda. " + rtp.HighlightStart + strings.Repeat("agenda ", 20) + rtp.HighlightEnd + " and more"
	hits := []rtp.SearchHit{{RecommendationID: "ga-agenda", Kind: rtp.SearchRecommendation, Snippet: long}}
	var out bytes.Buffer
	if err := Search(&out, "table", hits, true, Options{Width: 80}); err != nil {
		t.Fatal(err)
	}
	plain := strings.NewReplacer(highlightOn, "", highlightOff, "").Replace(out.String())
	fits(t, "rtp search", plain, 80)
	if strings.Count(out.String(), highlightOn) != strings.Count(out.String(), highlightOff) || !strings.HasSuffix(plain, "…\n") {
		t.Errorf("the cut passage is not closed and marked:\n%q", out.String())
	}
	out.Reset()
	if err := Search(&out, "table", hits, false, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "and more") {
		t.Errorf("without a width the passage was cut:\n%s", out.String())
	}
}
