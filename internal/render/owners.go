package render

import (
	"io"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// OwnerRow is a row of `rtp owner list`.
type OwnerRow = rtp.OwnerSummary

// ownedText is an owner's recommendations as "id (role)", joined.
func ownedText(o OwnerRow) string {
	parts := make([]string, len(o.Recommendations))
	for i, r := range o.Recommendations {
		parts[i] = r.ID + " (" + string(r.Role) + ")"
	}
	return strings.Join(parts, ", ")
}

var ownerLayout = layout[OwnerRow]{
	columns: []string{"name", "recommendations", "former_names"},
	cells: func(o OwnerRow, text func(string) string) []string {
		return []string{text(o.Name), text(ownedText(o)), text(strings.Join(o.FormerNames, "; "))}
	},
	header: []string{"OWNER", "RECOMMENDATIONS", "FORMER NAMES"},
	tableRow: func(o OwnerRow) []string {
		return []string{Terminal(o.Name, false), ownedText(o), Terminal(strings.Join(o.FormerNames, "; "), false)}
	},
	fit:      []column{{index: 1, min: 20, shrink: true}, {index: 2, min: 12, shrink: true}, {index: 0, min: 12, shrink: true}},
	empty:    "No owner.",
	mdHeader: []string{"Owner", "Recommendations", "Former names"},
	mdRow: func(o OwnerRow) []string {
		return []string{MarkdownCell(o.Name), MarkdownCell(ownedText(o)), MarkdownCell(strings.Join(o.FormerNames, "; "))}
	},
}

// NewOwnerWriter returns the writer of `rtp owner list` for format, one of
// ListFormats.
func NewOwnerWriter(w io.Writer, format string, opts Options) (RowWriter[OwnerRow], error) {
	if err := CheckFormat(format, ListFormats); err != nil {
		return nil, err
	}
	return newRowWriter(w, format, opts, ownerLayout), nil
}
