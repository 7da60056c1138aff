package render

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/rtp-tracker/rtp"
)

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-1+2": "'-1+2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "\nx": "'\nx", "ICRtoP": "ICRtoP", "": "", "a=b": "a=b", "2017-09-15": "2017-09-15",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownCell(t *testing.T) {
	for in, want := range map[string]string{
		"a|b":                `a\|b`,
		"two\nlines":         "two<br>lines",
		"two\r\nlines":       "two<br>lines",
		"<script>x</script>": "&lt;script&gt;x&lt;/script&gt;",
		`back\slash`:         `back\\slash`,
		"\x1b[31mred":        `\\x1b[31mred`,
	} {
		if got := MarkdownCell(in); got != want {
			t.Errorf("MarkdownCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTerminal(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b[2J":         `\x1b[2J`,
		"bell\a":          `bell\x07`,
		"a\tb":            "a b",
		"right\u202eleft": `right\u{202e}left`,
		"Šimonović":       "Šimonović",
		"c1\u009bcontrol": `c1\x9bcontrol`,
	} {
		if got := Terminal(in, false); got != want {
			t.Errorf("Terminal(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Terminal("two\nlines", true); got != "two\nlines" {
		t.Errorf("Terminal kept no line break: %q", got)
	}
	if got := Terminal("two\nlines", false); got != "two lines" {
		t.Errorf("Terminal(one line) = %q", got)
	}
}

func TestFitTable(t *testing.T) {
	header := []string{"#", "ID", "TITLE", "OWNERS"}
	rows := [][]string{{"1", "ga-agenda", "Keep RtoP on the General Assembly's formal agenda", "ICRtoP (lead), FES (monitor)"}}
	columns := []column{{index: 2, min: 10, shrink: true}, {index: 3, min: 8, shrink: true, drop: 1}}
	for _, width := range []int{30, 40, 60, 200} {
		h, r := fitTable(header, [][]string{append([]string(nil), rows[0]...)}, width, columns)
		line := strings.Join(r[0], "  ")
		if twwidth.Width(line) > width && width >= 30 {
			t.Errorf("width %d: row %q is %d wide", width, line, twwidth.Width(line))
		}
		if width == 200 && line != strings.Join(rows[0], "  ") {
			t.Errorf("width 200 changed the row: %q", line)
		}
		if width == 30 && len(h) != 3 {
			t.Errorf("width 30 kept %v, want OWNERS dropped", h)
		}
	}
}

func FuzzMarkdownCell(f *testing.F) {
	for _, seed := range []string{"a|b", "x\ny", "<script>", `\|`, "\x1b[0m"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := MarkdownCell(s)
		if strings.ContainsAny(strings.ReplaceAll(out, "<br>", ""), "\n\r<>") {
			t.Fatalf("MarkdownCell(%q) = %q keeps a line break or a tag", s, out)
		}
		// Every pipe left is escaped by an odd run of backslashes.
		for i := strings.IndexByte(out, '|'); i >= 0; i = nextPipe(out, i) {
			n := 0
			for j := i - 1; j >= 0 && out[j] == '\\'; j-- {
				n++
			}
			if n%2 == 0 {
				t.Fatalf("MarkdownCell(%q) = %q has a bare pipe at %d", s, out, i)
			}
		}
	})
}

func nextPipe(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '|')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

func FuzzCSVCell(f *testing.F) {
	for _, seed := range []string{"=1+1", "@x", "-", "plain", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := CSVCell(s)
		if out != "" && strings.ContainsRune("=+-@\t\r\n", rune(out[0])) {
			t.Fatalf("CSVCell(%q) = %q starts a formula", s, out)
		}
		if strings.TrimPrefix(out, "'") != s && out != s {
			t.Fatalf("CSVCell(%q) = %q lost text", s, out)
		}
	})
}

func FuzzTerminal(f *testing.F) {
	for _, seed := range []string{"\x1b[2J", "ok", "a\u202eb", "\x9b", "two\nlines"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, keep := range []bool{false, true} {
			out := Terminal(s, keep)
			for _, r := range out {
				if needsEscape(r) && !(keep && r == '\n') {
					t.Fatalf("Terminal(%q, %v) = %q lets %U through", s, keep, out, r)
				}
			}
		}
	})
}

func FuzzTSVCell(f *testing.F) {
	for _, seed := range []string{"a\tb", "a\nb", `back\slash`, "\r"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := TSVCell(s); strings.ContainsAny(out, "\t\n\r") {
			t.Fatalf("TSVCell(%q) = %q breaks the row", s, out)
		}
	})
}

// Every text format escapes invisible characters and formulas the same way:
// TSV no longer prints a right-to-left override raw, nor leaves a cell that
// a spreadsheet would run (issue 11, finding 13).
func TestTextFormatsEscapeAlike(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+1":                "'+1",
		"@SUM(A1)":          "'@SUM(A1)",
		"-2+3":              "'-2+3",
		"evil\u202etxt.exe": `evil\u{202e}txt.exe`,
		"F\u200bES":         `F\u{200b}ES`,
		"plain":             "plain",
	} {
		if got := TSVCell(in); got != want {
			t.Errorf("TSVCell(%q) = %q, want %q", in, got, want)
		}
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
		if got := Terminal(in, false); strings.ContainsFunc(got, rtp.IsInvisible) {
			t.Errorf("Terminal(%q) = %q keeps an invisible character", in, got)
		}
		if got := MarkdownCell(in); strings.ContainsFunc(got, rtp.IsInvisible) {
			t.Errorf("MarkdownCell(%q) = %q keeps an invisible character", in, got)
		}
	}
}

// TestReportsShowInvisibleCharactersEscaped: the HTML page and the Excel
// workbook show a right-to-left override and a zero-width space escaped, as
// the text formats do, wherever the text lands.
func TestReportsShowInvisibleCharactersEscaped(t *testing.T) {
	t.Parallel()
	rep := rtp.Report{AsOf: "2019-12-31", StaleBefore: "2019-06-30",
		Sources: []rtp.Source{{ID: "memo-2017", Title: "Memo\u200b", Date: "2017-09-07"}}}
	rows := func(fn func(rtp.ReportRow) error) error {
		return fn(rtp.ReportRow{Item: rtp.Item{Recommendation: rtp.Recommendation{ID: "upr", Source: "memo-2017", Number: 3,
			Section: "S", Title: "evil\u202etxt.exe"}, Status: rtp.StatusPartial,
			Owners: []rtp.Owner{{Name: "FES\u200b", Role: rtp.RoleLead}}}, LatestNote: "note\u202e"})
	}
	var page bytes.Buffer
	if err := Report(&page, "html", rep, rows); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsFunc(page.String(), rtp.IsInvisible) || !strings.Contains(page.String(), `evil\u{202e}txt.exe`) {
		t.Errorf("the HTML page keeps an invisible character or lost the text")
	}
	f := xlsxReport(t, rep, rows)
	for _, sheet := range f.GetSheetList() {
		cells, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range cells {
			for _, cell := range row {
				if strings.ContainsFunc(cell, rtp.IsInvisible) {
					t.Errorf("sheet %s keeps an invisible character in %q", sheet, cell)
				}
			}
		}
	}
}

// TestInvisibleEscaperAcrossWrites: a character split between two writes
// is escaped whole.
func TestInvisibleEscaperAcrossWrites(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	e := &invisibleEscaper{w: &out}
	for _, b := range []byte("a\u202eb é\u200b") {
		if _, err := e.Write([]byte{b}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := `a\u{202e}b é\u{200b}`; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// TestInvisibleEscaperChunks: whatever the sizes of the writes (ASCII ones
// pass straight through), the page is what escapeInvisible makes of it
// whole.
func TestInvisibleEscaperChunks(t *testing.T) {
	t.Parallel()
	page := "<tr><td>1</td><td>F\u200bES</td><td>é</td></tr>\n<td>\u202eabc</td>plain ascii run\ufeff日本\u00ad."
	want := escapeInvisible(page)
	for size := 1; size <= 9; size++ {
		var out bytes.Buffer
		e := &invisibleEscaper{w: &out}
		for rest := []byte(page); len(rest) > 0; {
			n := min(size, len(rest))
			if _, err := e.Write(rest[:n]); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
		}
		if err := e.Flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Errorf("writes of %d bytes: got %q, want %q", size, out.String(), want)
		}
	}
}

// TestInvisibleEscaperHoldsBackBeforeASCII: a byte held back as the start
// of a character is written before the ASCII that follows it, even when
// the two never make a character.
func TestInvisibleEscaperHoldsBackBeforeASCII(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	e := &invisibleEscaper{w: &out}
	for _, w := range []string{"caf\xe9", "</td>"} {
		if _, err := e.Write([]byte(w)); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "caf\xe9</td>"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// TestAlignedLayoutsMatchTablewriter holds rtp's own padding of one-line
// cells to tablewriter's, for plain tables and Markdown tables alike, on
// random tables: blanks to trim, empty cells and headers, wide, combining
// and emoji characters, escaped pipes.
func TestAlignedLayoutsMatchTablewriter(t *testing.T) {
	t.Parallel()
	pieces := []string{"", " ", "a", "ab", "not-started", "`ga-agenda`", `\|`, "&lt;b&gt;", "é", "e\u0301", "日本", "Šimonović",
		"<br>", "12", "**total**", "\u00a0", "x y", "  padded  ", "🙂", "ﬁ"}
	rng := rand.New(rand.NewPCG(13, 2026))
	cell := func() string {
		var b strings.Builder
		for range rng.IntN(4) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	layouts := []struct {
		name             string
		tablewriter, own func(io.Writer, []string, [][]string) error
	}{
		{"plain", tablewriterTable, alignedTable},
		{"markdown", tablewriterMarkdown, alignedMarkdown},
	}
	for n := range 300 {
		cols := 1 + rng.IntN(8)
		header := make([]string, cols)
		for i := range header {
			header[i] = cell()
		}
		rows := make([][]string, rng.IntN(6))
		for r := range rows {
			rows[r] = make([]string, cols)
			for i := range rows[r] {
				rows[r][i] = cell()
			}
		}
		for _, l := range layouts {
			var want, got strings.Builder
			if err := l.tablewriter(&want, header, rows); err != nil {
				t.Fatal(err)
			}
			if err := l.own(&got, header, rows); err != nil {
				t.Fatal(err)
			}
			if want.String() != got.String() {
				t.Errorf("%s table %d %q %q:\ntablewriter:\n%s\nrtp:\n%s", l.name, n, header, rows, want.String(), got.String())
			}
		}
	}
}
