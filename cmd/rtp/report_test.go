package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

// scenario is the fixed history the report tests use: updates over
// 2017-2019 for ga-agenda, gender-lens and upr, owners, public and private
// evidence, a retraction, and hostile text. Each step runs at its own date.
var scenario = []struct {
	now  string
	args []string
}{
	{"2017-09-20", []string{"init"}},
	{"2017-09-20", []string{"track", "assign", "ga-agenda", "ICRtoP", "--as-of", "2017-09-07"}},
	{"2017-09-20", []string{"track", "update", "ga-agenda", "--status", "implemented", "--as-of", "2017-09-15", "--note", "GA adopted RtoP on the formal agenda of its 72nd session", "--evidence", "A/72/250", "--by", "ICRtoP"}},
	{"2018-03-10", []string{"track", "assign", "gender-lens", "FES New York", "--role", "lead", "--as-of", "2018-03-01"}},
	{"2018-03-10", []string{"track", "assign", "gender-lens", "ICRtoP", "--role", "support", "--as-of", "2018-03-01"}},
	{"2018-03-10", []string{"track", "update", "gender-lens", "--status", "in-progress", "--as-of", "2018-03-01", "--note", "Raised with the Joint Office; Framework of Analysis review"}},
	{"2018-06-30", []string{"track", "update", "ga-agenda", "--status", "implemented", "--as-of", "2018-06-25", "--note", "RtoP debated as a formal item | 2018 report A/72/884", "--evidence", "A/72/884", "--evidence", "https://www.un.org/en/genocideprevention/"}},
	{"2018-07-02", []string{"track", "evidence", "gender-lens", "Internal briefing note, June 2018", "--private", "--date", "2018-06-20"}},
	{"2018-11-05", []string{"track", "update", "upr", "--status", "regressed", "--as-of", "2018-11-01", "--note", "Entered against the wrong recommendation"}},
	{"2018-11-06", []string{"track", "retract", "4", "--reason", "Meant for civil-society"}},
	{"2019-01-20", []string{"track", "update", "upr", "--status", "not-started", "--as-of", "2019-01-15", "--note", "=HYPERLINK(\"http://evil.example\",\"click\")"}},
	{"2019-07-01", []string{"track", "update", "upr", "--status", "partial", "--as-of", "2019-06-30", "--note", "Two states named atrocity prevention in their UPR\n<script>alert(1)</script>", "--evidence", "https://www.upr-info.org/", "--private-evidence"}},
	{"2019-09-20", []string{"track", "update", "ga-agenda", "--status", "stalled", "--as-of", "2019-09-18", "--note", "Not on the formal agenda of the 74th session", "--by", "Global Centre"}},
	{"2019-10-01", []string{"track", "update", "gender-lens", "--status", "partial", "--as-of", "2019-09-30", "--note", "2019 report has a gender paragraph", "--evidence", "A/73/898"}},
	{"2020-02-01", []string{"track", "update", "joint-office", "--status", "in-progress", "--as-of", "2020-01-20"}},
}

// builtScenario is the scenario, built once for the package by the first
// test that needs it: it is 15 rtp processes, and six tests start from it.
var builtScenario struct {
	once sync.Once
	db   string
	err  error
}

// scenarioTracker gives the test its own copy of the scenario's tracker.
func scenarioTracker(t *testing.T) string {
	t.Helper()
	builtScenario.once.Do(func() {
		builtScenario.db, builtScenario.err = buildScenario(filepath.Join(packageTempDir, "scenario.db"))
	})
	if builtScenario.err != nil {
		t.Fatal(builtScenario.err)
	}
	db := filepath.Join(t.TempDir(), "scenario.db")
	data, err := os.ReadFile(builtScenario.db)
	if err == nil {
		err = os.WriteFile(db, data, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// buildScenario runs the scenario's steps on a new tracker at db. Every rtp
// process has exited when it returns, so the file is whole without its
// -wal: the last connection to close checkpoints it.
func buildScenario(db string) (string, error) {
	for _, step := range scenario {
		cmd := exec.Command("rtp", step.args...)
		cmd.Env = append(os.Environ(), "RTP_DB="+db, "RTP_AUTHOR=tester", "RTP_NOW="+step.now, "COLUMNS=", "HOME="+packageTempDir)
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("scenario step %v: %v: %s", step.args, err, out)
		}
	}
	if _, err := os.Stat(db + "-wal"); err == nil {
		return "", fmt.Errorf("the scenario's tracker kept its -wal file: a copy of %s alone would miss changes", db)
	}
	return db, nil
}

// report runs rtp report on the tracker with the clock at 2026-11-29.
func report(t *testing.T, db string, args ...string) result {
	t.Helper()
	r := run(t, rtpCommand(t, db, "2026-11-29", append([]string{"report"}, args...)...))
	if r.code != 0 {
		t.Fatalf("rtp report %v: exit %d: %s", args, r.code, r.stderr)
	}
	return r
}

// golden compares got with testdata/report/NAME, or rewrites it with -u.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "report", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/rtp -u to write it)", err)
	}
	if string(want) != got {
		t.Errorf("rtp report output differs from %s; if the change is intended, run go test ./cmd/rtp -u and review the diff\n--- got ---\n%s", path, got)
	}
}

// TestReportGolden pins every text format on the scenario, for the state of
// 2019-12-31 with the changes of 2019, and for an earlier day.
func TestReportGolden(t *testing.T) {
	t.Parallel()
	db := scenarioTracker(t)
	for _, format := range []string{"markdown", "csv", "json", "html"} {
		ext := map[string]string{"markdown": "md"}[format]
		if ext == "" {
			ext = format
		}
		golden(t, "2019."+ext, report(t, db, "--format", format, "--as-of", "2019-12-31", "--since", "2018-12-31").stdout)
	}
	golden(t, "2018-06-30.md", report(t, db, "--as-of", "2018-06-30").stdout)
	golden(t, "2019-private.md", report(t, db, "--as-of", "2019-12-31", "--include-private", "--theme", "gender").stdout)
}

// TestReportAsOfIsReproducible shows that recording more history later does
// not change a report of an earlier day as recorded then (--as-recorded),
// while a later retraction does reach it as known now.
func TestReportAsOfIsReproducible(t *testing.T) {
	t.Parallel()
	db := scenarioTracker(t)
	args := []string{"--format", "json", "--as-of", "2018-12-31", "--since", "2017-12-31"}
	before := report(t, db, args...).stdout
	run(t, rtpCommand(t, db, "2026-11-29", "track", "update", "upr", "--status", "implemented", "--as-of", "2026-11-01", "--evidence", "A/81/1"))
	run(t, rtpCommand(t, db, "2026-11-29", "track", "retract", "1", "--reason", "later correction"))
	if after := report(t, db, append(args, "--as-recorded", "2026-11-28")...).stdout; before != after {
		t.Fatalf("the report as of 2018-12-31 as recorded before later entries changed:\n%s\n---\n%s", before, after)
	}
	if now := report(t, db, args...).stdout; now == before {
		t.Fatal("the report as of 2018-12-31 as known now does not show the later retraction of update 1")
	}
}

// TestReportCSVParsesBack reads the CSV with encoding/csv: one row per
// recommendation plus the header, the same rows as the JSON, and no cell
// that a spreadsheet would run.
func TestReportCSVParsesBack(t *testing.T) {
	t.Parallel()
	db := scenarioTracker(t)
	out := report(t, db, "--format", "csv", "--as-of", "2019-12-31").stdout
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 9 || !slices.Equal(records[0][:3], []string{"source", "number", "id"}) {
		t.Fatalf("%d records, header %v", len(records), records[0])
	}
	for _, rec := range records[1:] {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r\n", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
	upr := records[3]
	if upr[2] != "upr" || upr[5] != "partial" || !strings.HasPrefix(upr[9], "Two states") || upr[11] != "" || upr[12] != "0" {
		t.Errorf("upr row = %q; want partial, its note, and its private evidence left out", upr)
	}
	withPrivate := report(t, db, "--format", "csv", "--as-of", "2019-12-31", "--include-private").stdout
	if !strings.Contains(withPrivate, "https://www.upr-info.org/") {
		t.Error("--include-private left the private evidence out")
	}
	early := report(t, db, "--format", "csv", "--as-of", "2019-02-01").stdout
	records, _ = csv.NewReader(strings.NewReader(early)).ReadAll()
	if got := records[3][9]; got != `'=HYPERLINK("http://evil.example","click")` {
		t.Errorf("the formula note came out as %q", got)
	}
}

// TestReportHTMLIsSafe parses the HTML page: it is well formed, self
// contained (no external resource), has both charts, runs no script, and
// links only http(s) references and UN document symbols (to undocs.org).
func TestReportHTMLIsSafe(t *testing.T) {
	t.Parallel()
	db := scenarioTracker(t)
	page := report(t, db, "--format", "html", "--as-of", "2019-12-31", "--since", "2018-12-31", "--include-private").stdout
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var svgs, links int
	var text strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "img", "link":
				t.Errorf("the page has a <%s> element", n.Data)
			case "svg":
				svgs++
			case "a":
				links++
				for _, a := range n.Attr {
					if a.Key == "href" && !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "http://") {
						t.Errorf("link to %q", a.Val)
					}
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || strings.Contains(a.Val, "url(") {
					t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				}
			}
		}
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if svgs != 2 {
		t.Errorf("%d charts, want the status bars and the timeline", svgs)
	}
	if links != 7 {
		t.Errorf("%d links, want the two web references and the three UN document symbols, and the two pieces of evidence among the changes", links)
	}
	if !strings.Contains(text.String(), "<script>alert(1)</script>") {
		t.Error("the hostile note is not shown as text")
	}
	if strings.Contains(page, "<script>alert") {
		t.Error("the hostile note reached the page unescaped")
	}
}

// TestReportXLSX opens the workbook with excelize: the expected sheets, a
// frozen header row with filters, and the cells of the scenario.
func TestReportXLSX(t *testing.T) {
	t.Parallel()
	f := workbook2019(t)
	db := scenarioTracker(t)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Summary", "Recommendations", "Changes", "Stale", "Evidence", "Sources"}) {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("Recommendations")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 9 || rows[0][2] != "id" || rows[6][2] != "ga-agenda" || rows[6][5] != "stalled" {
		t.Fatalf("Recommendations rows: %q", rows)
	}
	panes, err := f.GetPanes("Recommendations")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	formula, _ := f.GetCellFormula("Recommendations", "J4")
	if formula != "" {
		t.Errorf("a note became the formula %q", formula)
	}
	changes, _ := f.GetRows("Changes")
	if len(changes) != 6 || changes[0][0] != "date" || changes[1][3] != "upr" || changes[1][7] != "not-started" || changes[4][3] != "gender-lens" ||
		changes[5][5] != "evidence" || changes[5][8] != "A/73/898" {
		t.Errorf("Changes rows: %q", changes)
	}
	summary, _ := f.GetRows("Summary")
	if !slices.ContainsFunc(summary, func(r []string) bool { return len(r) == 2 && r[0] == "total" && r[1] == "8" }) {
		t.Errorf("Summary has no total of 8: %q", summary)
	}
	// Without --since there is no Changes sheet.
	out2 := filepath.Join(t.TempDir(), "plain.xlsx")
	report(t, db, "--format", "xlsx", "--as-of", "2019-12-31", "--output", out2)
	f2, err := excelize.OpenFile(out2)
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if slices.Contains(f2.GetSheetList(), "Changes") {
		t.Error("a Changes sheet without --since")
	}
	if data, _ := os.ReadFile(out2); !bytes.HasPrefix(data, []byte("PK")) {
		t.Error("the workbook is not a zip file")
	}
}

// TestReportWhileWriting makes a report while another process holds the
// write lock with an uncommitted change: the report neither waits nor sees
// the change.
func TestReportWhileWriting(t *testing.T) {
	t.Parallel()
	db := scenarioTracker(t)
	writer, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	conn, err := writer.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), `BEGIN IMMEDIATE;
		INSERT INTO updates (uid, recommendation_id, status, note, as_of, by, recorded_at)
		VALUES ('pending', 'upr', 'implemented', 'uncommitted', '2020-01-01', 'x', '2020-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	cmd := rtpCommand(t, db, "2026-11-29", "report", "--format", "csv")
	cmd.Env = append(cmd.Env, "RTP_BUSY_TIMEOUT=200ms")
	r := run(t, cmd)
	if r.code != 0 {
		t.Fatalf("report beside a writer: exit %d: %s", r.code, r.stderr)
	}
	if strings.Contains(r.stdout, "uncommitted") {
		t.Fatal("the report saw an uncommitted change")
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
}
