package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyFile copies src to dst with mode perm.
func copyFile(t *testing.T, src, dst string, perm os.FileMode) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dst, perm); err != nil {
		t.Fatal(err)
	}
}

// TestLeftoverWALInReadOnlyFolder reads, as a user who may not write its
// folder, a tracker whose latest update is still in its -wal, with no
// -shm (as a crash leaves it): rtp never shows the state before that
// update. It says in one line why it cannot read and what to do, exit 1;
// once the owner has run rtp on it, the reader sees the update.
func TestLeftoverWALInReadOnlyFolder(t *testing.T) {
	needRoot(t)
	t.Parallel()
	bin := nobodyBinary(t)
	src := newTracker(t)
	// An open connection keeps rtp from folding its -wal into the file
	// when it closes.
	holder := openDB(t, src)
	count(t, holder, `SELECT count(*) FROM updates`)
	mustRTP(t, src, "track", "update", "6", "--status", "partial", "--note", "in the wal")
	dir := sharedDir(t, 0o755) // root's: nobody may not write in it
	db := filepath.Join(dir, "rtp.db")
	copyFile(t, src, db, 0o644)
	copyFile(t, src+"-wal", db+"-wal", 0o644)
	holder.Close()
	if info, err := os.Stat(db + "-wal"); err != nil || info.Size() == 0 {
		t.Fatalf("the -wal holds nothing (%v): the test tests nothing", err)
	}

	backup := filepath.Join(sharedDir(t, 0o777), "backup.db")
	for _, args := range [][]string{{"track", "list"}, {"db", "check"}, {"export"}, {"track", "show", "6"}, {"db", "backup", backup}} {
		r := asNobody(t, bin, db, args...)
		if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "rtp.db-wal") ||
			!strings.Contains(r.stderr, "run any rtp command on it") {
			t.Errorf("rtp %v by a reader who may not write the folder: exit %d\nstdout: %s\nstderr: %s", args, r.code, r.stdout, r.stderr)
		}
	}
	if left := ownedBy(t, dir, nobodyID); len(left) > 0 {
		t.Errorf("the reader left %v", left)
	}
	// The owner opens it once; then the reader sees the update.
	mustRTP(t, db, "track", "list")
	r := asNobody(t, bin, db, "track", "show", "6")
	if r.code != 0 || !strings.Contains(r.stdout, "in the wal") {
		t.Fatalf("after the owner ran rtp: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestReaderWhoMayNotWriteLeavesNoFiles reads, as nobody, a tracker root
// owns and lets others read, in a sticky folder everyone may write (as
// /tmp): the reader sees everything and leaves no -wal or -shm of theirs,
// which the owner could neither use nor, in a sticky folder, remove. The
// same holds while the owner has the tracker open.
func TestReaderWhoMayNotWriteLeavesNoFiles(t *testing.T) {
	needRoot(t)
	t.Parallel()
	bin := nobodyBinary(t)
	dir := sharedDir(t, 0o777|os.ModeSticky)
	db := filepath.Join(dir, "rtp.db")
	mustRTP(t, db, "init")
	mustRTP(t, db, "track", "update", "6", "--status", "partial", "--note", "seen by nobody")
	if err := os.Chmod(db, 0o644); err != nil {
		t.Fatal(err)
	}
	read := func(when string) {
		t.Helper()
		for _, args := range [][]string{{"track", "list"}, {"track", "show", "6"}, {"db", "check"}, {"export"}, {"--read-only", "track", "list"}} {
			r := asNobody(t, bin, db, args...)
			if r.code != 0 || (args[0] == "track" && args[1] == "show" && !strings.Contains(r.stdout, "seen by nobody")) {
				t.Errorf("%s: rtp %v: exit %d\n%s%s", when, args, r.code, r.stdout, r.stderr)
			}
			if left := ownedBy(t, dir, nobodyID); len(left) > 0 {
				t.Fatalf("%s: rtp %v left %v owned by the reader", when, args, left)
			}
		}
		if r := asNobody(t, bin, db, "track", "update", "6", "--status", "stalled"); r.code != 1 || !strings.Contains(r.stderr, "read-only") {
			t.Errorf("%s: a write by nobody: exit %d: %s", when, r.code, r.stderr)
		}
	}
	read("closed")
	holder := openDB(t, db)
	count(t, holder, `SELECT count(*) FROM updates`)
	read("open by the owner")
	holder.Close()
	mustRTP(t, db, "track", "update", "6", "--status", "implemented")
	mustCheck(t, db)
}
