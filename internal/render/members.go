package render

import (
	"io"

	"github.com/rtp-tracker/rtp"
)

var memberLayout = layout[rtp.Member]{
	columns: []string{"role", "level", "org"},
	cells: func(m rtp.Member, text func(string) string) []string {
		return []string{text(m.Role), string(m.Level), text(m.Org)}
	},
	header: []string{"ROLE", "LEVEL", "ORG"},
	tableRow: func(m rtp.Member) []string {
		return []string{Terminal(m.Role, false), string(m.Level), Terminal(m.Org, false)}
	},
	fit:      []column{{index: 2, min: 12, shrink: true}, {index: 0, min: 12, shrink: true}},
	empty:    "No role has a level yet: rtp db grant ROLE --reader | --member | --admin.",
	mdHeader: []string{"Role", "Level", "Org"},
	mdRow: func(m rtp.Member) []string {
		return []string{MarkdownCell(m.Role), string(m.Level), MarkdownCell(m.Org)}
	},
}

// NewMemberWriter returns the writer of `rtp db members` for format, one of
// ListFormats.
func NewMemberWriter(w io.Writer, format string, opts Options) (RowWriter[rtp.Member], error) {
	if err := CheckFormat(format, ListFormats); err != nil {
		return nil, err
	}
	return newRowWriter(w, format, opts, memberLayout), nil
}
