package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are a command's input and outputs, and what it knows of the
// terminal. The terminal is asked once, when rtp starts (SystemStreams);
// a test sets the fields to see the output a user's terminal would get.
type IOStreams struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// IsTerminal is true when Stdout is a terminal: tables are then fitted
	// to Width, and binary formats are refused rather than garble it.
	IsTerminal bool
	// Width is the terminal's width in columns; 0 when unknown, and 80 is
	// assumed.
	Width int
	// StderrIsTerminal is true when Stderr is a terminal: only then is the
	// progress of a long import or merge drawn.
	StderrIsTerminal bool
}

// SystemStreams are the process's own streams, with the terminal asked
// about once.
func SystemStreams() IOStreams {
	s := IOStreams{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	if fd := int(os.Stdout.Fd()); term.IsTerminal(fd) {
		s.IsTerminal = true
		if w, _, err := term.GetSize(fd); err == nil && w > 0 {
			s.Width = w
		}
	}
	s.StderrIsTerminal = term.IsTerminal(int(os.Stderr.Fd()))
	return s
}
