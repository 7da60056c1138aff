package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// RowWriter receives the rows of a listing one at a time, so that formats
// which can stream do, and writes the end of the output on Close.
type RowWriter[T any] interface {
	Write(T) error
	Close() error
}

// layout says how one kind of row looks in each format.
type layout[T any] struct {
	// columns name the CSV and TSV columns, as the JSON keys are named;
	// cells gives their values, passing text (not numbers or dates)
	// through the format's escaper.
	columns []string
	cells   func(row T, text func(string) string) []string
	// header and tableRow are the terminal table; fit says how its columns
	// give way to a narrow terminal; empty is printed when there is no row.
	header   []string
	tableRow func(T) []string
	fit      []column
	empty    string
	// mdHeader and mdRow are the Markdown table; cells must be escaped.
	mdHeader []string
	mdRow    func(T) []string
}

// newRowWriter returns the writer of format for rows laid out by l.
func newRowWriter[T any](w io.Writer, format string, opts Options, l layout[T]) RowWriter[T] {
	switch format {
	case "json":
		return &jsonRows[T]{w: w}
	case "csv":
		cw := csv.NewWriter(w)
		cw.UseCRLF = true // RFC 4180, and what spreadsheets expect
		return &delimitedRows[T]{l: l, text: CSVCell, write: cw.Write, flush: func() error { cw.Flush(); return cw.Error() }}
	case "tsv":
		return &delimitedRows[T]{l: l, text: TSVCell, flush: func() error { return nil }, write: func(cells []string) error {
			_, err := io.WriteString(w, strings.Join(cells, "\t")+"\n")
			return err
		}}
	case "markdown":
		return &bufferedRows[T]{flush: func(rows []T) error {
			cells := make([][]string, len(rows))
			for i, r := range rows {
				cells[i] = l.mdRow(r)
			}
			return markdownTable(w, l.mdHeader, cells)
		}}
	default:
		return &tableRows[T]{toCells: l.tableRow, flush: func(cells [][]string) error {
			if len(cells) == 0 {
				_, err := io.WriteString(w, l.empty+"\n")
				return err
			}
			header := l.header
			if opts.Width > 0 {
				header, cells = fitTable(header, cells, opts.Width, l.fit)
			}
			return plainTable(w, header, cells)
		}}
	}
}

// tableRows keeps a table's cells, not its rows, until every row is in:
// the widths depend on all of them, and cells take far less memory.
type tableRows[T any] struct {
	cells   [][]string
	toCells func(T) []string
	flush   func([][]string) error
}

func (t *tableRows[T]) Write(row T) error { t.cells = append(t.cells, t.toCells(row)); return nil }
func (t *tableRows[T]) Close() error      { return t.flush(t.cells) }

// delimitedRows streams CSV or TSV, with a header row even when empty.
type delimitedRows[T any] struct {
	l       layout[T]
	text    func(string) string
	write   func([]string) error
	flush   func() error
	started bool
}

func (d *delimitedRows[T]) header() error {
	if d.started {
		return nil
	}
	d.started = true
	return d.write(d.l.columns)
}

func (d *delimitedRows[T]) Write(row T) error {
	if err := d.header(); err != nil {
		return err
	}
	return d.write(d.l.cells(row, d.text))
}

func (d *delimitedRows[T]) Close() error {
	if err := d.header(); err != nil {
		return err
	}
	return d.flush()
}

// jsonRows streams a JSON array, one indented object per row.
type jsonRows[T any] struct {
	w     io.Writer
	count int
}

func (j *jsonRows[T]) Write(row T) error {
	b, err := json.MarshalIndent(row, "  ", "  ")
	if err != nil {
		return err
	}
	sep := ",\n  "
	if j.count == 0 {
		sep = "[\n  "
	}
	j.count++
	_, err = fmt.Fprintf(j.w, "%s%s", sep, b)
	return err
}

func (j *jsonRows[T]) Close() error {
	end := "\n]\n"
	if j.count == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(j.w, end)
	return err
}

// bufferedRows collects the rows of formats that need all of them before
// writing, such as tables whose column widths depend on every row.
type bufferedRows[T any] struct {
	rows  []T
	flush func([]T) error
}

func (b *bufferedRows[T]) Write(row T) error { b.rows = append(b.rows, row); return nil }
func (b *bufferedRows[T]) Close() error      { return b.flush(b.rows) }
