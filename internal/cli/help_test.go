package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/spf13/cobra"
)

// TestHelpFits80 holds every command's help to an 80-column terminal (a
// new user's trial found lines of up to 134), except its examples, which
// stay whole so that they can be copied.
func TestHelpFits80(t *testing.T) {
	t.Parallel()
	app := &App{Getenv: func(string) string { return "" }, Now: time.Now}
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
		if cmd.Hidden {
			return
		}
		var out bytes.Buffer
		cmd.SetOut(&out)
		if err := cmd.Help(); err != nil {
			t.Fatalf("%s --help: %v", cmd.CommandPath(), err)
		}
		inExamples := false
		for line := range strings.SplitSeq(out.String(), "\n") {
			switch {
			case line == "Examples:":
				inExamples = true
			case line != "" && !strings.HasPrefix(line, " "):
				inExamples = false
			}
			if w := twwidth.Width(line); w > helpWidth && !inExamples {
				t.Errorf("%s --help has a line of %d columns:\n%s", cmd.CommandPath(), w, line)
			}
		}
	}
	walk(app.rootCommand())
}
