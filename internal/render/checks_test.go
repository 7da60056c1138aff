package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

func sampleChecks() []rtp.CheckStatus {
	c := rtp.Check{ID: "ga-agenda-session", RecommendationID: "ga-agenda", Question: "On the agenda?", Every: rtp.EverySession, Due: "09-30", From: "72"}
	answers := []rtp.CheckAnswer{
		{CheckID: c.ID, Period: "72", Answer: rtp.AnswerYes, AsOf: "2017-09-15", UID: "a1", Evidence: "A/72/250"},
		{CheckID: c.ID, Period: "74", Answer: rtp.AnswerPartly, AsOf: "2019-09-30", UID: "a2"},
	}
	return []rtp.CheckStatus{rtp.CheckPeriods(c, answers, "2019-10-01")}
}

// TestChecksXLSX: the Checks sheet holds each answer in words, filled with
// its colour, and a missing period as "missing".
func TestChecksXLSX(t *testing.T) {
	rep := rtp.Report{AsOf: "2019-10-01", StaleBefore: "2019-06-30", Checks: sampleChecks()}
	f := xlsxReport(t, rep, func(func(rtp.ReportRow) error) error { return nil })
	rows, err := f.GetRows("Checks")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || strings.Join(rows[2], "|") != "every session|question|72|73|74" ||
		strings.Join(rows[3], "|") != "ga-agenda-session|On the agenda?|yes|missing|partly" {
		t.Fatalf("Checks sheet: %q", rows)
	}
	for cell, colour := range map[string]string{"C4": answerColours["yes"], "D4": answerColours["missing"], "E4": answerColours["partly"]} {
		id, err := f.GetCellStyle("Checks", cell)
		if err != nil {
			t.Fatal(err)
		}
		style, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(style.Fill.Color) != 1 || !strings.EqualFold(style.Fill.Color[0], colour) {
			t.Errorf("Checks!%s is filled %v, want %s", cell, style.Fill.Color, colour)
		}
	}
}

// TestChecksNotInReportsWithout: a tracker without checks gets the report
// it always got.
func TestChecksNotInReportsWithout(t *testing.T) {
	none := func(func(rtp.ReportRow) error) error { return nil }
	for _, format := range []string{"markdown", "csv", "html", "json"} {
		var with, without bytes.Buffer
		if err := Report(&without, format, rtp.Report{AsOf: "2019-10-01"}, none); err != nil {
			t.Fatal(err)
		}
		if err := Report(&with, format, rtp.Report{AsOf: "2019-10-01", Checks: sampleChecks()}, none); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(without.String(), "check") || !strings.Contains(with.String(), "ga-agenda-session") {
			t.Errorf("%s: checks in the report without them, or not in the one with them", format)
		}
	}
}
