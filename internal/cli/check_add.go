package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

func (a *App) checkAddCommand() *cobra.Command {
	var nc rtp.NewCheck
	var rec, every, by string
	cmd := &cobra.Command{
		Use:   "add ID --rec REC --question TEXT --every CADENCE --due MM-DD",
		Short: "Add a question asked again every period",
		Long: `Add a recurring check: a question about recommendation --rec asked every
year, GA session, quarter or month from period --from (default: the period
today falls in), its answer due on --due (MM-DD, see rtp check --help). ID is
the check's own name, typed later to record answers: lower-case words joined
by hyphens. A check is defined once and cannot be changed: add another.`,
		Example: `  rtp check add ga-agenda-session --rec ga-agenda --every session --due 09-30 --from 72 \
      --question "Is RtoP on the formal agenda of this GA session?"
  rtp check add sg-report --rec 4 --every year --due 07-31 --question "Did the SG report come out?"`,
		Args: withArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nc.ID, nc.Every = args[0], rtp.Cadence(every)
			var err error
			if nc.By, err = a.author(cmd, by); err != nil {
				return err
			}
			if !cmd.Flags().Changed("from") && nc.Every != "" {
				nc.From = rtp.PeriodOn(nc.Every, a.today()).String()
			}
			if !cmd.Flags().Changed("rec") {
				return rtp.Errorf(rtp.EINVALID, "give the recommendation the check is about: --rec ID")
			}
			nc.RecommendationID = rec // checked in full once resolved
			if err := checkInvalid(nc.Validate(a.today())); err != nil && rtp.ProblemsOf(err)[0].Field != "--rec" {
				return err
			}
			s, keeper, err := a.openChecks(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if nc.RecommendationID, err = s.Resolve(cmd.Context(), rec); err != nil {
				return err
			}
			c, err := keeper.AddCheck(cmd.Context(), nc)
			if err != nil {
				return checkInvalid(err)
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("check %s added on %s: every %s from %s, due %s: %s",
				c.ID, c.RecommendationID, c.Every, c.From, c.Due, c.Question)))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&rec, "rec", "", "the recommendation the check is about (ID, number or prefix)")
	f.StringVar(&nc.Question, "question", "", "the question asked every period")
	f.StringVar(&every, "every", "", "how often it is asked: "+cadenceNames())
	f.StringVar(&nc.Due, "due", "", "when each period's answer is due, MM-DD (see rtp check --help)")
	f.StringVar(&nc.From, "from", "", "the first period asked (default: the current one)")
	f.StringVar(&by, "by", "", "who adds it (default $RTP_AUTHOR, else your user name)")
	return cmd
}
