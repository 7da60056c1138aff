package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

func (a *App) trackAssignCommand() *cobra.Command {
	var role, asOf, by string
	cmd := &cobra.Command{
		Use:   "assign ID NAME",
		Short: "Make someone a follow-up owner of a recommendation",
		Long: `Make NAME (a person or an organisation of the coalition) a follow-up owner of
a recommendation: the lead who chases it, a member who supports, or one who
monitors. Owners are not the bodies the recommendation is addressed to.
Assigning an owner again with another role changes the role; the history keeps
every assignment.`,
		Example: `  rtp track assign ga-agenda "Global Centre for R2P" --role lead
  rtp track assign 2 "FES New York" --role support --as-of 2018-01-15`,
		Args: withArgs("ID", "NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			asg, err := a.assignment(cmd, args[1], asOf, by)
			if err != nil {
				return err
			}
			if role == "" { // --role "" is a mistake, not an unassignment
				_, err := rtp.ParseRole("--role", role)
				return err
			}
			asg.Role = rtp.Role(role)
			if err := invalid(asg.Validate(a.today())); err != nil {
				return err
			}
			s, id, err := a.openFor(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer s.Close()
			asg.RecommendationID = id
			owner, changed, err := s.Assign(cmd.Context(), asg)
			if err != nil {
				return err
			}
			asg.Owner = owner // as the history spells it
			if !changed {
				fmt.Fprintf(a.Stderr, "rtp: %s is already %s of %s; nothing changed\n", oneLine(asg.Owner), asg.Role, asg.RecommendationID)
				return nil
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s: %s is %s from %s", asg.RecommendationID, asg.Owner, asg.Role, asg.AsOf)))
			return nil
		},
	}
	cmd.Flags().StringVar(&role, "role", "lead", "lead, support or monitor")
	cmd.Flags().StringVar(&asOf, "as-of", "", "the day the assignment starts, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&by, "by", "", "who records it (default $RTP_AUTHOR, else your user name)")
	return cmd
}

// assignment reads what assign and unassign share: the owner's name, the
// date and who records it.
func (a *App) assignment(cmd *cobra.Command, owner, asOf, by string) (rtp.Assignment, error) {
	asg := rtp.Assignment{Owner: owner}
	var err error
	if asg.AsOf, err = a.dateFlag(cmd, "--as-of", asOf); err != nil {
		return asg, err
	}
	asg.By, err = a.author(cmd, by)
	return asg, err
}
