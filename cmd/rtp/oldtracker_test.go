package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fileHash returns the SHA-256 of a file's bytes.
func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// TestReadOlderTrackerUnchanged reads trackers of older schema versions
// (v1 and v3, as others may send them) with --read-only, by merging them,
// and as a user who may not write them: each is read through an upgraded
// copy, says what it said, and its bytes stay the same; the reader who may
// not write leaves nothing beside it.
func TestReadOlderTrackerUnchanged(t *testing.T) {
	needRoot(t)
	t.Parallel()
	bin := nobodyBinary(t)
	fixtures := filepath.Join("..", "..", "testdata", "fixtures")
	for _, name := range []string{"v1.db", "v3.db"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := sharedDir(t, 0o755) // nobody may not write in it
			received := filepath.Join(dir, name)
			copyFile(t, filepath.Join(fixtures, name), received, 0o644)
			before := fileHash(t, received)
			unchanged := func(what string) {
				t.Helper()
				if fileHash(t, received) != before {
					t.Fatalf("%s changed the received file", what)
				}
				if left := ownedBy(t, dir, nobodyID); len(left) > 0 {
					t.Fatalf("%s left %v", what, left)
				}
				if baks, _ := filepath.Glob(received + ".*.bak"); len(baks) > 0 {
					t.Fatalf("%s upgraded the received file, keeping %v", what, baks)
				}
			}

			tmp := t.TempDir()
			cmd := rtpCommand(t, received, "", "--read-only", "track", "list", "--format", "json")
			cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
			r := run(t, cmd)
			if r.code != 0 || !strings.Contains(r.stderr, "read through a copy upgraded") {
				t.Fatalf("--read-only track list: exit %d: %s", r.code, r.stderr)
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Fatalf("the upgraded copy was left in TMPDIR: %v", left)
			}
			if name == "v1.db" {
				assertContainsJSON(t, "track list", filepath.Join(fixtures, "v1-list.json"), r.stdout)
			}
			unchanged("--read-only track list")
			if r := rtp(t, received, "", "--read-only", "track", "update", "6", "--status", "partial"); r.code != 1 || !strings.Contains(r.stderr, "read-only") {
				t.Fatalf("a write with --read-only: exit %d: %s", r.code, r.stderr)
			}
			unchanged("a refused write")

			mine := newTracker(t)
			if r := rtp(t, mine, "", "merge", received); r.code != 0 {
				t.Fatalf("merge %s: exit %d: %s", name, r.code, r.stderr)
			}
			unchanged("merge")
			mustCheck(t, mine)
			theirs := rtp(t, received, "", "--read-only", "export")
			ours := mustRTP(t, mine, "export")
			if theirs.code != 0 || !containsEntries(theirs.stdout, ours) {
				t.Errorf("after the merge, the receiver lacks what %s holds", name)
			}

			if r := asNobody(t, bin, received, "track", "list"); r.code != 0 || !strings.Contains(r.stdout, "ga-agenda") {
				t.Fatalf("track list by a reader who may not write it: exit %d: %s", r.code, r.stderr)
			}
			unchanged("a reader who may not write it")
		})
	}
}

// containsEntries reports whether every entry uid of the export theirs is
// in the export ours.
func containsEntries(theirs, ours string) bool {
	found := false
	for _, line := range strings.Split(theirs, "\n") {
		_, rest, ok := strings.Cut(line, `{"uid":"`)
		if !ok {
			continue
		}
		found = true
		uid, _, _ := strings.Cut(rest, `"`)
		if !bytes.Contains([]byte(ours), []byte(`{"uid":"`+uid+`"`)) {
			return false
		}
	}
	return found
}
