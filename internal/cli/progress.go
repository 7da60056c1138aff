package cli

import (
	"fmt"
	"strings"
)

// progress reports a long import or merge on stderr when stderr is a
// terminal, as one line redrawn in place; in a pipe or a log it is silent.
type progress struct {
	a     *App
	label string
	shown bool
}

func (a *App) progress(label string) *progress { return &progress{a: a, label: label} }

func (p *progress) update(done, total int) {
	if total < 1000 || !p.a.StderrIsTerminal {
		return
	}
	const width = 30
	filled := done * width / total
	fmt.Fprintf(p.a.Stderr, "\r%s [%-*s] %d/%d", p.label, width, strings.Repeat("#", filled), done, total)
	p.shown = true
}

// done clears the progress line before the summary is printed.
func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.a.Stderr, "\r\x1b[K")
	}
}
