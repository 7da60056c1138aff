package cli_test

import "testing"

// TestFlagErrors: a wrong command line exits 2 with one line on stderr that
// names the value, writes nothing to stdout, and records nothing.
func TestFlagErrors(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()
	before := s.must("export")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"status", []string{"track", "list", "--status", "done"},
			`rtp: invalid --status "done": use one of unassessed, not-started, in-progress, partial, implemented, stalled, regressed`},
		{"date", []string{"track", "list", "--as-of", "2017-13-01"},
			`rtp: invalid --as-of "2017-13-01": there is no such day`},
		{"unknown flag", []string{"track", "update", "6", "--statuz", "partial"},
			`rtp: unknown flag: --statuz (did you mean --status?) (see rtp track update --help)`},
		{"format", []string{"report", "--format", "pdf"},
			`rtp: invalid --format "pdf": use one of markdown, csv, html, json, xlsx`},
		{"update status", []string{"track", "update", "6", "--status", "Partial"},
			`rtp: invalid --status "Partial" (did you mean "partial"?): use one of unassessed, not-started, in-progress, partial, implemented, stalled, regressed`},
		{"missing argument", []string{"track", "show"},
			`rtp: rtp track show needs ID (see rtp track show --help)`},
		{"entry ID", []string{"track", "retract", "0x10", "--reason", "typo"},
			`rtp: invalid update ID "0x10": use the number rtp track show prints, such as 7`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.run("", c.args...)
			if r.code != 2 || r.stdout != "" || r.stderr != c.want+"\n" {
				t.Errorf("rtp %q: exit %d, stdout %q, stderr %q; want exit 2, no stdout, stderr %q", c.args, r.code, r.stdout, r.stderr, c.want+"\n")
			}
		})
	}
	if after := s.must("export"); after != before {
		t.Errorf("a refused command line changed the tracker:\n%s", after)
	}
}
