package cli_test

import "testing"

// TestListOnTerminalAndPipe: on an 80-column terminal the list is a table
// fitted to the width; into a pipe, every value is written in full.
func TestListOnTerminalAndPipe(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()

	s.terminal, s.width = true, 80
	want := `#  ID                 TITLE                  STATUS      SINCE  OWNERS  EVIDENCE
1  joint-office       Use the Joint Office…  unassessed  -              0
2  gender-lens        Incorporate a gender…  unassessed  -              0
3  upr                Use the UPR for stru…  unassessed  -              0
4  civil-society      Include civil societ…  unassessed  -              0
5  prevention         Emphasise prevention…  unassessed  -              0
6  ga-agenda          Keep RtoP on the Gen…  unassessed  -              0
7  international-law  Ratify and implement…  unassessed  -              0
8  regional-bodies    Support regional bod…  unassessed  -              0
`
	if got := s.must("track", "list"); got != want {
		t.Errorf("on an 80-column terminal:\n%s\nwant:\n%s", got, want)
	}

	s.terminal = false
	want = `#  ID                 TITLE                                                         STATUS      SINCE  OWNERS  EVIDENCE
1  joint-office       Use the Joint Office for coherent early warning and response  unassessed  -              0
2  gender-lens        Incorporate a gender lens in RtoP                             unassessed  -              0
3  upr                Use the UPR for structural prevention                         unassessed  -              0
4  civil-society      Include civil society in implementing RtoP                    unassessed  -              0
5  prevention         Emphasise prevention through accountability                   unassessed  -              0
6  ga-agenda          Keep RtoP on the General Assembly's formal agenda             unassessed  -              0
7  international-law  Ratify and implement international law                        unassessed  -              0
8  regional-bodies    Support regional bodies to prevent atrocities                 unassessed  -              0
`
	if got := s.must("track", "list"); got != want {
		t.Errorf("into a pipe:\n%s\nwant:\n%s", got, want)
	}
}
