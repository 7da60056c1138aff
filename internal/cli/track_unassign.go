package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *App) trackUnassignCommand() *cobra.Command {
	var asOf, by string
	cmd := &cobra.Command{
		Use:   "unassign ID NAME",
		Short: "End someone's follow-up of a recommendation",
		Long: `End NAME's follow-up of a recommendation from a date. The earlier assignment
stays in the history, so --as-of lists still show who owned it then.`,
		Example: `  rtp track unassign ga-agenda "Global Centre for R2P"
  rtp track unassign 2 "FES New York" --as-of 2019-06-30`,
		Args: withArgs("ID", "NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			asg, err := a.assignment(cmd, args[1], asOf, by)
			if err != nil {
				return err
			}
			if err := invalid(asg.Validate(a.today())); err != nil {
				return err
			}
			s, id, err := a.openFor(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer s.Close()
			asg.RecommendationID = id
			if asg.Owner, err = s.Unassign(cmd.Context(), asg); err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s: %s is no longer an owner from %s", asg.RecommendationID, asg.Owner, asg.AsOf)))
			return nil
		},
	}
	cmd.Flags().StringVar(&asOf, "as-of", "", "the day the follow-up ends, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&by, "by", "", "who records it (default $RTP_AUTHOR, else your user name)")
	return cmd
}
