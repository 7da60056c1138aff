package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

// targetFlagOf names a target's fields as the command line gives them.
var targetFlagOf = map[string]string{"due": "DATE", "status": "--status", "note": "--note", "as_of": "--as-of", "recommendation": "ID"}

func (a *App) trackTargetCommand() *cobra.Command {
	var status, note, asOf, by string
	var clear bool
	cmd := &cobra.Command{
		Use:   "target ID DATE",
		Short: "Set, move or drop the date a recommendation should reach a status",
		Long: `Set the day (DATE, YYYY-MM-DD) by which a recommendation should reach a status
(--status: in-progress, partial or implemented; default implemented). Unlike
every other date, DATE may lie in the future. Setting a target again moves it:
a new entry is recorded and the history keeps the old one. --clear drops the
target (give no DATE), also as a new entry.

The target in force on a day is the latest target entry dated (--as-of) on or
before it. It is reached once the recommendation's status is the one asked
for or a later step (partial reaches in-progress, implemented reaches both);
an unreached target whose date has passed is overdue: rtp track list
--overdue, rtp track show and rtp due say so.`,
		Example: `  rtp track target ga-agenda 2026-12-31
  rtp track target 6 2027-06-30 --status partial --note "Agreed at the coalition retreat"
  rtp track target ga-agenda 2027-09-30 --note "Moved: the GA session slipped"
  rtp track target ga-agenda --clear --note "Dropped from the work plan"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if clear {
				if len(args) == 2 {
					return rtp.Errorf(rtp.EINVALID, "--clear drops the target: give no DATE (got %q)", args[1])
				}
				return withArgs("ID")(cmd, args)
			}
			return withArgs("ID", "DATE")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			nt := rtp.NewTarget{Note: note, Clear: clear}
			if clear {
				if cmd.Flags().Changed("status") {
					return rtp.Errorf(rtp.EINVALID, "--clear drops the target: give no --status")
				}
			} else {
				nt.Due, nt.Status = rtp.Date(args[1]), rtp.Status(status)
			}
			var err error
			if nt.AsOf, err = a.dateFlag(cmd, "--as-of", asOf); err != nil {
				return err
			}
			if nt.By, err = a.author(cmd, by); err != nil {
				return err
			}
			s, id, err := a.openFor(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer s.Close()
			nt.RecommendationID = id
			if err := nt.Validate(a.today()); err != nil {
				return invalidIn(err, targetFlagOf)
			}
			done, err := s.SetTarget(cmd.Context(), nt)
			if err != nil {
				return rtp.Relabel(err, targetFlagOf)
			}
			if done.Due == "" {
				fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s: no target from %s", done.RecommendationID, done.AsOf)))
				return nil
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s: %s by %s (set from %s)", done.RecommendationID, done.Status, done.Due, done.AsOf)))
			return nil
		},
	}
	cmd.Flags().StringVar(&status, "status", string(rtp.StatusImplemented), "the status to reach: in-progress, partial or implemented")
	cmd.Flags().StringVar(&note, "note", "", "why this target, or why it moved")
	cmd.Flags().BoolVar(&clear, "clear", false, "drop the target in force (give no DATE)")
	cmd.Flags().StringVar(&asOf, "as-of", "", "the day the target is set from, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&by, "by", "", "who records it (default $RTP_AUTHOR, else your user name)")
	return cmd
}
