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

// reportCSV streams one row per recommendation: RFC 4180, UTF-8, a header
// row, and text that a spreadsheet would run as a formula neutralised.
func reportCSV(w io.Writer, rows rtp.ReportRows) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(ReportColumns); err != nil {
		return err
	}
	err := rows(func(r rtp.ReportRow) error {
		return cw.Write([]string{
			CSVCell(r.Source), strconv.Itoa(r.Number), CSVCell(r.ID), CSVCell(r.Title), CSVCell(r.Section), string(r.Status),
			dateOr(r.AsOf, ""), dateOr(r.LastUpdate, ""), CSVCell(ownerList(r.Owners)), CSVCell(strings.Join(periodNotes(r), "\n")),
			dateOr(r.LatestNoteDate, ""), CSVCell(strings.Join(evidenceRefs(r.EvidenceRefs), "; ")), strconv.Itoa(len(r.EvidenceRefs)),
		})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
