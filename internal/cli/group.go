package cli

import (
	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

// refuseUnknownSubcommands makes every command that only holds subcommands
// (rtp, rtp track, rtp db, any group added later) refuse a word it does not
// know: cobra would print the group's help and exit 0, so that
// `rtp track lst` looked like it worked. Without arguments a group prints
// its help, as before.
func refuseUnknownSubcommands(cmd *cobra.Command) {
	for _, sub := range cmd.Commands() {
		refuseUnknownSubcommands(sub)
	}
	if !cmd.HasSubCommands() || cmd.Runnable() {
		return
	}
	cmd.Args = unknownSubcommand
	cmd.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
}

// unknownSubcommand refuses any argument a group is given (its subcommands
// never reach it), with cobra's suggestions each on a line of its own.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	e := rtp.Errorf(rtp.EINVALID, "unknown command %q for %q (see %s --help)", args[0], cmd.CommandPath(), cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra sets its default only where it reports unknown commands itself
	}
	for _, suggestion := range cmd.SuggestionsFor(args[0]) {
		e.Details = append(e.Details, "Did you mean "+cmd.CommandPath()+" "+suggestion+"?")
	}
	return e
}
