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
// sheet, with --since a Changes sheet, then the Stale sheet, with targets a
// Due sheet, with actor updates an Addressees sheet, an Evidence sheet (one
// row and one link per piece) and a Sources sheet. Every table
// has a bold, frozen header row with filters, dates as real dates, columns
// as wide as their content (long text wrapped), evidence as hyperlinks, and
// prints landscape on A4, one page wide, with the header row on every page.
// Text is written as text, never as a formula, so a note such as
// =HYPERLINK(...) cannot run.
//
// The tables are streamed into the workbook (excelize's stream writer keeps
// a sheet's rows in a temporary file, not in memory), so that a report of
// 100,000 recommendations takes memory for a few rows, not for all.
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
	recs := &xlsxTable{name: "Recommendations", header: ReportColumns, linkColumn: 11, wrap: map[int]bool{3: true, 4: true, 8: true, 9: true, 11: true}}
	// With targets, the rows get the target columns and a Due sheet
	// follows Stale: the report's "Due and overdue" section.
	var due *xlsxTable
	if rep.Targets {
		recs.header = append(append([]string{}, ReportColumns...), TargetColumns...)
		due = &xlsxTable{name: "Due", header: []string{"due", "when", "kind", "id", "title", "target", "status"}, wrap: map[int]bool{4: true}}
	}
	var changes *xlsxTable
	if rep.Since != nil {
		changes = &xlsxTable{name: "Changes", header: []string{"date", "source", "number", "id", "title", "kind", "from", "to", "detail", "by", "note"},
			linkColumn: 8, wrap: map[int]bool{4: true, 8: true, 10: true}}
	}
	stale := &xlsxTable{name: "Stale", header: []string{"source", "number", "id", "title", "status", "last_update"}, wrap: map[int]bool{3: true}}
	// Progress per addressee, when an update about an actor counts.
	var actors *xlsxTable
	if len(rep.Actors) > 0 {
		actors = &xlsxTable{name: "Addressees", header: []string{"id", "actor", "status", "as_of", "addressed"}}
	}
	evidence := &xlsxTable{name: "Evidence", header: []string{"source", "number", "id", "evidence", "title", "date"}, linkColumn: 3, wrap: map[int]bool{3: true, 4: true}}
	sources := &xlsxTable{name: "Sources", header: []string{"id", "kind", "title", "date", "organisers", "description"}, wrap: map[int]bool{2: true, 4: true, 5: true}}
	// The sheets are made first, in the order they are listed; the rows of
	// Recommendations and Evidence are then written in one pass.
	for _, t := range []*xlsxTable{recs, changes, stale, due, actors, evidence, sources} {
		if t == nil {
			continue
		}
		t.f, t.st = f, st
		if _, err := f.NewSheet(t.name); err != nil {
			return err
		}
	}
	err = rows(func(r rtp.ReportRow) error {
		// A cell holds one link: the first piece of evidence that has one;
		// the Evidence sheet links every piece.
		first := ""
		for _, e := range r.EvidenceRefs {
			link := rtp.EvidenceLink(e.Ref)
			if err := evidence.add([]any{r.Source, r.Number, r.ID, e.Ref, e.Title, xlsxDate(&e.Date)}, link); err != nil {
				return err
			}
			if first == "" {
				first = link
			}
		}
		cells := []any{r.Source, r.Number, r.ID, r.Title, r.Section, string(r.Status), xlsxDate(r.AsOf),
			xlsxDate(r.LastUpdate), ownerList(r.Owners), strings.Join(periodNotes(r), "\n"), xlsxDate(r.LatestNoteDate),
			strings.Join(evidenceRefs(r.EvidenceRefs), "; "), len(r.EvidenceRefs)}
		if due != nil {
			if t := r.Target; t != nil {
				cells = append(cells, xlsxDate(&t.Due), string(t.Status), t.DaysLeft, t.Overdue)
			} else {
				cells = append(cells, "", "", "", "")
			}
		}
		return recs.add(cells, first)
	})
	if err != nil {
		return err
	}
	if err := recs.close(); err != nil {
		return err
	}
	if err := evidence.close(); err != nil {
		return err
	}
	if changes != nil {
		err := rep.EachChange(func(c rtp.Change) error {
			return changes.add([]any{xlsxDate(&c.Date), c.Source, c.Number, c.RecommendationID, c.Title, c.Kind, string(c.From), string(c.To), c.Detail, c.By, c.Note},
				changeLink(c))
		})
		if err != nil {
			return err
		}
		if err := changes.close(); err != nil {
			return err
		}
	}
	for _, s := range rep.Stale {
		var last any = "never"
		if s.LastUpdate != nil {
			last = xlsxDate(s.LastUpdate)
		}
		if err := stale.add([]any{s.Source, s.Number, s.RecommendationID, s.Title, string(s.Status), last}, ""); err != nil {
			return err
		}
	}
	if err := stale.close(); err != nil {
		return err
	}
	if due != nil {
		for _, d := range rep.Due {
			if err := due.add([]any{xlsxDate(&d.Due), d.HowFar(), d.Kind, d.RecommendationID, d.Title, d.What, string(d.Current)}, ""); err != nil {
				return err
			}
		}
		if err := due.close(); err != nil {
			return err
		}
	}
	if actors != nil {
		for _, a := range rep.Actors {
			if err := actors.add([]any{a.RecommendationID, a.Actor, string(a.Status), xlsxDate(&a.AsOf), a.Addressed}, ""); err != nil {
				return err
			}
		}
		if err := actors.close(); err != nil {
			return err
		}
	}
	for _, s := range rep.Sources {
		if err := sources.add([]any{s.ID, s.Kind, s.Title, xlsxDate(&s.Date), joinAnd(s.Organisers), s.Description}, ""); err != nil {
			return err
		}
	}
	if err := sources.close(); err != nil {
		return err
	}
	if err := checksXLSX(f, rep.Checks, st); err != nil {
		return err
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

// xlsxTable streams a table into a sheet: its header, which columns wrap
// their text, and the rows given to add. The first xlsxSampleRows rows are
// held until the column widths are worked out from them (a stream writer
// sets the widths before any row); later rows are written as they come.
type xlsxTable struct {
	name       string
	header     []string
	wrap       map[int]bool
	linkColumn int // the column whose cells link to their row's address
	f          *excelize.File
	st         xlsxStyles
	sw         *excelize.StreamWriter
	sample     []xlsxRow
	widths     []float64
	rows       int // rows written below the header
}

// xlsxRow is a row's cells and the address its link column links to, if
// any.
type xlsxRow struct {
	cells []any
	link  string
}

// xlsxSampleRows is how many rows set the widths of a table's columns: all
// of them in any tracker kept by hand, a bounded few at 100,000.
const xlsxSampleRows = 1000

func (t *xlsxTable) add(row []any, link string) error {
	r := xlsxRow{visibleCells(row), link}
	if t.sw != nil {
		return t.writeRow(r)
	}
	t.sample = append(t.sample, r)
	if len(t.sample) < xlsxSampleRows {
		return nil
	}
	return t.start()
}

// Widths of a column, in characters: wide enough for the header and the
// longest cell, up to wrapWidth for the columns that wrap (their text
// continues on the next line) and maxWidth for the others.
const (
	dateWidth = 11
	wrapWidth = 36
	maxWidth  = 30
)

// start sets the widths from the rows held, opens the sheet's stream with
// its page setup, frozen header row and widths, and writes the header and
// the rows held.
func (t *xlsxTable) start() error {
	t.widths = make([]float64, len(t.header))
	for i, h := range t.header {
		t.widths[i] = float64(utf8.RuneCountInString(h)) + 3 // the filter's button sits beside the header
	}
	for _, r := range t.sample {
		for c, v := range r.cells {
			t.widths[c] = max(t.widths[c], cellWidth(v))
		}
	}
	// The page setup is in the sheet's properties, which the stream writes
	// first.
	if err := xlsxPageSetup(t.f, t.name); err != nil {
		return err
	}
	sw, err := t.f.NewStreamWriter(t.name)
	if err != nil {
		return err
	}
	t.sw = sw
	for i, w := range t.widths {
		limit := float64(maxWidth)
		if t.wrap[i] {
			limit = wrapWidth
		}
		t.widths[i] = min(w+1, limit)
		if err := sw.SetColWidth(i+1, i+1, t.widths[i]); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	names := make([]any, len(t.header))
	for i, h := range t.header {
		names[i] = excelize.Cell{StyleID: t.st.bold, Value: h}
	}
	if err := sw.SetRow("A1", names); err != nil {
		return err
	}
	for _, r := range t.sample {
		if err := t.writeRow(r); err != nil {
			return err
		}
	}
	t.sample = nil
	return nil
}

// writeRow writes a row below the last, as tall as its wrapped text: not
// every spreadsheet works the height out itself (LibreOffice printed
// wrapped lines over the next row).
func (t *xlsxTable) writeRow(r xlsxRow) error {
	t.rows++
	cells := make([]any, len(r.cells))
	lines := 1
	for c, v := range r.cells {
		style := t.st.plain // at the top of a row that wraps text elsewhere
		formula := ""
		if c == t.linkColumn {
			formula = xlsxLink(r.link, v)
		}
		switch _, isDate := v.(time.Time); {
		case isDate:
			style = t.st.date
		case formula != "" && t.wrap[c]:
			style = t.st.wrapLink
		case formula != "":
			style = t.st.link
		case t.wrap[c]:
			style = t.st.wrap
		}
		if text, ok := v.(string); ok && t.wrap[c] {
			lines = max(lines, wrappedLines(text, int(t.widths[c])-1))
		}
		cells[c] = excelize.Cell{StyleID: style, Formula: formula, Value: v}
	}
	var opts []excelize.RowOpts
	if lines > 1 {
		opts = append(opts, excelize.RowOpts{Height: float64(lines) * lineHeight})
	}
	cell, _ := excelize.CoordinatesToCellName(1, t.rows+1)
	return t.sw.SetRow(cell, cells, opts...)
}

// close writes the rows still held, the filters and the print titles, and
// ends the sheet's stream.
func (t *xlsxTable) close() error {
	if t.sw == nil {
		if err := t.start(); err != nil {
			return err
		}
	}
	end, _ := excelize.CoordinatesToCellName(len(t.header), t.rows+1)
	if err := t.f.AutoFilter(t.name, "A1:"+end, nil); err != nil {
		return err
	}
	if err := t.sw.Flush(); err != nil {
		return err
	}
	// The header row is printed at the top of every page.
	return t.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", t.name), Scope: t.name})
}

// xlsxLink is the formula that makes a cell showing text a hyperlink to
// url, or empty when there is no link or a formula cannot hold it. A
// formula, not a hyperlink of the sheet: Excel allows 65,530 of those a
// sheet, and excelize's stream writer none. The formula is built by rtp,
// never from a note: quotes are doubled, and a text or address longer than
// the 255 characters a formula's string may have stays plain text.
func xlsxLink(url string, v any) string {
	text, ok := v.(string)
	if url == "" || !ok || utf8.RuneCountInString(url) > 255 || utf8.RuneCountInString(text) > 255 || strings.ContainsAny(text+url, "\n\r") {
		return ""
	}
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	return "HYPERLINK(" + quote(url) + "," + quote(text) + ")"
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
