package render

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/rtp-tracker/rtp"
)

// reportXLSX writes an Excel workbook: a Summary sheet, a Recommendations
// sheet, with --since a Changes sheet, then the Stale sheet, an Evidence
// sheet (one row and one link per piece) and a Sources sheet. Every table
// has a bold, frozen header row with filters, dates as real dates, columns
// as wide as their content (long text wrapped), evidence as hyperlinks, and
// prints landscape on A4, one page wide, with the header row on every page.
// Text is written as text, never as a formula, so a note such as
// =HYPERLINK(...) cannot run.
//
// The rows are not streamed into the workbook: excelize's stream writer
// cannot add hyperlinks, and a workbook is held whole before it is written
// anyway.
func reportXLSX(w io.Writer, rep rtp.Report, rows rtp.ReportRows) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	if err := xlsxSummary(f, rep, st); err != nil {
		return err
	}

	recs := xlsxSheet{name: "Recommendations", header: ReportColumns, wrap: map[int]bool{3: true, 4: true, 8: true, 9: true, 11: true}}
	evidence := xlsxSheet{name: "Evidence", header: []string{"source", "number", "id", "evidence", "title", "date"}, wrap: map[int]bool{3: true, 4: true}}
	err = rows(func(r rtp.ReportRow) error {
		links := []string{}
		for _, e := range r.EvidenceRefs {
			link := rtp.EvidenceLink(e.Ref)
			evidence.add([]any{r.Source, r.Number, r.ID, e.Ref, e.Title, xlsxDate(&e.Date)}, map[int]string{3: link})
			if link != "" {
				links = append(links, link)
			}
		}
		// A cell holds one link: the first piece of evidence that has one;
		// the Evidence sheet links every piece.
		cellLinks := map[int]string{}
		if len(links) > 0 {
			cellLinks[11] = links[0]
		}
		recs.add([]any{r.Source, r.Number, r.ID, r.Title, r.Section, string(r.Status), xlsxDate(r.AsOf),
			xlsxDate(r.LastUpdate), ownerList(r.Owners), strings.Join(periodNotes(r), "\n"), xlsxDate(r.LatestNoteDate),
			strings.Join(evidenceRefs(r.EvidenceRefs), "; "), len(r.EvidenceRefs)}, cellLinks)
		return nil
	})
	if err != nil {
		return err
	}
	sheets := []xlsxSheet{recs}
	if rep.Since != nil {
		changes := xlsxSheet{name: "Changes", header: []string{"date", "source", "number", "id", "title", "kind", "from", "to", "detail", "by", "note"},
			wrap: map[int]bool{4: true, 8: true, 10: true}}
		for _, c := range rep.Changes {
			changes.add([]any{xlsxDate(&c.Date), c.Source, c.Number, c.RecommendationID, c.Title, c.Kind, string(c.From), string(c.To), c.Detail, c.By, c.Note},
				map[int]string{8: changeLink(c)})
		}
		sheets = append(sheets, changes)
	}
	stale := xlsxSheet{name: "Stale", header: []string{"source", "number", "id", "title", "status", "last_update"}, wrap: map[int]bool{3: true}}
	for _, s := range rep.Stale {
		var last any = "never"
		if s.LastUpdate != nil {
			last = xlsxDate(s.LastUpdate)
		}
		stale.add([]any{s.Source, s.Number, s.RecommendationID, s.Title, string(s.Status), last}, nil)
	}
	sources := xlsxSheet{name: "Sources", header: []string{"id", "kind", "title", "date", "organisers", "description"}, wrap: map[int]bool{2: true, 4: true, 5: true}}
	for _, s := range rep.Sources {
		sources.add([]any{s.ID, s.Kind, s.Title, xlsxDate(&s.Date), joinAnd(s.Organisers), s.Description}, nil)
	}
	for _, sheet := range append(sheets, stale, evidence, sources) {
		if err := sheet.write(f, st); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// xlsxDate is a date cell's value: a real date, which Excel filters and
// sorts as one, or empty.
func xlsxDate(d *rtp.Date) any {
	if d == nil || *d == "" {
		return ""
	}
	return d.Time()
}

type xlsxStyles struct {
	bold, title, date, plain, wrap, link, wrapLink int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	linkFont := &excelize.Font{Color: "1F4E9E", Underline: "single"}
	dateFormat := "yyyy-mm-dd"
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.bold, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.date, excelize.Style{CustomNumFmt: &dateFormat, Alignment: top}},
		{&st.plain, excelize.Style{Alignment: top}},
		{&st.wrap, excelize.Style{Alignment: wrapTop}},
		{&st.link, excelize.Style{Font: linkFont, Alignment: top}},
		{&st.wrapLink, excelize.Style{Font: linkFont, Alignment: wrapTop}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

// xlsxSheet is a table of a workbook: its header, rows, which columns
// wrap their text, and the hyperlinks of cells by row and column.
type xlsxSheet struct {
	name   string
	header []string
	rows   [][]any
	links  map[[2]int]string
	wrap   map[int]bool
}

func (s *xlsxSheet) add(row []any, links map[int]string) {
	for col, link := range links {
		if link != "" {
			if s.links == nil {
				s.links = map[[2]int]string{}
			}
			s.links[[2]int{len(s.rows), col}] = link
		}
	}
	s.rows = append(s.rows, visibleCells(row))
}

// Widths of a column, in characters: wide enough for the header and the
// longest cell, up to wrapWidth for the columns that wrap (their text
// continues on the next line) and maxWidth for the others.
const (
	dateWidth = 11
	wrapWidth = 36
	maxWidth  = 30
)

func (s *xlsxSheet) write(f *excelize.File, st xlsxStyles) error {
	if _, err := f.NewSheet(s.name); err != nil {
		return err
	}
	widths := make([]float64, len(s.header))
	for i, h := range s.header {
		widths[i] = float64(utf8.RuneCountInString(h)) + 3 // the filter's button sits beside the header
	}
	for r, row := range s.rows {
		for c, v := range row {
			widths[c] = max(widths[c], cellWidth(v))
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if err := f.SetCellValue(s.name, cell, v); err != nil {
				return err
			}
			style := st.plain // at the top of a row that wraps text elsewhere
			link, linked := s.links[[2]int{r, c}]
			switch _, isDate := v.(time.Time); {
			case isDate:
				style = st.date
			case linked && s.wrap[c]:
				style = st.wrapLink
			case linked:
				style = st.link
			case s.wrap[c]:
				style = st.wrap
			}
			if err := f.SetCellStyle(s.name, cell, cell, style); err != nil {
				return err
			}
			if linked {
				if err := f.SetCellHyperLink(s.name, cell, link, "External"); err != nil {
					return err
				}
			}
		}
	}
	names := make([]any, len(s.header))
	for i, h := range s.header {
		names[i] = h
	}
	if err := f.SetSheetRow(s.name, "A1", &names); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(s.header))
	if err := f.SetCellStyle(s.name, "A1", last+"1", st.bold); err != nil {
		return err
	}
	for i, w := range widths {
		limit := float64(maxWidth)
		if s.wrap[i] {
			limit = wrapWidth
		}
		widths[i] = min(w+1, limit)
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s.name, col, col, widths[i]); err != nil {
			return err
		}
	}
	// Rows as tall as their wrapped text: not every spreadsheet works the
	// height out itself (LibreOffice printed wrapped lines over the next row).
	for r, row := range s.rows {
		lines := 1
		for c, v := range row {
			if text, ok := v.(string); ok && s.wrap[c] {
				lines = max(lines, wrappedLines(text, int(widths[c])-1))
			}
		}
		if lines > 1 {
			if err := f.SetRowHeight(s.name, r+2, float64(lines)*lineHeight); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(len(s.header), len(s.rows)+1)
	if err := f.AutoFilter(s.name, "A1:"+end, nil); err != nil {
		return err
	}
	if err := xlsxPageSetup(f, s.name); err != nil {
		return err
	}
	// The header row is printed at the top of every page.
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", s.name), Scope: s.name})
}

// lineHeight is the height of a line of 11-point text, in points.
const lineHeight = 15

// wrappedLines estimates how many lines text takes in a column width
// characters wide, breaking at spaces as spreadsheets do.
func wrappedLines(text string, width int) int {
	width = max(width, 1)
	lines := 0
	for para := range strings.SplitSeq(text, "\n") {
		n, used := 1, 0
		for _, word := range strings.Fields(para) {
			w := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = w
			case used+1+w <= width:
				used += 1 + w
			default:
				n++
				used = w
			}
			for used > width { // a word longer than the column breaks inside
				n++
				used -= width
			}
		}
		lines += n
	}
	return lines
}

// cellWidth is how many characters wide a cell's content is: its longest
// line, or a date's ten.
func cellWidth(v any) float64 {
	switch v := v.(type) {
	case time.Time:
		return dateWidth
	case string:
		longest := 0
		for line := range strings.SplitSeq(v, "\n") {
			longest = max(longest, utf8.RuneCountInString(line))
		}
		return float64(longest)
	default:
		return float64(len(fmt.Sprint(v)))
	}
}

// xlsxPageSetup prints a sheet landscape on A4, scaled to one page wide and
// as many pages long as it takes.
func xlsxPageSetup(f *excelize.File, sheet string) error {
	a4, landscape, oneWide, anyTall := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &oneWide, FitToHeight: &anyTall}); err != nil {
		return err
	}
	fit := true
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

func xlsxSummary(f *excelize.File, rep rtp.Report, st xlsxStyles) error {
	rows := [][]any{{"RtoP follow-up report, as of " + longDate(rep.AsOf)}, {}}
	for _, s := range rep.Sources {
		rows = append(rows, []any{s.Title}, []any{sourceLine(s)}, []any{})
	}
	rows = append(rows, []any{"Reporting date", rep.AsOf.Time()})
	dates := []int{len(rows)}
	if rep.Since != nil {
		rows = append(rows, []any{"Changes since", rep.Since.Time()})
		dates = append(dates, len(rows))
	}
	if rep.Filtered {
		rows = append(rows, []any{"Filtered", "only the recommendations that match the report's filters"})
	}
	var bold []int
	for _, part := range summaryParts(rep) {
		rows = append(rows, []any{})
		if part.Source != "" {
			rows = append(rows, []any{part.Title + " (" + part.Source + ")"})
			bold = append(bold, len(rows))
		}
		rows = append(rows, []any{"Status", "Recommendations"})
		bold = append(bold, len(rows))
		for _, c := range part.ByStatus {
			rows = append(rows, []any{string(c.Status), c.Count})
		}
		rows = append(rows, []any{"total", part.Total})
		bold = append(bold, len(rows))
		rows = append(rows, []any{"Implemented or partly implemented", part.ImplementedOrPartial},
			[]any{"Share of the total (%)", part.Share})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		row = visibleCells(row)
		if err := f.SetSheetRow("Summary", cell, &row); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle("Summary", "A1", "A1", st.title); err != nil {
		return err
	}
	for _, row := range bold {
		if err := f.SetCellStyle("Summary", fmt.Sprintf("A%d", row), fmt.Sprintf("B%d", row), st.bold); err != nil {
			return err
		}
	}
	for _, row := range dates {
		cell := fmt.Sprintf("B%d", row)
		if err := f.SetCellStyle("Summary", cell, cell, st.date); err != nil {
			return err
		}
	}
	if err := f.SetColWidth("Summary", "A", "A", 36); err != nil {
		return err
	}
	if err := f.SetColWidth("Summary", "B", "B", 18); err != nil {
		return err
	}
	return xlsxPageSetup(f, "Summary")
}
