package render

import (
	"io"
	"strconv"

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
	fit:      []column{{index: 6, min: 12, shrink: true}, {index: 7, min: 12, shrink: true}},
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
