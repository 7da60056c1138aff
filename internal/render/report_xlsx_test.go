package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rtp-tracker/rtp"
)

// TestReportXLSXLinkFormulas: evidence links are HYPERLINK formulas showing
// the reference, with a quote in an address doubled; an address longer than
// a formula's string may be stays text; a note that looks like a formula
// stays text. The Recommendations sheet runs past the rows that set the
// widths, and every row is there, in order, with its date.
func TestReportXLSXLinkFormulas(t *testing.T) {
	t.Parallel()
	quoted := `https://example.org/a"b`
	long := "https://example.org/" + strings.Repeat("x", 300)
	n := xlsxSampleRows + 500
	rep := rtp.Report{AsOf: "2019-12-31", StaleBefore: "2019-06-30"}
	rows := func(fn func(rtp.ReportRow) error) error {
		for i := range n {
			refs := []rtp.EvidenceRef{{Ref: quoted, Date: "2019-01-02"}, {Ref: long, Date: "2019-01-02"}}
			asOf := rtp.Date("2019-01-02")
			err := fn(rtp.ReportRow{Item: rtp.Item{Recommendation: rtp.Recommendation{ID: fmt.Sprintf("r%d", i), Source: "memo-2017", Number: i + 1,
				Title: "t"}, Status: rtp.StatusPartial, AsOf: &asOf}, LatestNote: `=HYPERLINK("https://evil.example")`, EvidenceRefs: refs})
			if err != nil {
				return err
			}
		}
		return nil
	}
	f := xlsxReport(t, rep, rows)
	last := fmt.Sprintf("D%d", 2*n+1)
	for cell, want := range map[string]string{"D2": `HYPERLINK("https://example.org/a""b","https://example.org/a""b")`, "D3": "", last: ""} {
		if got, _ := f.GetCellFormula("Evidence", cell); got != want {
			t.Errorf("Evidence!%s holds the formula %q, want %q", cell, got, want)
		}
	}
	if got, _ := f.GetCellValue("Evidence", last); got != long {
		t.Errorf("Evidence!%s shows %q, want the long address", last, got)
	}
	recs, err := f.GetRows("Recommendations")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != n+1 || recs[n][2] != fmt.Sprintf("r%d", n-1) || recs[n][6] != "2019-01-02" {
		t.Fatalf("Recommendations has %d rows, the last %q", len(recs), recs[len(recs)-1])
	}
	for _, cell := range []string{"J2", fmt.Sprintf("J%d", n+1)} {
		if got, _ := f.GetCellFormula("Recommendations", cell); got != "" {
			t.Errorf("the note in %s became the formula %q", cell, got)
		}
	}
	// The evidence cell shows both references, too long together for a
	// formula: it stays text.
	if got, _ := f.GetCellFormula("Recommendations", fmt.Sprintf("L%d", n+1)); got != "" {
		t.Errorf("an evidence cell over 255 characters became the formula %q", got)
	}
}

// xlsxReport writes the workbook of a report and opens it.
func xlsxReport(t *testing.T, rep rtp.Report, rows rtp.ReportRows) *excelize.File {
	t.Helper()
	var book bytes.Buffer
	if err := Report(&book, "xlsx", rep, rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
