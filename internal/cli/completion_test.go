package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// TestCompletionCoversTheCommands keeps the completion tables in step with
// the commands: every --format flag completes its values, and every command
// and flag the tables name exists (a renamed one would silently complete
// nothing).
func TestCompletionCoversTheCommands(t *testing.T) {
	t.Parallel()
	app := &App{Getenv: func(string) string { return "" }, Now: time.Now}
	commands := map[string]*cobra.Command{}
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		commands[cmd.CommandPath()] = cmd
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	root := app.rootCommand()
	app.registerCompletions(root) // as Run does for a shell's __complete
	walk(root)

	for path, cmd := range commands {
		if cmd.LocalFlags().Lookup("format") == nil {
			continue
		}
		if _, ok := cmd.GetFlagCompletionFunc("format"); !ok {
			t.Errorf("%s --format completes nothing: add it to flagCompleters", path)
		}
	}
	for key := range flagCompleters() {
		path, flag, scoped := strings.Cut(key, " --")
		if !scoped {
			continue
		}
		cmd, ok := commands[path]
		if !ok {
			t.Errorf("flagCompleters names %q, which is no command", path)
			continue
		}
		if cmd.LocalFlags().Lookup(flag) == nil {
			t.Errorf("flagCompleters names %s --%s, which is no flag of it", path, flag)
		}
	}
	for path := range argCompleters() {
		if commands[path] == nil {
			t.Errorf("argCompleters names %q, which is no command", path)
		}
	}
	for path := range fileArgs {
		if commands[path] == nil {
			t.Errorf("fileArgs names %q, which is no command", path)
		}
	}
}
