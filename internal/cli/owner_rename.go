package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

// renameFlagOf names a rename's fields as the command line gives them.
var renameFlagOf = map[string]string{"old": "OLD", "new": "NEW", "as_of": "--as-of"}

func (a *App) ownerRenameCommand() *cobra.Command {
	var asOf, by string
	cmd := &cobra.Command{
		Use:   "rename OLD NEW --as-of DATE",
		Short: "Record that an owner is called by a new name from a day",
		Long: `Record that the owner called OLD is called NEW from --as-of on (the Stanley
Foundation became the Stanley Center). Lists, show and reports for a day before
the rename show the old name, from that day on the new one; assignments under
either name are one owner, and --owner finds it by any of its names. NEW must
not already be another owner, nor one of OLD's former names; the date must not
be before OLD's first assignment or latest rename, nor in the future.`,
		Example: `  rtp owner rename "Stanley Foundation" "Stanley Center" --as-of 2021-01-01
  rtp owner rename "FES New York" "FES UN Office" --as-of 2019-03-01 --by amina`,
		Args: withArgs("OLD", "NEW"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("as-of") {
				return rtp.Errorf(rtp.EINVALID, "rtp owner rename needs --as-of DATE, the day the new name takes effect (YYYY-MM-DD)")
			}
			r := rtp.NewOwnerRename{Old: args[0], New: args[1]}
			var err error
			if r.AsOf, err = a.dateFlag(cmd, "--as-of", asOf); err != nil {
				return err
			}
			if r.By, err = a.author(cmd, by); err != nil {
				return err
			}
			if err := r.Validate(a.today()); err != nil {
				return rtp.Relabel(rtp.ProblemsOf(err)[0], renameFlagOf)
			}
			s, err := a.openTracker(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			done, err := s.RenameOwner(cmd.Context(), r)
			if err != nil {
				return rtp.Relabel(err, renameFlagOf)
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s is called %s from %s", done.OldName, done.NewName, done.AsOf)))
			return nil
		},
	}
	cmd.Flags().StringVar(&asOf, "as-of", "", "the day the new name takes effect, YYYY-MM-DD (required)")
	cmd.Flags().StringVar(&by, "by", "", "who records it (default $RTP_AUTHOR, else your user name)")
	return cmd
}
