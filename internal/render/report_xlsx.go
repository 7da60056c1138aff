package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rtp-tracker/rtp"
)

// reportXLSX writes an Excel workbook: a Summary sheet, a Recommendations
// sheet (frozen header row, filters; rows streamed) and, with --since, a
// Changes sheet, then the Stale sheet. Text is written as text, never as a
// formula, so a note such as =HYPERLINK(...) cannot run.
func reportXLSX(w io.Writer, rep rtp.Report, rows rtp.ReportRows) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	if err := xlsxSummary(f, rep, bold, title); err != nil {
		return err
	}

	if _, err := f.NewSheet("Recommendations"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Recommendations")
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for col, width := range map[int]float64{1: 11, 2: 5, 3: 18, 4: 45, 5: 30, 6: 12, 7: 11, 8: 11, 9: 28, 10: 50, 11: 12, 12: 40, 13: 9} {
		if err := sw.SetColWidth(col, col, width); err != nil {
			return err
		}
	}
	if err := sw.SetRow("A1", headerCells(ReportColumns, bold)); err != nil {
		return err
	}
	n := 1
	err = rows(func(r rtp.ReportRow) error {
		n++
		cell, _ := excelize.CoordinatesToCellName(1, n)
		return sw.SetRow(cell, visibleCells([]any{r.Source, r.Number, r.ID, r.Title, r.Section, string(r.Status), dateOr(r.AsOf, ""),
			dateOr(r.LastUpdate, ""), ownerList(r.Owners), strings.Join(periodNotes(r), "\n"), dateOr(r.LatestNoteDate, ""),
			strings.Join(evidenceRefs(r.EvidenceRefs), "; "), len(r.EvidenceRefs)}))
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(ReportColumns), n)
	if err := f.AutoFilter("Recommendations", "A1:"+last, nil); err != nil {
		return err
	}

	if rep.Since != nil {
		cells := [][]any{}
		for _, c := range rep.Changes {
			cells = append(cells, []any{string(c.Date), c.Number, c.RecommendationID, c.Title, c.Kind, string(c.From), string(c.To), c.Detail, c.By, c.Note})
		}
		if err := xlsxTable(f, "Changes", []string{"date", "number", "id", "title", "kind", "from", "to", "detail", "by", "note"}, cells, bold); err != nil {
			return err
		}
	}
	stale := [][]any{}
	for _, s := range rep.Stale {
		stale = append(stale, []any{s.Number, s.RecommendationID, s.Title, string(s.Status), dateOr(s.LastUpdate, "never")})
	}
	if err := xlsxTable(f, "Stale", []string{"number", "id", "title", "status", "last_update"}, stale, bold); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func xlsxSummary(f *excelize.File, rep rtp.Report, bold, title int) error {
	rows := [][]any{{"RtoP follow-up report, as of " + longDate(rep.AsOf)}, {}}
	for _, s := range rep.Sources {
		rows = append(rows, []any{s.Title}, []any{sourceLine(s)}, []any{})
	}
	rows = append(rows, []any{"Reporting date", string(rep.AsOf)})
	if rep.Since != nil {
		rows = append(rows, []any{"Changes since", string(*rep.Since)})
	}
	if rep.Filtered {
		rows = append(rows, []any{"Filtered", "only the recommendations that match the report's filters"})
	}
	rows = append(rows, []any{}, []any{"Status", "Recommendations"})
	header := len(rows)
	for _, c := range rep.Summary.ByStatus {
		rows = append(rows, []any{string(c.Status), c.Count})
	}
	rows = append(rows, []any{"total", rep.Summary.Total}, []any{},
		[]any{"Implemented or partly implemented", rep.Summary.ImplementedOrPartial},
		[]any{"Share of the total (%)", rep.Summary.Share})
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		row = visibleCells(row)
		if err := f.SetSheetRow("Summary", cell, &row); err != nil {
			return err
		}
	}
	for _, style := range []struct {
		row, id int
	}{{1, title}, {header, bold}, {header + len(rep.Summary.ByStatus) + 1, bold}} {
		cell := fmt.Sprintf("A%d", style.row)
		end := fmt.Sprintf("B%d", style.row)
		if err := f.SetCellStyle("Summary", cell, end, style.id); err != nil {
			return err
		}
	}
	return f.SetColWidth("Summary", "A", "A", 36)
}

// xlsxTable adds a sheet with a bold, frozen header row and filters.
func xlsxTable(f *excelize.File, sheet string, header []string, rows [][]any, bold int) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	names := make([]any, len(header))
	for i, h := range header {
		names[i] = h
	}
	if err := f.SetSheetRow(sheet, "A1", &names); err != nil {
		return err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row = visibleCells(row)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	for i := range header {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetCellStyle(sheet, col+"1", col+"1", bold); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(header), len(rows)+1)
	return f.AutoFilter(sheet, "A1:"+last, nil)
}

// headerCells are a stream writer's styled header row.
func headerCells(names []string, style int) []any {
	out := make([]any, len(names))
	for i, n := range names {
		out[i] = excelize.Cell{StyleID: style, Value: n}
	}
	return out
}
