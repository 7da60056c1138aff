package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// The permission tests run rtp as the unprivileged user nobody: as root,
// the kernel lets every file be read and written, and nothing would show.
const nobodyID = 65534

// needRoot skips a test that must switch users, except in CI, where it
// must run.
func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("this test runs rtp as nobody, which needs root; CI runs as root")
	}
	t.Skip("needs root to run rtp as nobody")
}

// sharedDir returns a new folder that every user may enter and read (a
// test's own temporary folders are its owner's only), removed after the
// test, with mode perm.
func sharedDir(t *testing.T, perm os.FileMode) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "rtp-shared-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(dir, 0o700)
		os.RemoveAll(dir)
	})
	if err := os.Chmod(dir, perm); err != nil {
		t.Fatal(err)
	}
	return dir
}

// nobodyBinary copies the rtp binary where nobody may run it.
func nobodyBinary(t *testing.T) string {
	t.Helper()
	src, err := exec.LookPath("rtp")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(sharedDir(t, 0o755), "rtp")
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return bin
}

// asNobody runs the rtp binary bin as nobody on the tracker at db.
func asNobody(t *testing.T, bin, db string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "RTP_DB="+db, "RTP_AUTHOR=tester", "RTP_NOW=", "COLUMNS=", "HOME=/nonexistent", "TMPDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobodyID, Gid: nobodyID}}
	return run(t, cmd)
}

// ownedBy lists the files in dir owned by uid.
func ownedBy(t *testing.T, dir string, uid uint32) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Uid == uid {
			names = append(names, e.Name())
		}
	}
	return names
}
