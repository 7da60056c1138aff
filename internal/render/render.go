// Package render turns tracker data into what people and programs read:
// tables fitted to the terminal, JSON, CSV, TSV and Markdown. Every piece of
// user text passes through the escaper of the format it lands in.
package render

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/rtp-tracker/rtp"
)

// Options says where output goes.
type Options struct {
	// Width is the terminal's width in columns; 0 means the output is not
	// for a terminal, and tables keep their full values.
	Width int
}

// ListFormats and ShowFormats are the --format values of list and show.
var (
	ListFormats = []string{"table", "json", "csv", "markdown", "tsv"}
	ShowFormats = []string{"table", "json", "markdown"}
)

// CheckFormat refuses a format that is not among allowed.
func CheckFormat(format string, allowed []string) error {
	if slices.Contains(allowed, format) {
		return nil
	}
	return rtp.Errorf(rtp.EINVALID, "invalid --format %q: use one of %s", format, strings.Join(allowed, ", "))
}

// Terminal makes text safe to print on a terminal: control characters
// (escape sequences among them) and bidirectional overrides are shown as
// \xNN or \u{NNNN} instead of acting on the screen. Line breaks are kept when
// keepNewlines is set, and become spaces otherwise.
func Terminal(s string, keepNewlines bool) string {
	if !strings.ContainsFunc(s, needsEscape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteRune(r)
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r < 0x100 && unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(&b, `\u{%04x}`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return unicode.IsControl(r) || rtp.IsInvisible(r)
}

// escapeInvisible shows the invisible characters (rtp.IsInvisible: bidi
// overrides, zero-width characters) as \u{NNNN}, as Terminal does: every
// text format, data formats included, shows them the same way, so that a
// right-to-left override cannot make a cell read backwards anywhere.
func escapeInvisible(s string) string {
	if !strings.ContainsFunc(s, rtp.IsInvisible) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if rtp.IsInvisible(r) {
			fmt.Fprintf(&b, `\u{%04x}`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// visibleCells escapes the invisible characters of the text cells of a
// spreadsheet row; numbers pass as they are.
func visibleCells(cells []any) []any {
	for i, c := range cells {
		if s, ok := c.(string); ok {
			cells[i] = escapeInvisible(s)
		}
	}
	return cells
}

// invisibleEscaper writes through to w with the invisible characters
// escaped. An HTML page gets its text from many places of its template; its
// own markup holds no such character, so the whole page can pass through
// here. A character split between two writes is held until the next.
type invisibleEscaper struct {
	w       io.Writer
	pending []byte
}

func (e *invisibleEscaper) Write(p []byte) (int, error) {
	if len(e.pending) == 0 && isASCII(p) {
		// Every invisible character is beyond ASCII: most of a page's
		// writes (its markup, dates, IDs) pass without being copied.
		return e.w.Write(p)
	}
	data := append(e.pending, p...)
	cut := len(data)
	// Hold back an incomplete character at the end.
	for back := 1; back <= utf8.UTFMax && back <= len(data); back++ {
		if utf8.RuneStart(data[len(data)-back]) {
			if !utf8.FullRune(data[len(data)-back:]) {
				cut = len(data) - back
			}
			break
		}
	}
	e.pending = append([]byte(nil), data[cut:]...)
	if _, err := io.WriteString(e.w, escapeInvisible(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

func isASCII(p []byte) bool {
	for _, b := range p {
		if b >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Flush writes what was held back.
func (e *invisibleEscaper) Flush() error {
	_, err := e.w.Write(e.pending)
	e.pending = nil
	return err
}

// neutraliseFormula puts an apostrophe in front of text that a spreadsheet
// would run as a formula (OWASP "CSV injection"): CSV and TSV files are both
// opened in spreadsheets.
func neutraliseFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r\n", rune(s[0])) {
		return "'" + s
	}
	return s
}

// CSVCell neutralises formulas and shows invisible characters escaped.
// Numbers are written by the caller as they are and never pass through here.
func CSVCell(s string) string {
	return neutraliseFormula(escapeInvisible(s))
}

// TSVCell escapes the characters that would break a tab-separated row, then
// does what CSVCell does.
func TSVCell(s string) string {
	return CSVCell(tsvEscaper.Replace(s))
}

var tsvEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// MarkdownCell makes text safe inside a GitHub-flavoured Markdown table or
// list item: a pipe would end the cell and a line break the table, and HTML
// tags would be interpreted.
func MarkdownCell(s string) string {
	s = Terminal(strings.ReplaceAll(s, "\r\n", "\n"), true)
	return markdownEscaper.Replace(s)
}

var markdownEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "\n", "<br>", "<", "&lt;", ">", "&gt;", "&", "&amp;")

// markdownTable writes a GFM table; cells must already be escaped. Cells
// without control characters, which escaped cells are, are padded here, as
// tablewriter pads them: tablewriter took 40 % of a 100,000-row Markdown
// report.
func markdownTable(w io.Writer, header []string, rows [][]string) error {
	if !hasControl(header, rows) {
		return alignedMarkdown(w, header, rows)
	}
	return tablewriterMarkdown(w, header, rows)
}

// tablewriterMarkdown is markdownTable's layout for cells holding control
// characters.
func tablewriterMarkdown(w io.Writer, header []string, rows [][]string) error {
	t := tablewriter.NewTable(w, tablewriter.WithRenderer(renderer.NewMarkdown()),
		tablewriter.WithHeaderAutoFormat(tw.Off), tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone), tablewriter.WithHeaderAlignment(tw.AlignLeft))
	t.Header(header)
	if err := t.Bulk(rows); err != nil {
		return err
	}
	return t.Render()
}

// plainTable writes columns aligned with two spaces between them and no
// borders, so that it reads well on a terminal and greps well in a pipe.
// Cells may hold several lines. One-line cells, the usual case, are padded
// here: tablewriter took 8 seconds and 280 MB for a 100,000-row list, and
// for the 8 rows of the memo a third of the command's work (each table
// allocates a 10,240-entry cache).
func plainTable(w io.Writer, header []string, rows [][]string) error {
	if !multiline(rows) {
		return alignedTable(w, header, rows)
	}
	return tablewriterTable(w, header, rows)
}

// tablewriterTable is plainTable's layout for cells of several lines.
func tablewriterTable(w io.Writer, header []string, rows [][]string) error {
	var buf bytes.Buffer
	t := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off},
			},
		})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft), tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithPadding(tw.Padding{Right: "  ", Overwrite: true}),
		tablewriter.WithRowAutoWrap(tw.WrapNone), tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off))
	t.Header(header)
	if err := t.Bulk(rows); err != nil {
		return err
	}
	if err := t.Render(); err != nil {
		return err
	}
	// The last column is padded to its width; trailing blanks only get in
	// the way of diff and grep.
	for line := range strings.Lines(buf.String()) {
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// hasControl reports whether a cell holds a control character (a line
// break, a tab, an escape sequence), which tablewriter lays out its own way.
func hasControl(header []string, rows [][]string) bool {
	control := func(cells []string) bool {
		for _, cell := range cells {
			for i := 0; i < len(cell); i++ {
				if cell[i] < 0x20 || cell[i] == 0x7f {
					return true
				}
			}
		}
		return false
	}
	return control(header) || slices.ContainsFunc(rows, control)
}

// alignedMarkdown writes markdownTable's layout: each cell, its blanks
// trimmed, padded to its column's display width, and a left-aligned
// delimiter row.
func alignedMarkdown(w io.Writer, header []string, rows [][]string) error {
	widths := make([]int, len(header))
	for i := range widths {
		widths[i] = 1 // tablewriter's least, for a column with nothing in it
	}
	measure := func(cells []string) {
		for i, cell := range cells {
			widths[i] = max(widths[i], displayWidth(strings.TrimSpace(cell)))
		}
	}
	measure(header)
	for _, row := range rows {
		measure(row)
	}
	var line strings.Builder
	write := func(cells []string) error {
		line.Reset()
		line.WriteString("|")
		for i := range widths {
			cell := ""
			if i < len(cells) {
				cell = strings.TrimSpace(cells[i])
			}
			line.WriteString(" ")
			line.WriteString(cell)
			line.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+1))
			line.WriteString("|")
		}
		line.WriteString("\n")
		_, err := io.WriteString(w, line.String())
		return err
	}
	if err := write(header); err != nil {
		return err
	}
	line.Reset()
	line.WriteString("|")
	for _, width := range widths {
		line.WriteString(":" + strings.Repeat("-", width+1) + "|")
	}
	line.WriteString("\n")
	if _, err := io.WriteString(w, line.String()); err != nil {
		return err
	}
	for _, row := range rows {
		if err := write(row); err != nil {
			return err
		}
	}
	return nil
}

func multiline(rows [][]string) bool {
	for _, row := range rows {
		for _, cell := range row {
			if strings.Contains(cell, "\n") {
				return true
			}
		}
	}
	return false
}

// displayWidth is twwidth.Width with a fast path for ASCII text, which most
// cells are: measuring 700,000 cells through the general path took half a
// second.
func displayWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return twwidth.Width(s)
		}
	}
	return len(s)
}

// alignedTable writes the layout of plainTable for one-line cells, padding
// by display width, streaming row by row.
func alignedTable(w io.Writer, header []string, rows [][]string) error {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = displayWidth(h)
	}
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	var line strings.Builder
	write := func(cells []string) error {
		line.Reset()
		for i, cell := range cells {
			line.WriteString(cell)
			if i < len(cells)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+2))
			}
		}
		_, err := io.WriteString(w, strings.TrimRight(line.String(), " ")+"\n")
		return err
	}
	if err := write(header); err != nil {
		return err
	}
	for _, row := range rows {
		if err := write(row); err != nil {
			return err
		}
	}
	return nil
}
