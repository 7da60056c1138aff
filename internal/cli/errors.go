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
	advised.Message += ": create one with: rtp init --db " + shellQuote(shownPath(path))
	return &advised
}

// adviceInCLIWords is what the command line adds to an error of each kind
// the domain names, so that the store need not know the commands.
var adviceInCLIWords = map[error]string{
	rtp.ErrFileExists:            ": give another name, or --force to replace it",
	rtp.ErrUnknownRecommendation: " (see rtp track list)",
	rtp.ErrUnknownEntry:          ": rtp track show ID lists the numbers of its updates and evidence",
}

// advised returns err with the command line's advice for its kind, if any.
func advised(err error) error {
	e, ok := err.(*rtp.Error)
	if !ok {
		return err
	}
	for kind, advice := range adviceInCLIWords {
		if errors.Is(e, kind) {
			withAdvice := *e
			withAdvice.Message += advice
			return &withAdvice
		}
	}
	return err
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
