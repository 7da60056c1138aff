package cli

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

// withArgs checks the number of positional arguments, naming what the
// command takes in the error: a new user's first mistake is often
// `rtp report report.md`, so a command that writes files suggests --output.
func withArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == len(names) {
			return nil
		}
		path := cmd.CommandPath()
		if len(args) < len(names) {
			return rtp.Errorf(rtp.EINVALID, "%s needs %s (see %s --help)", path, strings.Join(names[len(args):], " and "), path)
		}
		if len(names) == 0 {
			if err := periodSplit(cmd, args); err != nil {
				return err
			}
			if len(args) == 1 && cmd.Flags().Lookup("output") != nil {
				return rtp.Errorf(rtp.EINVALID, "%s takes no arguments; to write to a file use --output %s", path, shellQuote(args[0]))
			}
			return rtp.Errorf(rtp.EINVALID, "%s takes no arguments, but got %q (see %s --help)", path, args, path)
		}
		return rtp.Errorf(rtp.EINVALID, "%s takes %s, but got %d arguments: %q (quote text that has spaces)",
			path, strings.Join(names, " and "), len(args), args)
	}
}

// periodSplit refuses --stale 6 months, unquoted, as the period it was
// meant to be ("6 months", which hints 6m) rather than as an argument
// "months" that the command does not take; the same for the other period
// flags, --within and --due-within.
func periodSplit(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return nil
	}
	for _, name := range []string{"stale", "within", "due-within"} {
		if !cmd.Flags().Changed(name) {
			continue
		}
		value := cmd.Flags().Lookup(name).Value.String() + " " + args[0]
		var e *rtp.Error
		if err := rtp.CheckPeriod("--"+name, value); errors.As(err, &e) && e.Hint != "" {
			return err
		}
	}
	return nil
}
