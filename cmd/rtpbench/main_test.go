package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp/internal/pgtest"
)

// TestSmallRun runs the benchmark program end to end at a small scale, so
// that it keeps working: it builds rtp, makes the trackers, runs every case
// beside sqlite3, and writes the tables.
func TestSmallRun(t *testing.T) {
	for _, tool := range []string{"sqlite3", "/usr/bin/time"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed: .ci/run installs it", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "BENCHMARKS.md")
	var stderr bytes.Buffer
	if code := run([]string{"-dir", dir, "-scales", "memo,1k", "-import", "2k", "-runs", "1", "-taskwarrior=false", "-out", out}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("rtpbench exited %d: %s", code, stderr.String())
	}
	md := readFile(t, out)
	for _, want := range []string{"## Machine", "## Start-up", "| `rtp --version` |", "## memo tracker", "## 1k tracker", "| `rtp track list` |", "| `rtp report --format csv` |", "| `rtp export` |", "| `rtp init (new file)` |",
		"## track import", "| 2000 | "} {
		if !strings.Contains(md, want) {
			t.Errorf("the results lack %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "| 0.0 ms |") {
		t.Errorf("a time of zero: a command did not run\n%s", md)
	}
	// A second run reuses the trackers it made.
	stderr.Reset()
	if code := run([]string{"-dir", dir, "-scales", "1k", "-import", "", "-runs", "1", "-taskwarrior=false", "-rtp", filepath.Join(dir, "rtp"), "-out", out}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("second run exited %d: %s", code, stderr.String())
	}
	if md := readFile(t, out); !strings.Contains(md, "| 2000 | ") || !strings.Contains(md, "## 1k tracker") {
		t.Errorf("a run without -import lost the import results, or the tables:\n%s", md)
	}
	if strings.Contains(stderr.String(), "making the 1k tracker") {
		t.Error("the second run made the tracker again")
	}
}

// TestPostgresRun runs the PostgreSQL half on a throwaway cluster with the
// memo tracker: moved to the server, every case beside psql, and a few
// concurrent writers on the server and on the SQLite file.
func TestPostgresRun(t *testing.T) {
	pgtest.Need(t)
	if _, err := exec.LookPath("/usr/bin/time"); err != nil {
		t.Skip("/usr/bin/time is not installed")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "BENCHMARKS.md")
	var stderr bytes.Buffer
	args := []string{"-dir", dir, "-scales", "", "-import", "", "-runs", "1", "-postgres", "cluster", "-pg-scale", "memo", "-clients", "2,3", "-writes", "2", "-out", out}
	if code := run(args, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("rtpbench exited %d: %s", code, stderr.String())
	}
	md := readFile(t, out)
	begin, end := postgresMarkers("memo")
	for _, want := range []string{begin, "## PostgreSQL: the memo tracker on a server", "| `rtp track list` |", "| `rtp track show ga-agenda` |",
		"| `rtp track update ga-agenda` |", "| `rtp report --format csv` |", "| PostgreSQL | 2 | 4 |", "| PostgreSQL | 3 | 6 |", "| SQLite file | 2 | 4 |", end} {
		if !strings.Contains(md, want) {
			t.Errorf("the results lack %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "| 0.0 ms |") {
		t.Errorf("a time of zero: a command did not run\n%s", md)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
