package cli_test

import (
	"strings"
	"testing"
)

// TestSearchHighlightsOnATerminalOnly: the matched words are bold and
// reversed on a terminal, and a pipe or JSON gets the plain passage.
func TestSearchHighlightsOnATerminalOnly(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()
	s.must("track", "update", "ga-agenda", "--status", "partial", "--as-of", "2020-09-22", "--note", "COVID-19 moved the debate online")
	piped := s.must("search", "covid")
	if want := "ga-agenda  update 1  COVID-19 moved the debate online\n"; piped != want {
		t.Errorf("into a pipe:\n got %q\nwant %q", piped, want)
	}
	s.terminal, s.width = true, 100
	shown := s.must("search", "covid")
	if want := "ga-agenda  update 1  \x1b[1;7mCOVID\x1b[0m-19 moved the debate online\n"; shown != want {
		t.Errorf("on a terminal:\n got %q\nwant %q", shown, want)
	}
	if strings.Contains(s.must("search", "covid", "--format", "json"), "\x1b") {
		t.Error("JSON on a terminal holds escape codes")
	}
}
