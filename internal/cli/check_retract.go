package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

func (a *App) checkRetractCommand() *cobra.Command {
	var reason, by string
	cmd := &cobra.Command{
		Use:   "retract ANSWER_ID --reason TEXT",
		Short: "Mark a mistaken check answer as retracted",
		Long: `Correct a mistaken answer without losing history: a retraction is a new
entry saying that the answer was wrong, and why. The answer no longer counts
for its period on any day; the period is missing again unless another answer
holds. ANSWER_ID is the number rtp check record and rtp check list print (#).`,
		Example: `  rtp check retract 3 --reason "Recorded for the wrong session"`,
		Args:    withArgs("ANSWER_ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var nr rtp.NewCheckRetraction
			var err error
			if nr.AnswerID, err = parseEntryID("answer ID", args[0]); err != nil {
				return err
			}
			nr.AsOf = a.today()
			if nr.Reason, nr.By, err = a.retractionReason(cmd, reason, by); err != nil {
				return err
			}
			if err := checkInvalid(nr.Validate(a.today())); err != nil {
				return err
			}
			s, keeper, err := a.openChecks(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			done, err := keeper.RetractCheckAnswer(cmd.Context(), nr)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s %s: answer %d (%s) retracted", done.CheckID, done.Period, done.ID, done.Answer)))
			return nil
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why the answer was a mistake (required)")
	cmd.Flags().StringVar(&by, "by", "", "who retracts it (default $RTP_AUTHOR, else your user name)")
	return cmd
}
