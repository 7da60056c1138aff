package cli

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"
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
	f, ok := p.a.Stderr.(*os.File)
	if !ok || total < 1000 || !term.IsTerminal(int(f.Fd())) {
		return
	}
	const width = 30
	filled := done * width / total
	fmt.Fprintf(f, "\r%s [%-*s] %d/%d", p.label, width, strings.Repeat("#", filled), done, total)
	p.shown = true
}

// done clears the progress line before the summary is printed.
func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.a.Stderr, "\r\x1b[K")
	}
}
