package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestReportActorsInHTMLAndXLSX: the donor formats carry the table of
// progress per addressee that Markdown and JSON have, escaped in HTML, and
// only when an actor's status counts.
func TestReportActorsInHTMLAndXLSX(t *testing.T) {
	t.Parallel()
	actors := []rtp.ReportActor{
		{RecommendationID: "regional-bodies", ActorStatus: rtp.ActorStatus{Actor: "African Union", Status: rtp.StatusImplemented, AsOf: "2020-03-01", Addressed: true}},
		{RecommendationID: "regional-bodies", ActorStatus: rtp.ActorStatus{Actor: "<ASEAN & co>", Status: rtp.StatusNotStarted, AsOf: "2019-05-01"}},
	}
	rows := func(fn func(rtp.ReportRow) error) error {
		return fn(rtp.ReportRow{Item: rtp.Item{Recommendation: rtp.Recommendation{ID: "regional-bodies", Source: "memo-2017", Number: 8, Title: "t"},
			Status: rtp.StatusInProgress}})
	}
	rep := rtp.Report{AsOf: "2026-11-29", StaleBefore: "2026-06-01", Actors: actors}

	var page bytes.Buffer
	if err := Report(&page, "html", rep, rows); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h2>Progress per addressee</h2>",
		`<td class="id">regional-bodies</td><td>African Union</td><td><span class="status implemented">implemented</span></td><td class="date">2020-03-01</td>`,
		"<td>&lt;ASEAN &amp; co&gt;</td>"} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("the HTML report lacks %s", want)
		}
	}

	f := xlsxReport(t, rep, rows)
	if got := strings.Join(f.GetSheetList(), " "); got != "Summary Recommendations Stale Addressees Evidence Sources" {
		t.Errorf("sheets %q", got)
	}
	sheet, err := f.GetRows("Addressees")
	if err != nil {
		t.Fatal(err)
	}
	if len(sheet) != 3 || strings.Join(sheet[1], "|") != "regional-bodies|African Union|implemented|2020-03-01|TRUE" ||
		strings.Join(sheet[2], "|") != "regional-bodies|<ASEAN & co>|not-started|2019-05-01|FALSE" {
		t.Errorf("Addressees sheet: %q", sheet)
	}

	page.Reset()
	rep.Actors = nil
	if err := Report(&page, "html", rep, rows); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.String(), "Progress per addressee") {
		t.Error("a report without actor updates has an empty addressee table")
	}
	if got := strings.Join(xlsxReport(t, rep, rows).GetSheetList(), " "); strings.Contains(got, "Addressees") {
		t.Errorf("a report without actor updates has an Addressees sheet: %q", got)
	}
}
