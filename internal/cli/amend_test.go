package cli_test

import (
	"strings"
	"testing"
)

// TestAmendNoteThenShow fixes a note read from standard input, and finds
// both updates in show, the old one marked amended, on a terminal.
func TestAmendNoteThenShow(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()
	s.must("track", "update", "ga", "--status", "implemented", "--as-of", "2017-09-15", "--note", "GA votde", "--evidence", "A/72/250")
	r := s.run("GA voted\n", "track", "amend", "1", "--note", "-", "--by", "ICRtoP")
	if want := "ga-agenda: update 1 amended by update 2 (by ICRtoP); today it is implemented since 2017-09-15\n"; r.code != 0 || r.stdout != want || r.stderr != "" {
		t.Fatalf("amend: exit %d, stdout %q, stderr %q; want stdout %q", r.code, r.stdout, r.stderr, want)
	}
	s.terminal, s.width = true, 80
	show := s.must("track", "show", "6")
	want := `Timeline (2 updates)
UPDATE  AS OF       STATUS                 BY      NOTE
1       2017-09-15  implemented (amended)  tester  amended by #2 on 2026-11-29
                                                   by ICRtoP
                                                   GA votde
2       2017-09-15  implemented            ICRtoP  amends #1
                                                   GA voted
                                                   evidence #1 2017-09-15
                                                   A/72/250
`
	if _, timeline, _ := strings.Cut(show, "Timeline"); "Timeline"+timeline != want {
		t.Errorf("show after the amendment:\n%s\nwant:\n%s", "Timeline"+timeline, want)
	}
}

// TestAmendCommandLine: the refusals of a bad command line, exit 2, before
// the tracker is opened.
func TestAmendCommandLine(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()
	s.must("track", "update", "upr", "--status", "partial", "--as-of", "2019-01-01")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"track", "amend"}, "rtp: rtp track amend needs UPDATE_ID (see rtp track amend --help)\n"},
		{[]string{"track", "amend", "1", "--evidence", "1", "--ref", "A/1"}, `rtp: rtp track amend --evidence EVIDENCE_ID takes no UPDATE_ID, but got ["1"]` + "\n"},
		{[]string{"track", "amend", "x1", "--note", "n"}, `rtp: invalid update ID "x1": use the number rtp track show prints, such as 7` + "\n"},
		{[]string{"track", "amend", "1"}, "rtp: nothing to amend: give at least one field to change\n"},
		{[]string{"track", "amend", "1", "--status", ""}, "rtp: invalid --status"},
		{[]string{"track", "amend", "1", "--as-of", "2019-13-01"}, `rtp: invalid --as-of "2019-13-01"`},
		{[]string{"track", "amend", "--evidence", "1", "--as-of", "2019-01-01"}, "rtp: --as-of is a field of an update, not of evidence\n"},
		{[]string{"track", "amend", "1", "--title", "T"}, "rtp: --title is a field of evidence, not of an update\n"},
		{[]string{"track", "amend", "1", "--note", "n", "--reason", ""}, "rtp: --reason is empty"},
	} {
		r := s.run("", c.args...)
		if r.code != 2 || !strings.HasPrefix(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("rtp %s: exit %d, stderr %q; want exit 2, %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}
