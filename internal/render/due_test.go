package render

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/rtp-tracker/rtp"
)

// dueFixture has what a calendar must survive: commas, semicolons,
// backslashes and newlines in text, non-ASCII letters across the fold, and
// a summary far longer than a line.
func dueFixture() []rtp.DueItem {
	return []rtp.DueItem{
		{Kind: "target", UID: "target-upr@rtp", RecommendationID: "upr", Title: "Use the UPR for structural prevention",
			Due: "2026-11-17", What: "partial", Current: rtp.StatusUnassessed, DaysLeft: -12, Overdue: true,
			Note: "Raised in Genève; see A/HRC/47/1, \\ para. 3\nSecond line"},
		{Kind: "target", UID: "target-ga-agenda@rtp", RecommendationID: "ga-agenda",
			Title: strings.Repeat("Keep RtoP on the General Assembly’s formal agenda, année après année; ", 3),
			Due:   "2027-03-31", What: "implemented", Current: rtp.StatusInProgress, DaysLeft: 122},
	}
}

// TestDueCalendarRoundTrip writes a calendar, checks its lines against RFC
// 5545 (CRLF, at most 75 octets, folds that keep UTF-8 whole), and reads it
// back with the iCalendar parser: the same events, UIDs, all-day dates and
// text.
func TestDueCalendarRoundTrip(t *testing.T) {
	items := append(dueFixture(), rtp.DueItem{Kind: "check", UID: "check-ga-session-80@rtp", RecommendationID: "ga-agenda",
		Title: "Is RtoP on the formal agenda of this GA session?", Due: "2025-09-30", What: "ga-session 80", DaysLeft: 5})
	stamp := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	if err := DueCalendar(&buf, items, stamp); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if !strings.HasSuffix(text, "END:VCALENDAR\r\n") {
		t.Fatalf("calendar does not end with END:VCALENDAR CRLF: %q", text[max(0, len(text)-40):])
	}
	lines := strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n")
	for i, line := range lines {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets, more than 75: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, line)
		}
	}
	if !strings.Contains(text, "\r\n ") {
		t.Errorf("the long summary was not folded:\n%s", text)
	}
	if !strings.Contains(text, "\r\nDTSTART;VALUE=DATE:20261117\r\n") {
		t.Errorf("no all-day DTSTART for 2026-11-17:\n%s", text)
	}

	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatalf("the parser refuses the calendar: %v", err)
	}
	events := cal.Events()
	if len(events) != len(items) {
		t.Fatalf("parsed %d events, want %d", len(events), len(items))
	}
	for i, e := range events {
		want := items[i]
		if e.Id() != want.UID {
			t.Errorf("event %d: UID %q, want %q", i, e.Id(), want.UID)
		}
		start, err := e.GetAllDayStartAt()
		if err != nil || start.Format(rtp.DateLayout) != string(want.Due) {
			t.Errorf("event %d: all-day start %v (%v), want %s", i, start, err, want.Due)
		}
		end, err := e.GetAllDayEndAt()
		if err != nil || !end.Equal(start.AddDate(0, 0, 1)) {
			t.Errorf("event %d: end %v (%v), want the day after %v", i, end, err, start)
		}
		dtstamp, err := e.GetDtStampTime()
		if err != nil || !dtstamp.Equal(stamp) {
			t.Errorf("event %d: DTSTAMP %v (%v), want %v", i, dtstamp, err, stamp)
		}
		if got := ics.FromText(e.GetProperty(ics.ComponentPropertySummary).Value); got != dueSummary(want) {
			t.Errorf("event %d: summary %q, want %q", i, got, dueSummary(want))
		}
		if got := ics.FromText(e.GetProperty(ics.ComponentPropertyDescription).Value); got != dueDescription(want) {
			t.Errorf("event %d: description %q, want %q", i, got, dueDescription(want))
		}
	}
	if got := ics.FromText(events[0].GetProperty(ics.ComponentPropertyDescription).Value); !strings.Contains(got, "Genève; see A/HRC/47/1, \\ para. 3\nSecond line") {
		t.Errorf("the note did not survive the round trip: %q", got)
	}
}

// TestDueCalendarUpdatesOnReimport: a file made on a later day, with a
// target moved, keeps the event's UID and raises its SEQUENCE, which is
// what makes a calendar update the event instead of adding another.
func TestDueCalendarUpdatesOnReimport(t *testing.T) {
	first, later := dueFixture()[:1], dueFixture()[:1]
	later[0].Due = "2027-01-31"
	parse := func(items []rtp.DueItem, day time.Time) *ics.VEvent {
		var buf bytes.Buffer
		if err := DueCalendar(&buf, items, day); err != nil {
			t.Fatal(err)
		}
		cal, err := ics.ParseCalendar(&buf)
		if err != nil || len(cal.Events()) != 1 {
			t.Fatalf("parse: %v, %d events", err, len(cal.Events()))
		}
		return cal.Events()[0]
	}
	a := parse(first, time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC))
	b := parse(later, time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))
	if a.Id() != b.Id() {
		t.Fatalf("UIDs differ between files: %q and %q", a.Id(), b.Id())
	}
	seqA := a.GetProperty(ics.ComponentPropertySequence).Value
	seqB := b.GetProperty(ics.ComponentPropertySequence).Value
	if !(len(seqA) == len(seqB) && seqB > seqA) {
		t.Errorf("SEQUENCE %s then %s: the later file must have the greater", seqA, seqB)
	}
	if start, _ := b.GetAllDayStartAt(); start.Format(rtp.DateLayout) != "2027-01-31" {
		t.Errorf("moved event starts %v, want 2027-01-31", start)
	}
}

// TestReportXLSXTargets: with targets the Recommendations sheet gets the
// target columns, filled for a row with a target and empty for one
// without, and a Due sheet follows Stale with the report's due items.
func TestReportXLSXTargets(t *testing.T) {
	t.Parallel()
	items := dueFixture()
	rep := rtp.Report{AsOf: "2026-11-29", StaleBefore: "2026-06-01", Targets: true, Due: items}
	target := rtp.Target{Due: "2026-11-17", Status: rtp.StatusPartial}.DueOn("2026-11-29", rtp.StatusUnassessed)
	rows := func(fn func(rtp.ReportRow) error) error {
		for i, id := range []string{"upr", "civil-society"} {
			row := rtp.ReportRow{Item: rtp.Item{Recommendation: rtp.Recommendation{ID: id, Source: "memo-2017", Number: i + 3, Title: "t"}, Status: rtp.StatusUnassessed}}
			if id == "upr" {
				row.Target = &target
			}
			if err := fn(row); err != nil {
				return err
			}
		}
		return nil
	}
	f := xlsxReport(t, rep, rows)
	if got := f.GetSheetList(); strings.Join(got, " ") != "Summary Recommendations Stale Due Evidence Sources" {
		t.Errorf("sheets %q", got)
	}
	recs, err := f.GetRows("Recommendations")
	if err != nil {
		t.Fatal(err)
	}
	n := len(ReportColumns)
	if len(recs) != 3 || strings.Join(recs[0][n:], " ") != strings.Join(TargetColumns, " ") {
		t.Fatalf("Recommendations: %q", recs)
	}
	if got := strings.Join(recs[1][n:], " "); got != "2026-11-17 partial -12 TRUE" {
		t.Errorf("upr's target cells %q", got)
	}
	if len(recs[2]) > n && strings.Join(recs[2][n:], "") != "" {
		t.Errorf("civil-society has no target, but its cells hold %q", recs[2][n:])
	}
	due, err := f.GetRows("Due")
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 3 || due[1][0] != "2026-11-17" || due[1][1] != "overdue by 12 days" || due[1][3] != "upr" || due[2][3] != "ga-agenda" {
		t.Errorf("Due sheet: %q", due)
	}
}
