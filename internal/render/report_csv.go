package render

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// ReportColumns are the columns of `rtp report --format csv`, one row per
// recommendation.
var ReportColumns = []string{"source", "number", "id", "title", "section", "status", "since", "last_update",
	"owners", "latest_note", "latest_note_date", "evidence", "evidence_count"}

// TargetColumns are the columns a CSV report adds when a recommendation it
// covers has a target: a CSV report has rows only, so its "Due and overdue"
// section is these columns (due, status asked for, days left, overdue).
var TargetColumns = []string{"target_due", "target_status", "target_days_left", "target_overdue"}

// reportCSV streams one row per recommendation: RFC 4180, UTF-8, a header
// row, and text that a spreadsheet would run as a formula neutralised.
func reportCSV(w io.Writer, rep rtp.Report, rows rtp.ReportRows) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := ReportColumns
	if rep.Targets {
		header = append(append([]string{}, ReportColumns...), TargetColumns...)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	err := rows(func(r rtp.ReportRow) error {
		cells := []string{
			CSVCell(r.Source), strconv.Itoa(r.Number), CSVCell(r.ID), CSVCell(r.Title), CSVCell(r.Section), string(r.Status),
			dateOr(r.AsOf, ""), dateOr(r.LastUpdate, ""), CSVCell(ownerList(r.Owners)), CSVCell(strings.Join(periodNotes(r), "\n")),
			dateOr(r.LatestNoteDate, ""), CSVCell(strings.Join(evidenceRefs(r.EvidenceRefs), "; ")), strconv.Itoa(len(r.EvidenceRefs)),
		}
		if rep.Targets {
			cells = append(cells, targetCSV(r.Target)...)
		}
		return cw.Write(cells)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// targetCSV is a row's TargetColumns; empty cells for none.
func targetCSV(t *rtp.TargetDue) []string {
	if t == nil {
		return []string{"", "", "", ""}
	}
	return []string{string(t.Due), string(t.Status), strconv.Itoa(t.DaysLeft), strconv.FormatBool(t.Overdue)}
}
