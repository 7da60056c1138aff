package cli_test

import "testing"

// TestUpdateThenShow records an update with its note on stdin and evidence,
// and finds all of it in show.
func TestUpdateThenShow(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()
	r := s.run("GA voted to put RtoP on its formal agenda\n",
		"track", "update", "ga", "--status", "implemented", "--as-of", "2017-09-15", "--note", "-", "--evidence", "A/72/250", "--by", "ICRtoP")
	if want := "ga-agenda: implemented since 2017-09-15 (update 1 by ICRtoP, 1 evidence)\n"; r.code != 0 || r.stdout != want || r.stderr != "" {
		t.Fatalf("update: exit %d, stdout %q, stderr %q; want stdout %q", r.code, r.stdout, r.stderr, want)
	}
	want := `6. Keep RtoP on the General Assembly's formal agenda (ga-agenda)

Status:    implemented since 2017-09-15
Owners:    none
Addressed: General Assembly, Member States
Themes:    general-assembly
Source:    memo-2017, Recommendations for RtoP and Atrocity Prevention at the
           United Nations

  RtoP has a place on the UN General Assembly's formal agenda.

  As of September 15, 2017, the UN General Assembly voted to adopt RtoP on the
  formal agenda of its 72nd session. A formal discussion on RtoP will require UN
  Member States to develop on-the-record statements, necessitating greater input
  from capitals. This should increase discussion of atrocity prevention outside
  of the United Nations and raise the potential for greater political impact and
  domestication of RtoP. The General Assembly should continue to include RtoP as
  a formal agenda item in all future sessions.

Timeline (1 update)
UPDATE  AS OF       STATUS       BY      NOTE
1       2017-09-15  implemented  ICRtoP  GA voted to put RtoP on its formal
                                         agenda
                                         evidence #1 2017-09-15 A/72/250
`
	if got := s.must("track", "show", "6"); got != want {
		t.Errorf("show after the update:\n%s\nwant:\n%s", got, want)
	}
}
