package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// smallDisk mounts a tmpfs of size bytes on a new folder, unmounted after
// the test: a real file system that fills up.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0755", "tmpfs", dir).CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("mounting a tmpfs: %v: %s", err, out)
		}
		t.Skipf("cannot mount a tmpfs here (%v: %s): this test needs root", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// fillDisk writes a file in dir that leaves about free bytes free on its
// file system, and returns its path.
func fillDisk(t *testing.T, dir string, free int64) string {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	size := int64(st.Bavail)*st.Bsize - free
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for written := int64(0); written+int64(len(chunk)) <= size; written += int64(len(chunk)) {
		if _, err := f.Write(chunk); err != nil {
			break // full already
		}
	}
	return filler
}

// diskFullMessage checks that r failed (exit 1) saying, in one line, that
// the disk holding dir is full, without SQLite's numbers.
func diskFullMessage(t *testing.T, what string, r result, dir string) {
	t.Helper()
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "the disk holding "+dir) ||
		!strings.Contains(r.stderr, "is full") || strings.Contains(r.stderr, "I/O error") {
		t.Errorf("%s on a full disk: exit %d, stderr %q; want one line saying the disk holding %s is full", what, r.code, r.stderr, dir)
	}
}

// TestFullDisk runs rtp on a tracker whose disk is full: writes say the
// disk is full and change nothing; reads go on working, whether or not
// another process has the tracker open; once there is room, writes work.
func TestFullDisk(t *testing.T) {
	needRoot(t)
	t.Parallel()
	disk := smallDisk(t, "1m")
	db := filepath.Join(disk, "rtp.db")
	mustRTP(t, db, "init")
	mustRTP(t, db, "track", "update", "6", "--status", "partial", "--note", "before the disk filled")
	filler := fillDisk(t, disk, 0)

	reads := func(when string) {
		t.Helper()
		for _, args := range [][]string{{"track", "list"}, {"track", "show", "6"}, {"db", "check"}, {"export"}} {
			r := rtp(t, db, "", args...)
			if r.code != 0 || (len(args) > 1 && args[1] == "show" && !strings.Contains(r.stdout, "before the disk filled")) {
				t.Errorf("%s: rtp %v on a full disk: exit %d\n%s%s", when, args, r.code, r.stdout, r.stderr)
			}
		}
		r := rtp(t, db, "", "track", "update", "6", "--status", "stalled", "--note", "on a full disk")
		diskFullMessage(t, when+": track update", r, disk)
		if !strings.Contains(r.stderr, "nothing was changed") {
			t.Errorf("%s: track update on a full disk: %q does not say nothing was changed", when, r.stderr)
		}
	}
	if _, err := os.Stat(db + "-shm"); err == nil {
		t.Fatal("the closed tracker has a -shm: the test would not test a reader that needs one")
	}
	reads("closed")
	// Another process keeps the tracker open, its -wal and -shm made
	// while there was room.
	os.Remove(filler)
	holder := openDB(t, db)
	count(t, holder, `SELECT count(*) FROM updates`)
	filler = fillDisk(t, disk, 0)
	reads("open in another process")
	holder.Close()

	os.Remove(filler)
	mustCheck(t, db)
	if strings.Contains(mustRTP(t, db, "track", "show", "6"), "on a full disk") {
		t.Fatal("a write that failed on the full disk was stored")
	}
	mustRTP(t, db, "track", "update", "6", "--status", "stalled", "--note", "with room again")
}

// TestBackupToFullDisk: a backup onto a full disk names that disk, the
// destination's, not the tracker's, and leaves nothing there.
func TestBackupToFullDisk(t *testing.T) {
	needRoot(t)
	t.Parallel()
	db := newTracker(t)
	disk := smallDisk(t, "64k")
	fillDisk(t, disk, 0)
	r := rtp(t, db, "", "db", "backup", filepath.Join(disk, "backup.db"))
	diskFullMessage(t, "db backup", r, disk)
	if strings.Contains(r.stderr, "holding "+db) {
		t.Errorf("db backup blames the tracker's disk: %q", r.stderr)
	}
	if entries, _ := os.ReadDir(disk); len(entries) != 1 {
		t.Errorf("the failed backup left %v", entries)
	}
}

// TestUpgradeOnFullDisk reads a version-1 tracker on a disk with less and
// less room. Each time rtp either reads it (upgraded, or through an
// upgraded copy when the disk has no room even for that), or says that the
// disk is full and nothing was changed, which is true: the file's bytes are
// the same and no backup is left, so that once there is room the upgrade
// works.
func TestUpgradeOnFullDisk(t *testing.T) {
	needRoot(t)
	t.Parallel()
	disk := smallDisk(t, "2m")
	db := filepath.Join(disk, "v1.db")
	fixture := filepath.Join("..", "..", "testdata", "fixtures", "v1.db")
	outcomes := map[string]int{}
	for free := int64(0); free <= 640<<10; free += 16 << 10 {
		copyFile(t, fixture, db, 0o600)
		before := fileHash(t, db)
		filler := fillDisk(t, disk, free)
		r := run(t, rtpCommand(t, db, "2020-06-01T09:00:00Z", "track", "list"))
		baks, _ := filepath.Glob(filepath.Join(disk, "*.bak"))
		switch {
		case r.code == 0 && strings.Contains(r.stderr, "read through a copy"):
			outcomes["read through a copy"]++
			if fileHash(t, db) != before || len(baks) > 0 {
				t.Fatalf("with %d KiB free: reading through a copy changed the file or left %v", free>>10, baks)
			}
		case r.code == 0:
			outcomes["upgraded"]++
			if len(baks) != 1 {
				t.Fatalf("with %d KiB free: upgraded, keeping %v", free>>10, baks)
			}
		default:
			outcomes["refused"]++
			diskFullMessage(t, "an upgrade", r, disk)
			if !strings.Contains(r.stderr, "nothing was changed") {
				t.Errorf("with %d KiB free: %q does not say nothing was changed", free>>10, r.stderr)
			}
			if fileHash(t, db) != before || len(baks) > 0 {
				t.Fatalf("with %d KiB free: the failed upgrade changed the file or left %v", free>>10, baks)
			}
			os.Remove(filler)
			if r := run(t, rtpCommand(t, db, "2020-06-01T09:00:00Z", "track", "list")); r.code != 0 {
				t.Fatalf("with %d KiB free, then room: the retry failed: %s", free>>10, r.stderr)
			}
		}
		os.Remove(filler)
		mustCheck(t, db)
		for _, pattern := range []string{"*.bak", ".*.tmp-*"} {
			files, _ := filepath.Glob(filepath.Join(disk, pattern))
			for _, f := range files {
				os.Remove(f)
			}
		}
	}
	t.Logf("with 0 to 640 KiB free: %v", outcomes)
	if outcomes["refused"] == 0 {
		t.Fatal("no upgrade failed for want of room: the test tested nothing")
	}
}
