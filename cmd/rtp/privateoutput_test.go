package main

import (
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOthersCannotReadPrivateOutput writes, in a folder every user may
// read, a report without private entries, one with --include-private, an
// export and a backup, and has the user nobody read each: only the report
// without private entries can be read.
func TestOthersCannotReadPrivateOutput(t *testing.T) {
	t.Parallel()
	needRoot(t)
	db := newTracker(t)
	mustRTP(t, db, "track", "update", "upr", "--status", "partial", "--evidence", "internal-canary", "--private-evidence")
	dir := sharedDir(t, 0o755)
	at := func(name string) string { return filepath.Join(dir, name) }
	mustRTP(t, db, "report", "--output", at("public.md"))
	mustRTP(t, db, "report", "--include-private", "--output", at("private.md"))
	mustRTP(t, db, "export", "--output", at("export.json"))
	mustRTP(t, db, "db", "backup", at("backup.db"))
	for name, readable := range map[string]bool{"public.md": true, "private.md": false, "export.json": false, "backup.db": false} {
		cat := exec.Command("cat", at(name))
		cat.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobodyID, Gid: nobodyID}}
		out, err := cat.CombinedOutput()
		if (err == nil) != readable {
			t.Errorf("nobody reading %s: %v, %.60q; want readable %v", name, err, out, readable)
		}
	}
}
