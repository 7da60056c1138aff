package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/rtp-tracker/rtp"
)

// ListWriter receives the rows of `rtp track list`.
type ListWriter = RowWriter[rtp.Item]

// ListColumns are the columns of the CSV and TSV lists, named as in JSON.
// private is "yes" when the update in force is private, as in the CSV that
// rtp track import reads; it is last so that the columns before it stay put.
var ListColumns = []string{"number", "id", "title", "status", "as_of", "last_update", "owners", "evidence_count", "section", "source", "actors", "themes", "private"}

var listLayout = layout[rtp.Item]{
	columns: ListColumns,
	cells: func(it rtp.Item, text func(string) string) []string {
		return []string{
			strconv.Itoa(it.Number), text(it.ID), text(it.Title), string(it.Status), dateOr(it.AsOf, ""), dateOr(it.LastUpdate, ""),
			text(ownerList(it.Owners)), strconv.Itoa(it.EvidenceCount), text(it.Section), text(it.Source),
			text(strings.Join(it.Actors, "; ")), text(strings.Join(it.Themes, "; ")), yesOrEmpty(it.Private),
		}
	},
	header: []string{"#", "ID", "TITLE", "STATUS", "SINCE", "OWNERS", "EVIDENCE"},
	tableRow: func(it rtp.Item) []string {
		return []string{strconv.Itoa(it.Number), Terminal(it.ID, false), Terminal(it.Title, false), statusCell(it),
			dateOr(it.AsOf, "-"), Terminal(ownerList(it.Owners), false), strconv.Itoa(it.EvidenceCount)}
	},
	// Each row stays on one line of the terminal: the title and owners give
	// way down to a readable minimum, then the least needed columns go.
	fit: []column{
		{index: 2, min: 20, shrink: true}, {index: 5, min: 10, shrink: true, drop: 1}, {index: 6, drop: 2}, {index: 4, drop: 3},
	},
	empty:    "No recommendation matches.",
	mdHeader: []string{"#", "ID", "Recommendation", "Status", "Since", "Owners", "Evidence"},
	mdRow: func(it rtp.Item) []string {
		return []string{strconv.Itoa(it.Number), "`" + it.ID + "`", MarkdownCell(it.Title), MarkdownCell(statusCell(it)),
			dateOr(it.AsOf, ""), MarkdownCell(ownerList(it.Owners)), strconv.Itoa(it.EvidenceCount)}
	},
}

// statusCell is the status as people read it: marked when the update in
// force is private, as show marks the update itself.
// A list filtered by an actor shows that actor's own status beside it,
// where one was recorded.
func statusCell(it rtp.Item) string {
	status := string(it.Status)
	if it.Private {
		status += " (private)"
	}
	if a := it.ActorStatus; a != nil {
		status += "; " + a.Actor + ": " + string(a.Status)
	}
	return status
}

func yesOrEmpty(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// NewListWriter returns the writer for format, which must be in ListFormats.
func NewListWriter(w io.Writer, format string, opts Options) (ListWriter, error) {
	if err := CheckFormat(format, ListFormats); err != nil {
		return nil, err
	}
	return newRowWriter(w, format, opts, listLayout), nil
}

// column says how a table column may give way to a narrow terminal.
type column struct {
	index  int
	min    int  // the narrowest it may be truncated to, if shrink
	shrink bool // may be truncated with an ellipsis
	drop   int  // the order in which it is left out (1 first); 0 never
}

// fitTable makes a table fit width: it shrinks the shrinkable columns, the
// widest first, down to their minimum, and leaves out droppable columns while
// that is not enough.
func fitTable(header []string, rows [][]string, width int, columns []column) ([]string, [][]string) {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = twwidth.Width(h)
	}
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], twwidth.Width(cell))
		}
	}
	byIndex := map[int]column{}
	for _, c := range columns {
		byIndex[c.index] = c
	}
	kept := make([]bool, len(header))
	for i := range kept {
		kept[i] = true
	}
	total := func(narrowest bool) int {
		n := -2
		for i, w := range widths {
			if !kept[i] {
				continue
			}
			if c, ok := byIndex[i]; ok && c.shrink && narrowest {
				w = min(w, c.min)
			}
			n += w + 2
		}
		return n
	}
	for order := 1; total(true) > width; order++ {
		dropped := false
		for _, c := range columns {
			if c.drop == order {
				kept[c.index], dropped = false, true
			}
		}
		if !dropped {
			break // nothing left to drop: the terminal will wrap
		}
	}
	for excess := total(false) - width; excess > 0; excess-- {
		widest := -1
		for _, c := range columns {
			if c.shrink && kept[c.index] && widths[c.index] > c.min && (widest < 0 || widths[c.index] > widths[widest]) {
				widest = c.index
			}
		}
		if widest < 0 {
			break
		}
		widths[widest]--
	}
	keep := func(cells []string, truncate bool) []string {
		var out []string
		for i, cell := range cells {
			if !kept[i] {
				continue
			}
			if c, ok := byIndex[i]; ok && c.shrink && truncate && twwidth.Width(cell) > widths[i] {
				cell = twwidth.Truncate(cell, widths[i]-1) + "…"
			}
			out = append(out, cell)
		}
		return out
	}
	fitted := make([][]string, len(rows))
	for i, row := range rows {
		fitted[i] = keep(row, true)
	}
	return keep(header, false), fitted
}

func ownerList(owners []rtp.Owner) string {
	parts := make([]string, len(owners))
	for i, o := range owners {
		parts[i] = fmt.Sprintf("%s (%s)", o.Name, o.Role)
	}
	return strings.Join(parts, ", ")
}

func dateOr(d *rtp.Date, none string) string {
	if d == nil {
		return none
	}
	return string(*d)
}
