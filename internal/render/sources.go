package render

import (
	"io"
	"strconv"

	"github.com/rtp-tracker/rtp"
)

// SourceRow is a row of `rtp source list`.
type SourceRow struct {
	rtp.Source
	Recommendations int `json:"recommendations"`
}

var sourceLayout = layout[SourceRow]{
	columns: []string{"id", "kind", "date", "recommendations", "title", "organisers"},
	cells: func(s SourceRow, text func(string) string) []string {
		return []string{text(s.ID), text(s.Kind), string(s.Date), strconv.Itoa(s.Recommendations), text(s.Title), text(joinAnd(s.Organisers))}
	},
	header: []string{"ID", "KIND", "DATE", "RECOMMENDATIONS", "TITLE"},
	tableRow: func(s SourceRow) []string {
		return []string{s.ID, Terminal(s.Kind, false), string(s.Date), strconv.Itoa(s.Recommendations), Terminal(s.Title, false)}
	},
	fit:      []column{{index: 4, min: 20, shrink: true}, {index: 1, min: 8, shrink: true}},
	empty:    "No source.",
	mdHeader: []string{"ID", "Kind", "Date", "Recommendations", "Title"},
	mdRow: func(s SourceRow) []string {
		return []string{"`" + s.ID + "`", MarkdownCell(s.Kind), string(s.Date), strconv.Itoa(s.Recommendations), MarkdownCell(s.Title)}
	},
}

// NewSourceWriter returns the writer of `rtp source list` for format, one of
// ListFormats.
func NewSourceWriter(w io.Writer, format string, opts Options) (RowWriter[SourceRow], error) {
	if err := CheckFormat(format, ListFormats); err != nil {
		return nil, err
	}
	return newRowWriter(w, format, opts, sourceLayout), nil
}
