package cli

import (
	"errors"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestInCLIWords checks that the store's domain errors get the command
// line's advice, with the path quoted for the shell, and that other errors
// pass as they are.
func TestInCLIWords(t *testing.T) {
	t.Parallel()
	missing := &rtp.Error{Code: rtp.ENOTFOUND, Message: "no tracker at my file.db", Err: rtp.ErrNoTracker}
	got := inCLIWords(missing, "my file.db")
	if want := "no tracker at my file.db: create one with: rtp init --db 'my file.db'"; got.Error() != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !errors.Is(got, rtp.ErrNoTracker) || rtp.ErrorCode(got) != rtp.ENOTFOUND {
		t.Errorf("the advised error lost its kind: %v", got)
	}
	empty := &rtp.Error{Code: rtp.EDATABASE, Message: "e.db is empty, not an rtp tracker", Err: rtp.ErrEmptyTracker}
	if got, want := inCLIWords(empty, "e.db").Error(), "e.db is empty, not an rtp tracker: create one with: rtp init --db e.db"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	other := rtp.Errorf(rtp.EDATABASE, "x.db is not an rtp tracker")
	if got := inCLIWords(other, "x.db"); got != error(other) {
		t.Errorf("another error was changed: %v", got)
	}
	if got := relabelSource(rtp.FieldError("source", "nope", "use one of memo-2017")); got.Error() != `invalid --source "nope": use one of memo-2017` {
		t.Errorf("relabelled: %q", got)
	}
}
