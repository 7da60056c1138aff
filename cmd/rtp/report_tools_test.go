package main

import (
	"archive/zip"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// needTool finds a program the test needs from outside Go. Outside CI the
// test skips without it; CI installs the Debian package (.ci/run), and
// there the test fails rather than skip.
func needTool(t *testing.T, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: .ci/run installs Debian's %s", name, debianPackage)
		}
		t.Skipf("%s is not installed (Debian's %s)", name, debianPackage)
	}
	return path
}

// report2019 writes the scenario's report of 2019 (as of 2019-12-31, with
// the entries since 2018-12-31) in format to a file named name in dir, and
// returns its path.
func report2019(t *testing.T, dir, name, format string, extra ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	args := append([]string{"--format", format, "--as-of", "2019-12-31", "--since", "2018-12-31", "--output", path}, extra...)
	report(t, scenarioTracker(t), args...)
	return path
}

// workbook2019 opens the scenario's XLSX report of 2019.
func workbook2019(t *testing.T) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(report2019(t, t.TempDir(), "progress.xlsx", "xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// docxCells reads the text of every table cell of a Word document, in
// order, the runs of a cell joined as Word shows them.
func docxCells(t *testing.T, docx string) (cells []string, links []string) {
	t.Helper()
	z, err := zip.OpenReader(docx)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	read := func(name string) []byte {
		f, err := z.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	dec := xml.NewDecoder(strings.NewReader(string(read("word/document.xml"))))
	var cell strings.Builder
	inCell, inText := 0, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "tc":
				inCell++
				cell.Reset()
			case "t":
				inText = true
			case "br":
				cell.WriteString("\n")
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "tc":
				inCell--
				cells = append(cells, cell.String())
			case "t":
				inText = false
			}
		case xml.CharData:
			if inCell > 0 && inText {
				cell.Write(tok)
			}
		}
	}
	var rels struct {
		Rel []struct {
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(read("word/_rels/document.xml.rels"), &rels); err != nil {
		t.Fatal(err)
	}
	for _, r := range rels.Rel {
		if r.Mode == "External" {
			links = append(links, r.Target)
		}
	}
	return cells, links
}

// TestReportMarkdownSurvivesPandoc converts the Markdown report to Word
// with Debian's pandoc, as a programme officer would (pandoc report.md -o
// report.docx), and reads the document back: several pieces of evidence
// and the lines of a note stay apart, and evidence stays linked.
func TestReportMarkdownSurvivesPandoc(t *testing.T) {
	t.Parallel()
	pandoc := needTool(t, "pandoc", "pandoc")
	dir := t.TempDir()
	md := report2019(t, dir, "report.md", "markdown")
	docx := filepath.Join(dir, "report.docx")
	if out, err := exec.Command(pandoc, md, "-o", docx).CombinedOutput(); err != nil {
		t.Fatalf("pandoc: %v\n%s", err, out)
	}
	cells, links := docxCells(t, docx)
	for _, want := range []string{
		"A/72/250; A/72/884; https://www.un.org/en/genocideprevention/",
		"Two states named atrocity prevention in their UPR <script>alert(1)</script>",
		"FES New York (lead), ICRtoP (support)",
	} {
		if !slices.Contains(cells, want) {
			t.Errorf("no table cell reads %q in Word; the cells:\n%q", want, cells)
		}
	}
	for _, want := range []string{"https://undocs.org/A/72/250", "https://undocs.org/A/72/884", "https://www.un.org/en/genocideprevention/"} {
		if !slices.Contains(links, want) {
			t.Errorf("the Word document has no link to %s; its links: %q", want, links)
		}
	}
}

// TestReportXLSXCells opens the workbook: dates are real dates, evidence
// cells are hyperlinks (to the UN's document system for a symbol), every
// column is at least as wide as its header, and the Sources sheet names
// the memo.
func TestReportXLSXCells(t *testing.T) {
	t.Parallel()
	f := workbook2019(t)
	// Row 7 is ga-agenda: since (G) 2019-09-18, evidence (L) A/72/250 first.
	if got, _ := f.GetCellValue("Recommendations", "C7"); got != "ga-agenda" {
		t.Fatalf("C7 = %q, want ga-agenda", got)
	}
	raw, _ := f.GetCellValue("Recommendations", "G7", excelize.Options{RawCellValue: true})
	if raw != "43726" { // 2019-09-18 as Excel counts days
		t.Errorf("the since date of ga-agenda is stored as %q, not the date 43726", raw)
	}
	if shown, _ := f.GetCellValue("Recommendations", "G7"); shown != "2019-09-18" {
		t.Errorf("the since date of ga-agenda shows as %q", shown)
	}
	if link, text := xlsxHyperlink(t, f, "Recommendations", "L7"); link != "https://undocs.org/A/72/250" || !strings.HasPrefix(text, "A/72/250") {
		t.Errorf("the evidence of ga-agenda links to %q, showing %q", link, text)
	}
	evidence, _ := f.GetRows("Evidence")
	linked := 0
	for i, row := range evidence[1:] {
		cell, _ := excelize.CoordinatesToCellName(4, i+2)
		if link, text := xlsxHyperlink(t, f, "Evidence", cell); link == rtpEvidenceLink(row[3]) && text == row[3] {
			linked++
		}
	}
	if len(evidence) != 5 || linked != 4 {
		t.Errorf("Evidence sheet: %d rows, %d linked, want the header, 4 pieces, all linked: %q", len(evidence), linked, evidence)
	}
	for _, sheet := range f.GetSheetList()[1:] {
		header, _ := f.GetRows(sheet)
		for i, name := range header[0] {
			col, _ := excelize.ColumnNumberToName(i + 1)
			if w, _ := f.GetColWidth(sheet, col); w < float64(len(name)) {
				t.Errorf("%s column %s %q is %.0f wide, narrower than its header", sheet, col, name, w)
			}
		}
	}
	sources, _ := f.GetRows("Sources")
	if len(sources) != 2 || sources[1][0] != "memo-2017" || !strings.HasPrefix(sources[1][2], "Reflections and Recommendations") {
		t.Errorf("Sources sheet: %q", sources)
	}
}

// xlsxHyperlink reads the link of a cell written as the formula
// HYPERLINK("url","text"): its address and the text it shows, or empty.
// The cell's value must be that text, as spreadsheets show it before they
// recalculate.
func xlsxHyperlink(t *testing.T, f *excelize.File, sheet, cell string) (link, text string) {
	t.Helper()
	formula, err := f.GetCellFormula(sheet, cell)
	if err != nil || formula == "" {
		return "", ""
	}
	m := regexp.MustCompile(`^HYPERLINK\("((?:[^"]|"")*)","((?:[^"]|"")*)"\)$`).FindStringSubmatch(formula)
	if m == nil {
		t.Fatalf("%s!%s holds the formula %q, not a hyperlink", sheet, cell, formula)
	}
	unquote := func(s string) string { return strings.ReplaceAll(s, `""`, `"`) }
	if value, _ := f.GetCellValue(sheet, cell); value != unquote(m[2]) {
		t.Errorf("%s!%s shows %q but holds %q", sheet, cell, unquote(m[2]), value)
	}
	return unquote(m[1]), unquote(m[2])
}

// rtpEvidenceLink is where the scenario's evidence should link.
func rtpEvidenceLink(ref string) string {
	if strings.HasPrefix(ref, "https://") {
		return ref
	}
	return "https://undocs.org/" + ref
}

// TestReportXLSXPrints prints the workbook to PDF with LibreOffice, as the
// seeded workbook was tried: each sheet fits one landscape A4 page wide (the
// scenario's sheets are short: one page each), with every column's header
// whole. The first two pages are drawn with pdftoppm and kept in
// $RTP_TEST_KEEP if set, to be looked at.
func TestReportXLSXPrints(t *testing.T) {
	t.Parallel()
	soffice := needTool(t, "soffice", "libreoffice-calc-nogui")
	pdftoppm := needTool(t, "pdftoppm", "poppler-utils")
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	book := report2019(t, dir, "progress.xlsx", "xlsx")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir, book)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "progress.pdf")
	text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(text), "\f"), "\f")
	if len(pages) != 6 {
		t.Errorf("the workbook printed on %d pages, want 6: one per sheet", len(pages))
	}
	for _, header := range []string{"number", "latest_note_date", "evidence_count", "last_update", "organisers"} {
		if !strings.Contains(string(text), header) {
			t.Errorf("the header %q is not whole in the PDF", header)
		}
	}
	prefix := filepath.Join(dir, "page")
	if out, err := exec.Command(pdftoppm, "-r", "60", "-png", "-f", "1", "-l", "2", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	for _, page := range []string{"page-1.png", "page-2.png"} {
		f, err := os.Open(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if img.Width <= img.Height || img.Width < 698 || img.Width > 704 { // A4 landscape: 297 mm is 701.6 dots at 60 dpi
			t.Errorf("%s is %dx%d, not A4 landscape", page, img.Width, img.Height)
		}
		if keep := os.Getenv("RTP_TEST_KEEP"); keep != "" {
			data, _ := os.ReadFile(filepath.Join(dir, page))
			os.WriteFile(filepath.Join(keep, "xlsx-"+page), data, 0o644)
		}
	}
}
