package cli_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/cli"
)

// TestDefaultTrackerCreatedOnFirstUse: without --db or $RTP_DB the tracker
// in the user's data folder is made by the first command, which says so on
// stderr; the next command says nothing.
func TestDefaultTrackerCreatedOnFirstUse(t *testing.T) {
	t.Parallel()
	s := newSession(t)
	path := filepath.Join(s.env["HOME"], ".local", "share", "rtp", "rtp.db")
	first := s.run("", "track", "list", "--format", "tsv")
	if want := "rtp: created a new tracker at " + path + " with the recommendations of the 2017 memo\n" +
		`rtp: entries are recorded as "tester" (RTP_AUTHOR); to change it: export RTP_AUTHOR="Your Name (Org)", or give --by NAME` + "\n"; first.code != 0 || first.stderr != want {
		t.Fatalf("first use: exit %d, stderr %q; want stderr %q", first.code, first.stderr, want)
	}
	if lines := strings.Count(first.stdout, "\n"); lines != 9 {
		t.Errorf("first use listed %d lines, want the header and 8 recommendations:\n%s", lines, first.stdout)
	}
	second := s.run("", "track", "list", "--format", "tsv")
	if second.code != 0 || second.stderr != "" || second.stdout != first.stdout {
		t.Errorf("second use: exit %d, stderr %q, stdout:\n%s\nwant the first list and nothing on stderr", second.code, second.stderr, second.stdout)
	}
	if got := s.must("db", "path"); got != path+"\n" {
		t.Errorf("db path = %q, want %q", got, path+"\n")
	}
}

// TestNamedMissingTrackerRefused: a tracker named by --db or $RTP_DB must
// exist, so that a typo never creates an empty one.
func TestNamedMissingTrackerRefused(t *testing.T) {
	t.Parallel()
	s := newSession(t)
	typo := filepath.Join(t.TempDir(), "typo.db")
	want := "rtp: no tracker at " + typo + ": create one with: rtp init --db " + typo + "\n"
	for _, r := range []result{
		s.run("", "--db", typo, "track", "list"),
		s.run("", "--db", typo, "track", "update", "6", "--status", "partial"),
		s.with(map[string]string{"RTP_DB": typo}).run("", "report"),
	} {
		if r.code != 1 || r.stdout != "" || r.stderr != want {
			t.Errorf("exit %d, stdout %q, stderr %q; want exit 1, stderr %q", r.code, r.stdout, r.stderr, want)
		}
	}
	if _, err := os.Stat(typo); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the named tracker was created: %v", err)
	}
	if _, err := os.Stat(filepath.Join(s.env["HOME"], ".local")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the default tracker was created instead: %v", err)
	}
}

// TestOpenRequests: every command reaches a tracker through the App's
// Opener, asking to create it only for the default tracker and rtp init,
// and the tracker file of a merge read-only.
func TestOpenRequests(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	def := filepath.Join(home, ".local", "share", "rtp", "rtp.db")
	named := filepath.Join(t.TempDir(), "team.db")
	// Another member's tracker file, for rtp merge: its header is enough
	// for rtp to open it as a tracker.
	theirs := filepath.Join(t.TempDir(), "theirs.db")
	if err := os.WriteFile(theirs, []byte("SQLite format 3\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want cli.OpenRequest
	}{
		{[]string{"track", "list"}, cli.OpenRequest{Path: def, Create: true}},
		{[]string{"--db", named, "track", "list"}, cli.OpenRequest{Path: named}},
		{[]string{"--read-only", "report"}, cli.OpenRequest{Path: def, ReadOnly: true}},
		{[]string{"--db", named, "init"}, cli.OpenRequest{Path: named, Create: true}},
		{[]string{"--db", named, "track", "update", "6", "--status", "partial"}, cli.OpenRequest{Path: named}},
		{[]string{"--db", named, "db", "check"}, cli.OpenRequest{Path: named}},
		{[]string{"--db", named, "merge", theirs}, cli.OpenRequest{Path: theirs, ReadOnly: true}},
	} {
		var got []cli.OpenRequest
		s := newSession(t)
		s.env["HOME"] = home
		s.open = func(_ context.Context, req cli.OpenRequest) (rtp.Tracker, bool, error) {
			got = append(got, req)
			return nil, false, rtp.Errorf(rtp.EDATABASE, "the test's backend is down")
		}
		r := s.run("", c.args...)
		if r.code != 1 || r.stderr != "rtp: the test's backend is down\n" {
			t.Errorf("rtp %q: exit %d, stderr %q; want the opener's error", c.args, r.code, r.stderr)
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("rtp %q opened %+v, want %+v", c.args, got, c.want)
		}
	}
}
