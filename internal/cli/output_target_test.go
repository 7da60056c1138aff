//go:build linux

package cli_test

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputRefusesAnythingButARegularFile asks report, export and db backup
// to replace, with --force, a character device (1,3: what /dev/null is), a
// FIFO, the tracker, a symbolic link to it, the tracker spelled ./, and its
// -wal and -shm files: each is refused with exit 2 (the command line names a
// target rtp never writes to, like a folder) and one line naming the path
// and what is allowed, and nothing changes: the device and the FIFO stay
// what they were, the tracker keeps its bytes and its export.
func TestOutputRefusesAnythingButARegularFile(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()
	s.must("track", "update", "1", "--status", "partial", "--note", "private canary", "--evidence", "internal-doc", "--private-evidence")
	tracker := s.env["RTP_DB"]
	dir := filepath.Dir(tracker)
	device := filepath.Join(dir, "null")
	if err := syscall.Mknod(device, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		if os.Getenv("CI") == "" && os.Geteuid() != 0 {
			t.Skipf("mknod needs root (CI runs as root): %v", err)
		}
		t.Fatalf("mknod: %v", err)
	}
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(tracker, link); err != nil {
		t.Fatal(err)
	}
	fileBefore, exportBefore := fingerprint(t, tracker), s.must("export")

	targets := []string{device, fifo, tracker, link, dir + "/./" + filepath.Base(tracker), tracker + "-wal", tracker + "-shm", tracker + "-journal"}
	for _, target := range targets {
		for _, args := range [][]string{
			{"report", "--output", target, "--force"},
			{"report", "--include-private", "--output", target, "--force"},
			{"export", "--output", target, "--force"},
			{"export", "--output", target},
			{"db", "backup", target, "--force"},
		} {
			r := s.run("", args...)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != 2 || len(lines) != 1 || !strings.Contains(r.stderr, `"`+target+`"`) || !strings.Contains(r.stderr, "rtp writes only to a new path or a regular file") {
				t.Errorf("rtp %s: exit %d, %q; want exit 2 and one line naming the path and what is allowed", strings.Join(args, " "), r.code, r.stderr)
			}
		}
	}
	// Opened through a link, the tracker's side files are still named after
	// the file the link points to: those are refused too.
	for _, target := range []string{tracker + "-wal", tracker + "-shm", tracker} {
		for _, args := range [][]string{
			{"--db", link, "export", "--output", target, "--force"},
			{"--db", link, "db", "backup", target, "--force"},
		} {
			if r := s.run("", args...); r.code != 2 || !strings.Contains(r.stderr, "rtp writes only to a new path or a regular file") {
				t.Errorf("rtp %s: exit %d, %q; want exit 2 and the refusal", strings.Join(args, " "), r.code, r.stderr)
			}
		}
	}
	if info, err := os.Lstat(device); err != nil || info.Mode()&os.ModeCharDevice == 0 || info.Sys().(*syscall.Stat_t).Rdev != 1<<8|3 {
		t.Errorf("the character device was replaced: %v, %v", info, err)
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v, %v", info, err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", info, err)
	}
	if fingerprint(t, tracker) != fileBefore || s.must("export") != exportBefore {
		t.Error("the tracker changed")
	}
	s.must("db", "check")
	for _, sidecar := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(tracker + sidecar); err == nil {
			t.Errorf("%s was left behind", tracker+sidecar)
		}
	}
}

// TestOutputDashIsStandardOutput: - writes to standard output, and leaves no
// file called - (not parallel: it runs in its own working folder).
func TestOutputDashIsStandardOutput(t *testing.T) {
	s := newSession(t).withTracker()
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{{"report", "--output", "-"}, {"export", "--output", "-"}, {"db", "backup", "-"}} {
		r := s.run("", args...)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("rtp %s: exit %d, %d bytes out, %s", strings.Join(args, " "), r.code, len(r.stdout), r.stderr)
		}
	}
	if r := s.run("", "report", "--output", "-"); !strings.HasPrefix(r.stdout, "# ") {
		t.Errorf("report --output - wrote %.40q", r.stdout)
	}
	if r := s.run("", "db", "backup", "-"); !strings.HasPrefix(r.stdout, "SQLite format 3\x00") {
		t.Errorf("db backup - wrote %.40q", r.stdout)
	}
	if _, err := os.Lstat(filepath.Join(dir, "-")); err == nil {
		t.Error("a file called - was written")
	}
}

func fingerprint(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}
