package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/rtp-tracker/rtp"
)

// ListWriter receives the rows of `rtp track list` one at a time, so that
// formats which can stream do, and writes the end of the output on Close.
type ListWriter interface {
	Write(rtp.Item) error
	Close() error
}

// NewListWriter returns the writer for format, which must be in ListFormats.
func NewListWriter(w io.Writer, format string, opts Options) (ListWriter, error) {
	if err := CheckFormat(format, ListFormats); err != nil {
		return nil, err
	}
	switch format {
	case "json":
		return &jsonList{w: w}, nil
	case "csv":
		cw := csv.NewWriter(w)
		cw.UseCRLF = true // RFC 4180, and what spreadsheets expect
		return &delimitedList{write: cw.Write, flush: func() error { cw.Flush(); return cw.Error() }, cell: CSVCell}, nil
	case "tsv":
		return &delimitedList{write: func(cells []string) error {
			_, err := io.WriteString(w, strings.Join(cells, "\t")+"\n")
			return err
		}, flush: func() error { return nil }, cell: TSVCell}, nil
	case "markdown":
		return &bufferedList{flush: func(items []rtp.Item) error {
			rows := make([][]string, len(items))
			for i, it := range items {
				rows[i] = []string{strconv.Itoa(it.Number), "`" + it.ID + "`", MarkdownCell(it.Title), string(it.Status),
					dateOr(it.AsOf, ""), MarkdownCell(ownerList(it.Owners)), strconv.Itoa(it.EvidenceCount)}
			}
			return markdownTable(w, []string{"#", "ID", "Recommendation", "Status", "Since", "Owners", "Evidence"}, rows)
		}}, nil
	default:
		return &bufferedList{flush: func(items []rtp.Item) error { return listTable(w, items, opts) }}, nil
	}
}

// ListColumns are the columns of the CSV and TSV lists, named as in JSON.
var ListColumns = []string{"number", "id", "title", "status", "as_of", "last_update", "owners", "evidence_count", "section", "source", "actors", "themes"}

type delimitedList struct {
	write   func([]string) error
	flush   func() error
	cell    func(string) string
	started bool
}

func (l *delimitedList) Write(it rtp.Item) error {
	if !l.started {
		l.started = true
		if err := l.write(ListColumns); err != nil {
			return err
		}
	}
	return l.write([]string{
		strconv.Itoa(it.Number), l.cell(it.ID), l.cell(it.Title), string(it.Status), dateOr(it.AsOf, ""), dateOr(it.LastUpdate, ""),
		l.cell(ownerList(it.Owners)), strconv.Itoa(it.EvidenceCount), l.cell(it.Section), l.cell(it.Source),
		l.cell(strings.Join(it.Actors, "; ")), l.cell(strings.Join(it.Themes, "; ")),
	})
}

func (l *delimitedList) Close() error {
	if !l.started { // an empty list still has its header
		l.started = true
		if err := l.write(ListColumns); err != nil {
			return err
		}
	}
	return l.flush()
}

// jsonList streams a JSON array, one indented object per recommendation.
type jsonList struct {
	w     io.Writer
	count int
}

func (l *jsonList) Write(it rtp.Item) error {
	b, err := json.MarshalIndent(it, "  ", "  ")
	if err != nil {
		return err
	}
	sep := ",\n  "
	if l.count == 0 {
		sep = "[\n  "
	}
	l.count++
	_, err = fmt.Fprintf(l.w, "%s%s", sep, b)
	return err
}

func (l *jsonList) Close() error {
	end := "\n]\n"
	if l.count == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(l.w, end)
	return err
}

// bufferedList collects the rows of formats that need all of them before
// writing, such as tables whose column widths depend on every row.
type bufferedList struct {
	items []rtp.Item
	flush func([]rtp.Item) error
}

func (l *bufferedList) Write(it rtp.Item) error { l.items = append(l.items, it); return nil }
func (l *bufferedList) Close() error            { return l.flush(l.items) }

func listTable(w io.Writer, items []rtp.Item, opts Options) error {
	header := []string{"#", "ID", "TITLE", "STATUS", "SINCE", "OWNERS", "EVIDENCE"}
	rows := make([][]string, len(items))
	for i, it := range items {
		rows[i] = []string{strconv.Itoa(it.Number), Terminal(it.ID, false), Terminal(it.Title, false), string(it.Status),
			dateOr(it.AsOf, "-"), Terminal(ownerList(it.Owners), false), strconv.Itoa(it.EvidenceCount)}
	}
	if opts.Width > 0 {
		// Each row stays on one line of the terminal: the title and owners
		// give way down to a readable minimum, then the least needed
		// columns are left out.
		header, rows = fitTable(header, rows, opts.Width, []column{
			{index: 2, min: 20, shrink: true}, {index: 5, min: 10, shrink: true, drop: 1}, {index: 6, drop: 2}, {index: 4, drop: 3},
		})
	}
	if len(rows) == 0 {
		_, err := io.WriteString(w, "No recommendation matches.\n")
		return err
	}
	return plainTable(w, header, rows)
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
