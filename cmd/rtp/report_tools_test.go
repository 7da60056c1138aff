package main

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
	db := scenarioTracker(t)
	dir := t.TempDir()
	md := filepath.Join(dir, "report.md")
	report(t, db, "--as-of", "2019-12-31", "--since", "2018-12-31", "--output", md)
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
	for _, want := range []string{"https://undocs.org/en/A/72/250", "https://undocs.org/en/A/72/884", "https://www.un.org/en/genocideprevention/"} {
		if !slices.Contains(links, want) {
			t.Errorf("the Word document has no link to %s; its links: %q", want, links)
		}
	}
}
