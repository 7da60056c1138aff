package cli_test

import (
	"bytes"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp/internal/cli"
)

// testNow is the clock of every in-process run: outputs that depend on
// today (default dates, stale lists) are then the same on every day.
var testNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// session is a user's session with rtp, run in the test's own process: a
// private home folder, a fixed clock and author, and stdout a pipe unless
// the test turns the terminal on.
type session struct {
	t   *testing.T
	env map[string]string
	// terminal makes stdout a terminal of width columns.
	terminal bool
	width    int
	// open replaces the SQLite tracker when set.
	open cli.Opener
}

type result struct {
	stdout, stderr string
	code           int
}

func newSession(t *testing.T) *session {
	t.Helper()
	return &session{t: t, env: map[string]string{
		"HOME":       t.TempDir(),
		"RTP_AUTHOR": "tester",
	}}
}

// withTracker points the session at a new tracker file in a temporary
// folder, made with rtp init.
func (s *session) withTracker() *session {
	s.t.Helper()
	s.env["RTP_DB"] = filepath.Join(s.t.TempDir(), "rtp.db")
	s.must("init")
	return s
}

// run runs one command line with stdin and returns what it wrote and its
// exit code.
func (s *session) run(stdin string, args ...string) result {
	s.t.Helper()
	var stdout, stderr bytes.Buffer
	app := &cli.App{
		IOStreams: cli.IOStreams{
			Stdin:      strings.NewReader(stdin),
			Stdout:     &stdout,
			Stderr:     &stderr,
			IsTerminal: s.terminal,
			Width:      s.width,
		},
		Getenv: func(name string) string { return s.env[name] },
		Now:    func() time.Time { return testNow },
		Open:   s.open,
	}
	code := app.Run(args)
	return result{stdout.String(), stderr.String(), code}
}

// must runs a command line that must succeed, and returns its stdout.
func (s *session) must(args ...string) string {
	s.t.Helper()
	r := s.run("", args...)
	if r.code != 0 {
		s.t.Fatalf("rtp %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// with returns a copy of the session with more environment variables.
func (s *session) with(env map[string]string) *session {
	c := *s
	c.env = maps.Clone(s.env)
	maps.Copy(c.env, env)
	return &c
}
