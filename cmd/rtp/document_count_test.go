package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestOneDocumentCountsOnceEverywhere records one UN document as its
// symbol, as its undocs.org address and again, privately, as its address
// with a language; every way a count is read (track list and show, the
// report in each format with a count, rtp serve's API) says 1, then still
// 1 once the symbol is retracted, and 0 once the rest is.
func TestOneDocumentCountsOnceEverywhere(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	mustRTP(t, db, "track", "update", "gender-lens", "--status", "in-progress", "--as-of", "2019-09-18", "--evidence", "A/72/884")
	mustRTP(t, db, "track", "evidence", "gender-lens", "https://undocs.org/A/72/884", "--date", "2019-09-20")
	mustRTP(t, db, "track", "evidence", "gender-lens", "https://undocs.org/en/A/72/884", "--date", "2019-09-21", "--private")
	s := startServe(t, db)
	counts := func() map[string]int {
		got := map[string]int{}
		got["track list"] = listCount(t, mustRTP(t, db, "track", "list", "--format", "json"))
		got["track show"] = detailCount(t, mustRTP(t, db, "track", "show", "gender-lens", "--format", "json"))
		for _, private := range [][]string{nil, {"--include-private"}} {
			report := func(format string, more ...string) string {
				return mustRTP(t, db, slices.Concat([]string{"report", "--format", format}, private, more)...)
			}
			got[fmt.Sprint("report json ", private)] = reportCount(t, report("json"))
			got[fmt.Sprint("report csv ", private)] = csvCount(t, report("csv"))
			out := filepath.Join(t.TempDir(), "report.xlsx")
			report("xlsx", "--output", out)
			got[fmt.Sprint("report xlsx ", private)] = xlsxCount(t, out)
		}
		_, body := s.get(t, "/api/list")
		got["serve /api/list"] = listCount(t, body)
		_, body = s.get(t, "/api/report")
		got["serve /api/report"] = reportCount(t, body)
		_, body = s.get(t, "/api/recommendations/gender-lens")
		got["serve /api/recommendations"] = detailCount(t, body)
		return got
	}
	expect := func(when string, want int) {
		t.Helper()
		for way, n := range counts() {
			if n != want {
				t.Errorf("%s: %s counts %d, want %d", when, way, n, want)
			}
		}
	}
	expect("symbol, address and a private address", 1)
	mustRTP(t, db, "track", "retract", "--evidence", "1", "--reason", "recorded twice")
	expect("the symbol retracted", 1)
	mustRTP(t, db, "track", "retract", "--evidence", "2", "--reason", "recorded twice")
	mustRTP(t, db, "track", "retract", "--evidence", "3", "--reason", "recorded twice")
	expect("all three retracted", 0)
}

// listCount is gender-lens's evidence_count in the JSON of a list.
func listCount(t *testing.T, out string) int {
	t.Helper()
	var items []struct {
		ID            string `json:"id"`
		EvidenceCount int    `json:"evidence_count"`
	}
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, it := range items {
		if it.ID == "gender-lens" {
			return it.EvidenceCount
		}
	}
	t.Fatalf("no gender-lens in %s", out)
	return -1
}

func detailCount(t *testing.T, out string) int {
	t.Helper()
	var d struct {
		EvidenceCount *int `json:"evidence_count"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil || d.EvidenceCount == nil {
		t.Fatalf("no evidence_count (%v): %s", err, out)
	}
	return *d.EvidenceCount
}

func reportCount(t *testing.T, out string) int {
	t.Helper()
	var r struct {
		Recommendations json.RawMessage `json:"recommendations"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return listCount(t, string(r.Recommendations))
}

func csvCount(t *testing.T, out string) int {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return countColumn(t, rows)
}

// countColumn is the evidence_count of gender-lens in a table of rows
// under a header row.
func countColumn(t *testing.T, rows [][]string) int {
	t.Helper()
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	id, count := slices.Index(rows[0], "id"), slices.Index(rows[0], "evidence_count")
	if id < 0 || count < 0 {
		t.Fatalf("no id or evidence_count column in %q", rows[0])
	}
	for _, r := range rows[1:] {
		if len(r) > count && r[id] == "gender-lens" {
			n, err := strconv.Atoi(r[count])
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("no gender-lens in %q", rows)
	return -1
}

func xlsxCount(t *testing.T, path string) int {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Recommendations")
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return countColumn(t, rows)
}
