package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's console blocks are run as a reader follows it, top to bottom
// in one fresh home folder, and what each command prints (stdout and stderr
// as a terminal interleaves them) must be what the README shows under it:
// the README cannot drift from the program.
//
// Conventions, for whoever edits the README:
//   - a ```console block holds commands after "$ " (a line ending in "\"
//     continues on the next) and, under each, exactly what it prints;
//   - a line "…" alone in the output stands for any number of lines;
//   - <!-- readme-test: skip (why) --> on the line before a block leaves it
//     out, for examples that need files the README does not give.
//
// Blocks of other languages (sh, json, …) are not run.

// readmeEnv is the reader's session: a fixed day and name, and the
// 100-column terminal the README's tables are fitted to.
var readmeEnv = []string{
	"RTP_NOW=2026-11-29T12:00:00Z",
	"RTP_AUTHOR=amina",
	"COLUMNS=100",
	"RTP_DB=",
	"XDG_DATA_HOME=",
}

// readmeStep is one command of a console block and the output shown under it.
type readmeStep struct {
	line    int // of the command in README.md
	command string
	want    []string
}

func TestREADME(t *testing.T) {
	t.Parallel()
	readme := filepath.Join("..", "..", "README.md")
	steps, err := readmeSteps(readme)
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) < 5 {
		t.Fatalf("found %d commands in the README's console blocks: the test is not reading them", len(steps))
	}
	checkGoVersion(t, readme)
	home := t.TempDir()
	env := append(append(os.Environ(), "HOME="+home), readmeEnv...)
	run := func(command string) string {
		cmd := exec.Command("sh", "-c", command)
		cmd.Dir, cmd.Env = home, env
		out, _ := cmd.CombinedOutput() // the README shows failures too; their output is compared
		return string(out)
	}

	// "Start here" makes the tracker with `go run ./cmd/rtp track list`.
	if out := run("rtp track list"); !strings.Contains(out, "rtp: created a new tracker at ") {
		t.Fatalf("Start here's first command did not say it created the tracker:\n%s", out)
	}
	for _, step := range steps {
		got := strings.Split(strings.TrimSuffix(run(step.command), "\n"), "\n")
		if len(got) == 1 && got[0] == "" {
			got = nil
		}
		if !matchLines(step.want, got) {
			t.Errorf("README.md:%d: $ %s\nthe README shows:\n%s\nrtp printed:\n%s", step.line, step.command,
				strings.Join(step.want, "\n"), strings.Join(got, "\n"))
		}
	}
}

// readmeSteps reads the commands of the README's console blocks and the
// output shown under each.
func readmeSteps(path string) ([]readmeStep, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var steps []readmeStep
	var inBlock, skip, continued bool
	previous := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case !inBlock && line == "```console":
			inBlock, skip = true, strings.HasPrefix(previous, "<!-- readme-test: skip")
		case !inBlock:
		case line == "```":
			inBlock, continued = false, false
		case skip:
		case continued:
			steps[len(steps)-1].command += "\n" + line
			continued = strings.HasSuffix(line, `\`)
		case strings.HasPrefix(line, "$ "):
			steps = append(steps, readmeStep{line: n, command: strings.TrimPrefix(line, "$ ")})
			continued = strings.HasSuffix(line, `\`)
		case len(steps) == 0:
			return nil, fmt.Errorf("%s:%d: output before the first $ command of a console block", path, n)
		default:
			steps[len(steps)-1].want = append(steps[len(steps)-1].want, line)
		}
		previous = line
	}
	return steps, sc.Err()
}

// matchLines compares output line by line; a "…" line in want matches any
// number of lines.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "…" {
		for i := 0; i <= len(got); i++ {
			if matchLines(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && want[0] == got[0] && matchLines(want[1:], got[1:])
}

// checkGoVersion holds the Go version Start here asks for to go.mod's.
func checkGoVersion(t *testing.T, readme string) {
	t.Helper()
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	version := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if version == nil {
		t.Fatal("go.mod has no go line")
	}
	if want := "Go " + string(version[1]) + " or later"; !strings.Contains(string(text), want) {
		t.Errorf("README.md does not say %q, as go.mod asks", want)
	}
}

// TestMatchLines holds the README's "…" convention: it stands for any
// number of lines, none included, and nothing else is loose.
func TestMatchLines(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		want, got []string
		match     bool
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, true},
		{[]string{"a", "b"}, []string{"a", "c"}, false},
		{[]string{"a"}, []string{"a", "b"}, false},
		{[]string{"a", "…"}, []string{"a", "b", "c"}, true},
		{[]string{"a", "…", "d"}, []string{"a", "d"}, true},
		{[]string{"a", "…", "d"}, []string{"a", "b", "c", "d"}, true},
		{[]string{"a", "…", "d"}, []string{"a", "b", "c"}, false},
		{nil, nil, true},
		{nil, []string{"a"}, false},
	} {
		if got := matchLines(c.want, c.got); got != c.match {
			t.Errorf("matchLines(%q, %q) = %v, want %v", c.want, c.got, got, c.match)
		}
	}
}
