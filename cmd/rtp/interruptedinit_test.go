package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInitAfterKill kills (SIGKILL) the first rtp init at many moments:
// whatever it left, rtp init then makes a whole tracker that passes rtp db
// check. It starts with what a kill leaves most often, a file with SQLite's
// header (in WAL mode) and nothing else.
func TestInitAfterKill(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	finish := func(db, what string) {
		t.Helper()
		if r := rtp(t, db, "", "init"); r.code != 0 {
			t.Fatalf("rtp init after %s: exit %d: %s", what, r.code, r.stderr)
		}
		mustCheck(t, db)
		if n := count(t, openDB(t, db), `SELECT count(*) FROM recommendations`); n != 8 {
			t.Fatalf("after %s, init left %d recommendations, want 8", what, n)
		}
	}

	headerOnly := filepath.Join(dir, "header.db")
	raw, err := sql.Open("sqlite", headerOnly)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA journal_mode = WAL`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if info, err := os.Stat(headerOnly); err != nil || info.Size() == 0 {
		t.Fatalf("the header-only file: %v", err)
	}
	if r := rtp(t, headerOnly, "", "track", "list"); r.code != 1 || !strings.Contains(r.stderr, "create one with: rtp init --db") {
		t.Fatalf("track list on a header-only file: exit %d: %s", r.code, r.stderr)
	}
	finish(headerOnly, "a header-only file")

	start := time.Now()
	mustRTP(t, filepath.Join(dir, "calibration.db"), "init")
	full := time.Since(start)
	const attempts = 40
	left := map[string]int{}
	for i := range attempts {
		db := filepath.Join(dir, fmt.Sprintf("kill%d.db", i))
		killAfter(t, full*time.Duration(i)/attempts, db, "init")
		switch info, err := os.Stat(db); {
		case err != nil:
			left["no file"]++
		case rtp(t, db, "", "track", "list").code == 0:
			left["a tracker"]++
		default:
			left[fmt.Sprintf("an unusable file of %d bytes", info.Size())]++
		}
		finish(db, fmt.Sprintf("kill %d at %s", i, full*time.Duration(i)/attempts))
	}
	t.Logf("init takes %s; %d kills spread over it left: %v", full.Round(time.Millisecond), attempts, left)
}
