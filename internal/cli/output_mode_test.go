package cli_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPrivateOutputIsTheOwnersOnly: the files that carry private entries (a
// report with --include-private, an export, a backup) are created 0600, also
// when they replace a file anyone could read; a report without private
// entries stays 0644.
func TestPrivateOutputIsTheOwnersOnly(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()
	s.must("track", "update", "1", "--status", "partial", "--evidence", "internal-doc", "--private-evidence")
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	replaced := at("replaced.json")
	if err := os.WriteFile(replaced, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.must("report", "--output", at("public.md"))
	s.must("report", "--include-private", "--output", at("private.md"))
	s.must("report", "--include-private", "--format", "xlsx", "--output", at("private.xlsx"))
	s.must("export", "--output", at("export.json"))
	s.must("export", "--output", replaced, "--force")
	s.must("db", "backup", at("backup.db"))
	for name, want := range map[string]os.FileMode{
		"public.md": 0o644, "private.md": 0o600, "private.xlsx": 0o600,
		"export.json": 0o600, "replaced.json": 0o600, "backup.db": 0o600,
	} {
		info, err := os.Stat(at(name))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", name, got, want)
		}
	}
}
