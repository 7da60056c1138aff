package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rtp-tracker/rtp"
)

// CheckRow is a row of `rtp check list`: one period of one check, with its
// answer, or none (missing, when due).
type CheckRow struct {
	Check    string   `json:"check"`
	Rec      string   `json:"recommendation"`
	Every    string   `json:"every"`
	Period   string   `json:"period"`
	Due      rtp.Date `json:"due"`
	Answer   string   `json:"answer"` // an rtp.Answer, or "missing"
	AnswerID int64    `json:"answer_id,omitempty"`
	AsOf     rtp.Date `json:"as_of,omitempty"`
	Note     string   `json:"note,omitempty"`
	Evidence string   `json:"evidence,omitempty"`
	Question string   `json:"question"`
}

// CheckRows turns checks' periods on day into the rows of a list; only
// the missing ones if missingOnly.
func CheckRows(list []rtp.CheckStatus, day rtp.Date, missingOnly bool) []CheckRow {
	var rows []CheckRow
	for _, cs := range list {
		for _, p := range cs.Periods {
			if missingOnly && !p.Missing(day) {
				continue
			}
			r := CheckRow{Check: cs.ID, Rec: cs.RecommendationID, Every: string(cs.Every), Period: p.Period, Due: p.Due, Answer: "missing", Question: cs.Question}
			if a := p.Answer; a != nil {
				r.Answer, r.AnswerID, r.AsOf, r.Note, r.Evidence = string(a.Answer), a.ID, a.AsOf, a.Note, a.Evidence
			}
			rows = append(rows, r)
		}
	}
	return rows
}

func answerIDText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

var checkLayout = layout[CheckRow]{
	columns: []string{"check", "recommendation", "every", "period", "due", "answer", "answer_id", "as_of", "note", "evidence", "question"},
	cells: func(r CheckRow, text func(string) string) []string {
		return []string{text(r.Check), text(r.Rec), r.Every, text(r.Period), string(r.Due), text(r.Answer), answerIDText(r.AnswerID),
			string(r.AsOf), text(r.Note), text(r.Evidence), text(r.Question)}
	},
	header: []string{"CHECK", "PERIOD", "DUE", "ANSWER", "#", "AS OF", "NOTE", "EVIDENCE"},
	tableRow: func(r CheckRow) []string {
		return []string{r.Check, r.Period, string(r.Due), r.Answer, answerIDText(r.AnswerID), string(r.AsOf), Terminal(r.Note, false), Terminal(r.Evidence, false)}
	},
	// At 80 columns: the answer's as-of day goes first (rtp check list
	// --format tsv has it), then the note and evidence are shortened.
	fit:      []column{{index: 6, min: 8, shrink: true}, {index: 7, min: 12, shrink: true}, {index: 5, drop: 1}},
	empty:    "No check period is due: rtp check add ID --rec REC --question TEXT --every year --due MM-DD adds a check.",
	mdHeader: []string{"Check", "Period", "Due", "Answer", "#", "As of", "Note", "Evidence"},
	mdRow: func(r CheckRow) []string {
		return []string{"`" + r.Check + "`", MarkdownCell(r.Period), string(r.Due), MarkdownCell(r.Answer), answerIDText(r.AnswerID),
			string(r.AsOf), MarkdownCell(r.Note), MarkdownCell(r.Evidence)}
	},
}

// NewCheckWriter returns the writer of `rtp check list` for format, one of ListFormats.
func NewCheckWriter(w io.Writer, format string, opts Options) (RowWriter[CheckRow], error) {
	if err := CheckFormat(format, ListFormats); err != nil {
		return nil, err
	}
	return newRowWriter(w, format, opts, checkLayout), nil
}

// A report's matrix of checks × periods: one table per cadence, a row per
// check, a column per period any of its checks has; a cell says the answer
// in words or a symbol (rtp.AnswerSymbols), never by its colour alone.

type checkMatrix struct {
	Every   string
	Periods []string
	Rows    []checkMatrixRow
}

type checkMatrixRow struct {
	Check, Rec, Question string
	Cells                []checkCell
}

type checkCell struct {
	Answer string // an rtp.Answer, "missing", or "" when the period is not asked
	Symbol string
	Colour string // HTML and XLSX fill, without "#"
	Title  string // the note and the evidence
}

// answerColours fill the matrix's cells: green, red, amber, grey, and a pale
// red for a period due and unanswered.
var answerColours = map[string]string{"yes": "CFE8CF", "no": "F4C7C3", "partly": "FDE9B8", "n/a": "E5E7EB", "missing": "FFF0EE"}

func checkMatrices(list []rtp.CheckStatus) []checkMatrix {
	var out []checkMatrix
	for _, every := range rtp.Cadences {
		m := checkMatrix{Every: string(every)}
		starts := map[string]rtp.Date{}
		for _, cs := range list {
			if cs.Every != every {
				continue
			}
			for _, p := range cs.Periods {
				if _, ok := starts[p.Period]; !ok {
					pp, err := rtp.ParsePeriod(every, p.Period)
					if err != nil {
						continue
					}
					starts[p.Period] = pp.Start()
					m.Periods = append(m.Periods, p.Period)
				}
			}
		}
		slices.SortFunc(m.Periods, func(a, b string) int { return strings.Compare(string(starts[a]), string(starts[b])) })
		for _, cs := range list {
			if cs.Every != every {
				continue
			}
			row := checkMatrixRow{Check: cs.ID, Rec: cs.RecommendationID, Question: cs.Question, Cells: make([]checkCell, len(m.Periods))}
			for _, p := range cs.Periods {
				i := slices.Index(m.Periods, p.Period)
				cell := checkCell{Answer: "missing", Symbol: rtp.AnswerMissing, Title: "due " + string(p.Due) + ", unanswered"}
				if a := p.Answer; a != nil {
					cell = checkCell{Answer: string(a.Answer), Symbol: rtp.AnswerSymbols[a.Answer], Title: strings.TrimSpace(a.Note + " " + a.Evidence)}
				}
				cell.Colour = answerColours[cell.Answer]
				row.Cells[i] = cell
			}
			m.Rows = append(m.Rows, row)
		}
		if len(m.Rows) > 0 {
			out = append(out, m)
		}
	}
	return out
}

const checksHeading = "Recurring checks"

// checksMarkdown writes the matrices as Markdown tables, with the legend.
func checksMarkdown(w io.Writer, list []rtp.CheckStatus) error {
	if len(list) == 0 {
		return nil
	}
	if _, err := fmt.Fprintf(w, "\n## %s\n\n%s.\n", checksHeading, rtp.CheckLegend); err != nil {
		return err
	}
	for _, m := range checkMatrices(list) {
		fmt.Fprintf(w, "\nEvery %s:\n\n", m.Every)
		header := append([]string{"Check", "Question"}, m.Periods...)
		var rows [][]string
		for _, r := range m.Rows {
			cells := []string{"`" + r.Check + "`", MarkdownCell(r.Question)}
			for _, c := range r.Cells {
				cells = append(cells, c.Symbol)
			}
			rows = append(rows, cells)
		}
		if err := markdownTable(w, header, rows); err != nil {
			return err
		}
	}
	return nil
}

// checksCSV writes the matrices after the report's rows, a blank line
// before each, the legend first: a spreadsheet shows them below the rows.
func checksCSV(w io.Writer, list []rtp.CheckStatus) error {
	if len(list) == 0 {
		return nil
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if _, err := io.WriteString(w, "\r\n"); err != nil {
		return err
	}
	if err := cw.Write([]string{"legend", rtp.CheckLegend}); err != nil {
		return err
	}
	for _, m := range checkMatrices(list) {
		cw.Flush()
		if _, err := io.WriteString(w, "\r\n"); err != nil {
			return err
		}
		if err := cw.Write(append([]string{"check", "recommendation", "question"}, m.Periods...)); err != nil {
			return err
		}
		for _, r := range m.Rows {
			cells := []string{CSVCell(r.Check), CSVCell(r.Rec), CSVCell(r.Question)}
			for _, c := range r.Cells {
				cells = append(cells, c.Symbol)
			}
			if err := cw.Write(cells); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// checksXLSX adds a Checks sheet: a table per cadence, each cell the answer
// in words, filled with its colour.
func checksXLSX(f *excelize.File, list []rtp.CheckStatus, st xlsxStyles) error {
	if len(list) == 0 {
		return nil
	}
	const sheet = "Checks"
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	fills := map[string]int{}
	for answer, colour := range answerColours {
		id, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
		if err != nil {
			return err
		}
		fills[answer] = id
	}
	row := 1
	set := func(col int, v any, style int) error {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, style)
	}
	if err := set(1, checksHeading+": "+rtp.CheckLegend, st.title); err != nil {
		return err
	}
	for _, m := range checkMatrices(list) {
		row += 2
		header := append([]string{"every " + m.Every, "question"}, m.Periods...)
		for i, h := range header {
			if err := set(i+1, h, st.bold); err != nil {
				return err
			}
		}
		for _, r := range m.Rows {
			row++
			if err := set(1, r.Check, st.plain); err != nil {
				return err
			}
			if err := set(2, r.Question, st.wrap); err != nil {
				return err
			}
			for i, c := range r.Cells {
				style := st.plain
				if id, ok := fills[c.Answer]; ok {
					style = id
				}
				if err := set(i+3, c.Answer, style); err != nil {
					return err
				}
			}
		}
	}
	return f.SetColWidth(sheet, "B", "B", 40)
}
