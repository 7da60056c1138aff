package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// helloWorld is the smallest Go program that prints: what any Go command
// costs to start, against which rtp's start-up is measured.
const helloWorld = `package main

import "fmt"

func main() { fmt.Println("hello, world") }
`

// startup times `rtp --version`, which opens nothing, beside a Go "hello
// world" built by the same toolchain, alternating: what rtp costs before it
// does any work.
func startup(c config, md io.Writer, rtpBin string, log io.Writer) error {
	fmt.Fprintln(log, "  rtp --version and a Go hello world …")
	dir := filepath.Join(c.dir, "hello")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(helloWorld), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n"), 0o644); err != nil {
		return err
	}
	hello := filepath.Join(dir, "hello")
	build := exec.Command("go", "build", "-o", "hello", ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building hello world: %v: %s", err, out)
	}
	// Start-up is a few milliseconds: three times the runs, for a steadier
	// median.
	var rtpRuns, helloRuns []measurement
	for range 3 * c.runs {
		m, err := execute(rtpBin, []string{"--version"}, nil, "")
		if err != nil {
			return err
		}
		rtpRuns = append(rtpRuns, m)
		if m, err = execute(hello, nil, nil, ""); err != nil {
			return err
		}
		helloRuns = append(helloRuns, m)
	}
	rtpRSS, err := peakRSS(rtpBin, []string{"--version"}, nil, "")
	if err != nil {
		return err
	}
	helloRSS, err := peakRSS(hello, nil, nil, "")
	if err != nil {
		return err
	}
	r, h := median(rtpRuns, rtpRSS), median(helloRuns, helloRSS)
	fmt.Fprintf(md, "## Start-up\n\n")
	fmt.Fprintln(md, "| command | rtp | Go hello world | ratio | rtp peak RSS | hello world peak RSS |")
	fmt.Fprintln(md, "|---|---:|---:|---:|---:|---:|")
	fmt.Fprintf(md, "| `rtp --version` | %s | %s | %.1f× | %s | %s |\n\n", ms(r.wall), ms(h.wall), float64(r.wall)/float64(h.wall), mib(r.rss), mib(h.rss))
	return nil
}
