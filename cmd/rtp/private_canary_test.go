package main

import (
	"archive/zip"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	domain "github.com/rtp-tracker/rtp"
)

// canaries are the private fields of privateTracker, each a string found
// nowhere else.
var canaries = []string{
	"CANARY-update-note", "CANARY-update-ref", // a private update (track update --private)
	"CANARY-evidence-ref", "CANARY-evidence-title", "CANARY-evidence-note", // private evidence (track evidence --private)
	"CANARY-evonly-ref",                       // private evidence of a public update (--private-evidence)
	"CANARY-import-note", "CANARY-import-ref", // a private row of a CSV import
	"CANARY-retracted-note",                                                        // a private update, retracted
	"CANARY-private-author", "CANARY-retracted-author", "CANARY-retraction-author", // who wrote a private update, and retracted one
	"CANARY-note-only", "2019-11-20", // a private note on its own, and its date (last_update, stale lists)
}

// privateTracker records private entries of every kind beside public ones.
func privateTracker(t *testing.T) string {
	t.Helper()
	db := newTracker(t)
	mustRTP(t, db, "track", "update", "upr", "--status", "in-progress", "--as-of", "2019-06-10",
		"--note", "CANARY-update-note", "--evidence", "CANARY-update-ref", "--private", "--by", "CANARY-private-author")
	mustRTP(t, db, "track", "evidence", "upr", "CANARY-evidence-ref", "--title", "CANARY-evidence-title",
		"--note", "CANARY-evidence-note", "--private", "--date", "2019-07-01")
	mustRTP(t, db, "track", "update", "gender-lens", "--status", "partial", "--as-of", "2019-03-01",
		"--note", "Public note", "--evidence", "CANARY-evonly-ref", "--evidence", "A/73/898", "--private-evidence")
	// A private note on its own, with its date: 2019-11-20 must show nowhere.
	mustRTP(t, db, "track", "update", "gender-lens", "--as-of", "2019-11-20", "--note", "CANARY-note-only", "--private")
	mustRTP(t, db, "track", "update", "ga-agenda", "--status", "implemented", "--as-of", "2019-05-01",
		"--note", "Public agenda note", "--evidence", "A/72/250")
	mustRTP(t, db, "track", "update", "ga-agenda", "--status", "stalled", "--as-of", "2019-08-01",
		"--note", "CANARY-retracted-note", "--private", "--by", "CANARY-retracted-author")
	mustRTP(t, db, "track", "retract", "5", "--reason", "Entered twice", "--by", "CANARY-retraction-author")
	sheet := filepath.Join(t.TempDir(), "rows.csv")
	rows := "id,status,as_of,note,evidence,private\njoint-office,in-progress,2019-04-01,CANARY-import-note,CANARY-import-ref,yes\n"
	if err := os.WriteFile(sheet, []byte(rows), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRTP(t, db, "track", "import", sheet)
	return db
}

// reportText runs rtp report in a format and gives all the text it wrote:
// an XLSX workbook's every part, unzipped.
func reportText(t *testing.T, db, format string, args ...string) string {
	t.Helper()
	if format != "xlsx" {
		return mustRTP(t, db, append([]string{"report", "--format", format}, args...)...)
	}
	out := filepath.Join(t.TempDir(), "report.xlsx")
	mustRTP(t, db, append([]string{"report", "--format", "xlsx", "--output", out}, args...)...)
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var b strings.Builder
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(&b, r); err != nil {
			t.Fatal(err)
		}
		r.Close()
	}
	return b.String()
}

func TestPrivateEntriesStayOutOfReportsAndExports(t *testing.T) {
	t.Parallel()
	db := privateTracker(t)
	for _, format := range []string{"markdown", "csv", "html", "json", "xlsx"} {
		// Today's report reads the kept current state, an earlier one the
		// history: both must leave private entries out.
		for _, asOf := range []string{"today", "2019-12-31"} {
			t.Run(format+"/"+asOf, func(t *testing.T) {
				t.Parallel()
				args := []string{"--since", "2019-01-01"}
				if asOf != "today" {
					args = append(args, "--as-of", asOf)
				}
				text := reportText(t, db, format, args...)
				private, noteOnlyDay := canaries, "2019-11-20"
				if format == "xlsx" {
					// A workbook holds a date as its serial number.
					noteOnlyDay = "<v>43789</v>"
					private = append(slices.Clone(canaries), noteOnlyDay)
				}
				for _, c := range private {
					if strings.Contains(text, c) {
						t.Errorf("report --format %s --as-of %s shows the private %s", format, asOf, c)
					}
				}
				// The same report with --include-private shows them, so
				// that the search above can fail.
				text = reportText(t, db, format, append(args, "--include-private")...)
				shown := []string{"CANARY-update-note", "CANARY-evidence-ref", "CANARY-evonly-ref", "CANARY-import-ref", noteOnlyDay}
				if format != "csv" { // the CSV report has no changes, so no authors
					shown = append(shown, "CANARY-private-author")
				}
				for _, c := range shown {
					if !strings.Contains(text, c) {
						t.Errorf("report --format %s --as-of %s --include-private does not show %s", format, asOf, c)
					}
				}
			})
		}
	}
	t.Run("export", func(t *testing.T) {
		t.Parallel()
		text := mustRTP(t, db, "export")
		for _, c := range canaries {
			if strings.Contains(text, c) {
				t.Errorf("export shows the private %s", c)
			}
		}
		all := mustRTP(t, db, "export", "--include-private")
		for _, c := range canaries {
			if !strings.Contains(all, c) {
				t.Errorf("export --include-private leaves out %s", c)
			}
		}
		// The export without private entries is whole: a new tracker
		// merges it and is sound.
		dir := t.TempDir()
		exp := filepath.Join(dir, "public.json")
		if err := os.WriteFile(exp, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		fresh := newTracker(t)
		mustRTP(t, fresh, "merge", exp)
		if out := mustRTP(t, fresh, "db", "check"); !strings.Contains(out, "is sound") {
			t.Errorf("the tracker merged from the public export: %s", out)
		}
	})
	t.Run("list and show", func(t *testing.T) {
		t.Parallel()
		// One's own tracker shows private entries, marked as such.
		var d domain.Detail
		if err := json.Unmarshal([]byte(mustRTP(t, db, "track", "show", "upr", "--format", "json")), &d); err != nil {
			t.Fatal(err)
		}
		if len(d.Updates) != 1 || !d.Updates[0].Private || d.Updates[0].Note != "CANARY-update-note" ||
			len(d.Updates[0].Evidence) != 1 || !d.Updates[0].Evidence[0].Private {
			t.Errorf("show upr: the private update is not shown, marked private, with its evidence: %+v", d.Updates)
		}
		if len(d.Evidence) != 1 || !d.Evidence[0].Private || d.Evidence[0].Title != "CANARY-evidence-title" {
			t.Errorf("show upr: the private evidence is not shown marked private: %+v", d.Evidence)
		}
		for _, id := range []string{"joint-office", "ga-agenda"} {
			show := mustRTP(t, db, "track", "show", id, "--format", "json")
			if !strings.Contains(show, `"private": true`) {
				t.Errorf("show %s does not mark its private update: %s", id, show)
			}
		}
		text := mustRTP(t, db, "track", "show", "upr")
		if !strings.Contains(text, "in-progress (private)") || !strings.Contains(text, "CANARY-evidence-ref \"CANARY-evidence-title\" (private)") {
			t.Errorf("show upr does not mark the private entries:\n%s", text)
		}
		// The list has no notes or references; it counts one's own evidence.
		list := mustRTP(t, db, "track", "list", "--format", "json")
		for _, c := range canaries {
			if c == "2019-11-20" {
				continue // one's own list dates the update in force, private or not
			}
			if strings.Contains(list, c) {
				t.Errorf("list shows %s", c)
			}
		}
	})
}

// TestPrivateCountsAgreeBetweenFormats compares what the JSON and CSV
// reports count and cite, with private entries and without.
func TestPrivateCountsAgreeBetweenFormats(t *testing.T) {
	t.Parallel()
	db := privateTracker(t)
	for _, private := range []bool{false, true} {
		args := []string{"--as-of", "2019-12-31", "--since", "2019-01-01"}
		if private {
			args = append(args, "--include-private")
		}
		var rep struct {
			Summary domain.Summary     `json:"summary"`
			Changes []domain.Change    `json:"changes"`
			Rows    []domain.ReportRow `json:"recommendations"`
		}
		if err := json.Unmarshal([]byte(reportText(t, db, "json", args...)), &rep); err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(strings.NewReader(reportText(t, db, "csv", args...))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		header := map[string]int{}
		for i, name := range records[0] {
			header[name] = i
		}
		csvCount := map[string]int{}
		for _, r := range records[1:] {
			n, err := strconv.Atoi(r[header["evidence_count"]])
			if err != nil {
				t.Fatal(err)
			}
			csvCount[r[header["id"]]] = n
		}
		if len(rep.Rows) != len(records)-1 {
			t.Fatalf("private=%v: %d JSON rows, %d CSV rows", private, len(rep.Rows), len(records)-1)
		}
		want := map[string]int{"upr": 0, "gender-lens": 0, "joint-office": 0, "ga-agenda": 1}
		if private {
			want = map[string]int{"upr": 2, "gender-lens": 2, "joint-office": 1, "ga-agenda": 1}
		}
		for _, row := range rep.Rows {
			if row.EvidenceCount != len(row.EvidenceRefs) || row.EvidenceCount != csvCount[row.ID] {
				t.Errorf("private=%v: %s counts %d evidence in JSON, cites %d, CSV counts %d",
					private, row.ID, row.EvidenceCount, len(row.EvidenceRefs), csvCount[row.ID])
			}
			if w, ok := want[row.ID]; ok && row.EvidenceCount != w {
				t.Errorf("private=%v: %s counts %d evidence, want %d", private, row.ID, row.EvidenceCount, w)
			}
		}
		// A private update's status counts either way; its note only with
		// --include-private. (The retraction, recorded today, reaches
		// every day: on 2019-12-31 the retracted update no longer counts.)
		// The period's other entries (evidence) are listed too: private
		// ones only with --include-private.
		statusChanges := 0
		for _, c := range rep.Changes {
			if c.Kind == domain.ChangeStatus {
				statusChanges++
			}
			if !private && (strings.Contains(c.Detail, "CANARY") || strings.Contains(c.Note, "CANARY")) {
				t.Errorf("a private entry is in the changes: %+v", c)
			}
		}
		if statusChanges != 4 {
			t.Errorf("private=%v: %d status changes, want 4: %+v", private, statusChanges, rep.Changes)
		}
		for _, c := range rep.Changes {
			if c.Kind == domain.ChangeStatus && (c.RecommendationID == "upr" || c.RecommendationID == "joint-office") && (c.Note != "") != private {
				t.Errorf("private=%v: the change of upr has note %q", private, c.Note)
			}
		}
		if rep.Summary.ByStatus[2].Status != domain.StatusInProgress || rep.Summary.ByStatus[2].Count != 2 {
			t.Errorf("private=%v: in-progress count %+v, want 2 (upr and joint-office)", private, rep.Summary.ByStatus[2])
		}
	}
}

// TestMergeKeepsPrivateEntries merges exports without private entries
// into the tracker that has them: nothing of theirs is removed or changed.
func TestMergeKeepsPrivateEntries(t *testing.T) {
	t.Parallel()
	db := privateTracker(t)
	before := mustRTP(t, db, "export", "--include-private")
	dir := t.TempDir()
	public := filepath.Join(dir, "public.json")
	mustRTP(t, db, "export", "--output", public)
	if out := mustRTP(t, db, "merge", public); !strings.Contains(out, "nothing new") {
		t.Errorf("merging its own public export: %s", out)
	}
	if after := mustRTP(t, db, "export", "--include-private"); after != before {
		t.Errorf("merging its own public export changed the tracker")
	}
	// A partner merges the public export, adds to a recommendation that has
	// private entries here, and sends theirs back.
	partner := newTracker(t)
	mustRTP(t, partner, "merge", public)
	mustRTP(t, partner, "track", "update", "upr", "--status", "partial", "--as-of", "2019-09-01", "--note", "Partner's view")
	theirs := filepath.Join(dir, "partner.json")
	mustRTP(t, partner, "export", "--output", theirs)
	mustRTP(t, db, "merge", theirs)
	after := mustRTP(t, db, "export", "--include-private")
	for line := range strings.Lines(before) {
		if strings.Contains(line, `"uid"`) && !strings.Contains(after, strings.TrimSuffix(strings.TrimSpace(line), ",")) {
			t.Errorf("after the partner's merge, this entry is gone or changed: %s", line)
		}
	}
	if !strings.Contains(after, "Partner's view") {
		t.Errorf("the partner's update was not merged")
	}
}
