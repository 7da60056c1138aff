package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mode returns the permission bits of path.
func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

// TestPrivateFileModes: the default data folder rtp creates is its owner's
// only (0700, as the XDG Base Directory specification asks), and so are
// new trackers, their -wal and -shm, backups and the copies kept by an
// upgrade (0600): they hold the private entries. A tracker that exists
// keeps its mode.
func TestPrivateFileModes(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	cmd := rtpCommand(t, "", "", "track", "update", "upr", "--status", "partial", "--evidence", "https://example.org/x", "--private-evidence")
	cmd.Env = append(cmd.Env, "HOME="+home, "XDG_DATA_HOME=")
	if r := run(t, cmd); r.code != 0 {
		t.Fatalf("first use of the default tracker: exit %d: %s", r.code, r.stderr)
	}
	data := filepath.Join(home, ".local", "share", "rtp")
	db := filepath.Join(data, "rtp.db")
	for path, want := range map[string]os.FileMode{filepath.Join(home, ".local"): 0o700, filepath.Join(home, ".local", "share"): 0o700, data: 0o700, db: 0o600} {
		if got := mode(t, path); got != want {
			t.Errorf("%s has mode %04o, want %04o", path, got, want)
		}
	}
	// SQLite gives the -wal and -shm the mode of the tracker: look at them
	// while another connection keeps them.
	holder := openDB(t, db)
	count(t, holder, `SELECT count(*) FROM updates`)
	mustRTP(t, db, "track", "update", "upr", "--status", "implemented")
	for _, suffix := range []string{"-wal", "-shm"} {
		if got := mode(t, db+suffix); got != 0o600 {
			t.Errorf("%s%s has mode %04o, want 0600", db, suffix, got)
		}
	}
	holder.Close()

	named := filepath.Join(t.TempDir(), "new", "folder", "rtp.db")
	mustRTP(t, named, "init")
	if got, gotDir := mode(t, named), mode(t, filepath.Dir(named)); got != 0o600 || gotDir != 0o700 {
		t.Errorf("rtp init --db in a new folder: file %04o, folder %04o; want 0600 and 0700", got, gotDir)
	}

	// A tracker made 0644 keeps its mode; its backup is private.
	if err := os.Chmod(db, 0o644); err != nil {
		t.Fatal(err)
	}
	mustRTP(t, db, "track", "update", "upr", "--status", "stalled")
	if got := mode(t, db); got != 0o644 {
		t.Errorf("an existing tracker's mode changed to %04o", got)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	mustRTP(t, db, "db", "backup", backup)
	if got := mode(t, backup); got != 0o600 {
		t.Errorf("the backup has mode %04o, want 0600", got)
	}

	// The copy an upgrade keeps of a version-1 tracker, as open as it is.
	dir := t.TempDir()
	v1 := filepath.Join(dir, "v1.db")
	copyFile(t, filepath.Join("..", "..", "testdata", "fixtures", "v1.db"), v1, 0o644)
	mustRTP(t, v1, "track", "list")
	baks, _ := filepath.Glob(filepath.Join(dir, "v1.db.v1-*.bak"))
	if len(baks) != 1 {
		t.Fatalf("upgrade backups: %v", baks)
	}
	if got := mode(t, baks[0]); got != 0o600 {
		t.Errorf("the upgrade's backup has mode %04o, want 0600", got)
	}
}

// TestCheckWarnsOfExposedPrivateEntries: rtp db check warns, on stderr,
// when a tracker holding private entries may be read by others, and still
// finds it sound (exit 0); a private tracker, or one without private
// entries, gets no warning.
func TestCheckWarnsOfExposedPrivateEntries(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	if err := os.Chmod(filepath.Dir(db), 0o755); err != nil {
		t.Fatal(err)
	}
	check := func(perm os.FileMode) result {
		t.Helper()
		if err := os.Chmod(db, perm); err != nil {
			t.Fatal(err)
		}
		r := rtp(t, db, "", "db", "check")
		if r.code != 0 || !strings.Contains(r.stdout, "is sound") {
			t.Fatalf("db check (mode %04o): exit %d\n%s%s", perm, r.code, r.stdout, r.stderr)
		}
		return r
	}
	if r := check(0o644); r.stderr != "" {
		t.Errorf("a readable tracker without private entries: %q", r.stderr)
	}
	mustRTP(t, db, "track", "evidence", "upr", "https://example.org/private", "--private")
	r := check(0o644)
	want := "rtp: warning: " + db + " holds 1 piece of private evidence, and other users of this machine may read it (mode 0644): keep it yours only with chmod 600 " + db + "\n"
	if r.stderr != want {
		t.Errorf("a tracker with private entries, mode 0644: stderr %q, want %q", r.stderr, want)
	}
	if r := check(0o640); !strings.Contains(r.stderr, "(mode 0640)") {
		t.Errorf("group-readable: stderr %q", r.stderr)
	}
	if r := check(0o600); r.stderr != "" {
		t.Errorf("a private tracker: stderr %q", r.stderr)
	}
	// A file nobody may write is advised 400, which keeps it so, not 600.
	if r := check(0o444); !strings.HasSuffix(r.stderr, "(mode 0444): keep it yours only with chmod 400 "+db+"\n") {
		t.Errorf("read-only for all: stderr %q", r.stderr)
	}
}
