package cli

import (
	"errors"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// inCLIWords adds to a store error the advice only the command line can
// give, in its words: which command creates a tracker, with the path quoted
// for the shell.
func inCLIWords(err error, path string) error {
	var e *rtp.Error
	if !errors.As(err, &e) || !(errors.Is(err, rtp.ErrNoTracker) || errors.Is(err, rtp.ErrEmptyTracker)) {
		return err
	}
	advised := *e
	advised.Message += ": create one with: rtp init --db " + shellQuote(path)
	return &advised
}

// relabelSource names the source filter as the user typed it.
func relabelSource(err error) error {
	return rtp.Relabel(err, map[string]string{"source": "--source"})
}

// shellQuote quotes a path for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	for _, r := range s {
		if !(r == '/' || r == '.' || r == '-' || r == '_' || r == '~' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}
