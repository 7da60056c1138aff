package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportFormats: every text format goes to stdout, data only, with
// nothing on stderr; --output writes the same bytes to a file and says so.
func TestReportFormats(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()
	s.must("track", "update", "ga-agenda", "--status", "implemented", "--as-of", "2017-09-15", "--note", "GA voted", "--evidence", "A/72/250", "--by", "ICRtoP")

	csv := strings.ReplaceAll(`source,number,id,title,section,status,since,last_update,owners,latest_note,latest_note_date,evidence,evidence_count
memo-2017,1,joint-office,Use the Joint Office for coherent early warning and response,Recommendations for RtoP and Atrocity Prevention at the United Nations,unassessed,,,,,,,0
memo-2017,2,gender-lens,Incorporate a gender lens in RtoP,Recommendations for RtoP and Atrocity Prevention at the United Nations,unassessed,,,,,,,0
memo-2017,3,upr,Use the UPR for structural prevention,Recommendations for RtoP and Atrocity Prevention at the United Nations,unassessed,,,,,,,0
memo-2017,4,civil-society,Include civil society in implementing RtoP,Recommendations for RtoP and Atrocity Prevention at the United Nations,unassessed,,,,,,,0
memo-2017,5,prevention,Emphasise prevention through accountability,Recommendations for RtoP and Atrocity Prevention at the United Nations,unassessed,,,,,,,0
memo-2017,6,ga-agenda,Keep RtoP on the General Assembly's formal agenda,Recommendations for RtoP and Atrocity Prevention at the United Nations,implemented,2017-09-15,2017-09-15,,GA voted,2017-09-15,A/72/250,1
memo-2017,7,international-law,Ratify and implement international law,Recommendations for Mobilizing Implementation,unassessed,,,,,,,0
memo-2017,8,regional-bodies,Support regional bodies to prevent atrocities,Recommendations for Mobilizing Implementation,unassessed,,,,,,,0
`, "\n", "\r\n")
	r := s.run("", "report", "--format", "csv")
	if r.code != 0 || r.stdout != csv || r.stderr != "" {
		t.Errorf("report --format csv: exit %d, stderr %q, stdout:\n%s\nwant:\n%s", r.code, r.stderr, r.stdout, csv)
	}

	for format, start := range map[string]string{
		"markdown": "# RtoP follow-up report, as of 29 November 2026\n",
		"html":     "<!DOCTYPE html>",
		"json":     "{",
	} {
		r := s.run("", "report", "--format", format)
		if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, start) {
			t.Errorf("report --format %s: exit %d, stderr %q, stdout begins %.80q; want it to begin %q", format, r.code, r.stderr, r.stdout, start)
		}
		if format == "json" && !json.Valid([]byte(r.stdout)) {
			t.Errorf("report --format json is not JSON:\n%s", r.stdout)
		}
	}

	out := filepath.Join(t.TempDir(), "report.csv")
	r = s.run("", "report", "--format", "csv", "--output", out)
	if want := "rtp: wrote the csv report as of 2026-11-29 to " + out + "\n"; r.code != 0 || r.stdout != "" || r.stderr != want {
		t.Errorf("report --output: exit %d, stdout %q, stderr %q; want stderr %q", r.code, r.stdout, r.stderr, want)
	}
	if data, err := os.ReadFile(out); err != nil || string(data) != csv {
		t.Errorf("the --output file (%v):\n%s\nwant:\n%s", err, data, csv)
	}

	// A file is replaced only with --force: without, exit 1 and it stays.
	s.must("track", "update", "upr", "--status", "partial")
	r = s.run("", "report", "--format", "csv", "--output", out)
	if want := "rtp: " + out + " already exists: give another name, or --force to replace it\n"; r.code != 1 || r.stderr != want {
		t.Errorf("report --output over a file: exit %d, stderr %q; want exit 1, stderr %q", r.code, r.stderr, want)
	}
	if data, err := os.ReadFile(out); err != nil || string(data) != csv {
		t.Errorf("a refused --output changed the file (%v):\n%s", err, data)
	}
	s.must("report", "--format", "csv", "--output", out, "--force")
	if data, err := os.ReadFile(out); err != nil || !strings.Contains(string(data), ",upr,Use the UPR for structural prevention,Recommendations for RtoP and Atrocity Prevention at the United Nations,partial,") {
		t.Errorf("--force did not replace the file with the new report (%v):\n%s", err, data)
	}
}

// TestBinaryReportOnTerminal: an Excel workbook is refused on a terminal,
// and written to a pipe.
func TestBinaryReportOnTerminal(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()
	s.terminal, s.width = true, 80
	r := s.run("", "report", "--format", "xlsx")
	if want := "rtp: this format is binary and would garble the terminal: give --output FILE, or redirect to a file\n"; r.code != 2 || r.stdout != "" || r.stderr != want {
		t.Errorf("xlsx on a terminal: exit %d, stdout %.40q, stderr %q; want exit 2, stderr %q", r.code, r.stdout, r.stderr, want)
	}
	s.terminal = false
	r = s.run("", "report", "--format", "xlsx")
	if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "PK\x03\x04") {
		t.Errorf("xlsx into a pipe: exit %d, stderr %q, stdout begins %.40q; want a zip file", r.code, r.stderr, r.stdout)
	}
}
