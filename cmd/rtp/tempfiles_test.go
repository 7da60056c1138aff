package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStaleTemporaryCopiesRemoved: the hidden temporary copies that killed
// backups (and upgrades, which back up first) leave in the destination's
// folder are removed by the next backup there. Only rtp's own are: named
// as rtp names them, older than the running rtp, empty or an SQLite file,
// and held by no running process.
func TestStaleTemporaryCopiesRemoved(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	tracker, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	hourAgo, inAnHour := time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
	write := func(name string, data []byte, mtime time.Time) string {
		t.Helper()
		path := filepath.Join(dest, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write(".backup.db.tmp-ABCDEFGH", tracker, hourAgo)
	write(".backup.db.tmp-ABCDEFGH-journal", nil, hourAgo)
	write(".older.db.tmp-2345ZZZZ", nil, hourAgo)
	// A backup killed in the middle of its copy: page 1 not yet written,
	// its journal beside it; and a journal whose copy is gone.
	write(".zeroed.db.tmp-ZEROZERO", make([]byte, 8192), hourAgo)
	write(".zeroed.db.tmp-ZEROZERO-journal", []byte("journal"), hourAgo)
	write(".gone.db.tmp-GONEGONE-journal", []byte("journal"), hourAgo)
	kept := []string{
		write(".backup.db.tmp-QRSTUVWX", tracker, inAnHour),          // newer than the run
		write(".notes.txt.tmp-ABCDEFGH", []byte("mine"), hourAgo),    // not a tracker
		write("backup.db.tmp-ABCDEFGH", tracker, hourAgo),            // not hidden
		write(".backup.db.tmp-abcdefgh", tracker, hourAgo),           // not rtp's alphabet
		write(".zeros.db.tmp-NOJOURNA", make([]byte, 8192), hourAgo), // zeros, but no journal: not known to be ours
	}
	held := write(".backup.db.tmp-HELDHELD", tracker, hourAgo)
	f, err := os.Open(held)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	kept = append(kept, held)

	mustRTP(t, db, "db", "backup", filepath.Join(dest, "backup.db"))
	want := []string{"backup.db"}
	for _, k := range kept {
		want = append(want, filepath.Base(k))
	}
	sort.Strings(want)
	entries, _ := os.ReadDir(dest)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("after the backup the folder holds\n%v\nwant\n%v", got, want)
	}

	// Real kills: whatever a killed backup leaves, the next one removes.
	start := time.Now()
	mustRTP(t, db, "db", "backup", filepath.Join(t.TempDir(), "calibration.db"))
	full := time.Since(start)
	const attempts = 20
	leftovers := 0
	killed := t.TempDir()
	for i := range attempts {
		killAfter(t, full*time.Duration(i)/attempts, db, "db", "backup", filepath.Join(killed, fmt.Sprintf("b%d.db", i)))
		temps, _ := filepath.Glob(filepath.Join(killed, ".*.tmp-*"))
		leftovers += len(temps)
	}
	mustRTP(t, db, "db", "backup", filepath.Join(killed, "after.db"))
	if temps, _ := filepath.Glob(filepath.Join(killed, ".*.tmp-*")); len(temps) > 0 {
		t.Errorf("the backup after %d kills left %v", attempts, temps)
	}
	t.Logf("a backup takes %s; %d kills left %d temporary copies, all removed by the next backup", full.Round(time.Millisecond), attempts, leftovers)
}
