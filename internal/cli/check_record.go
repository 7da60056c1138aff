package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

func (a *App) checkRecordCommand() *cobra.Command {
	var na rtp.NewCheckAnswer
	var answer, asOf, note, by string
	cmd := &cobra.Command{
		Use:   "record CHECK --period PERIOD --answer ANSWER",
		Short: "Record a check's answer for one period",
		Long: `Record the answer of check CHECK for --period (written as its cadence writes
periods: 2024, 72, 2024-Q1, 2024-03). Answers are appended: a later answer
for the same period (by --as-of, the day it speaks of, default today)
replaces an earlier one in lists and reports; a mistaken one is retracted
(rtp check retract) or corrected (rtp check amend). --evidence is a URL or a
citation such as a UN document symbol.`,
		Example: `  rtp check record ga-agenda-session --period 72 --answer yes --as-of 2017-09-15 \
      --evidence A/72/251 --note "Item 124 of the adopted agenda"
  rtp check record sg-report --period 2024 --answer no`,
		Args: withArgs("CHECK"),
		RunE: func(cmd *cobra.Command, args []string) error {
			na.CheckID, na.Answer = args[0], rtp.Answer(answer)
			var err error
			if na.AsOf, err = a.dateFlag(cmd, "--as-of", asOf); err != nil {
				return err
			}
			if na.Note, err = a.readNote(note); err != nil {
				return err
			}
			if na.By, err = a.author(cmd, by); err != nil {
				return err
			}
			for _, flag := range []string{"period", "answer"} {
				if !cmd.Flags().Changed(flag) {
					return rtp.Errorf(rtp.EINVALID, "give --%s: rtp check record CHECK --period PERIOD --answer %s", flag, answerNames())
				}
			}
			if err := checkInvalid(na.Validate(a.today())); err != nil {
				return err
			}
			s, keeper, err := a.openChecks(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			done, err := keeper.RecordCheckAnswer(cmd.Context(), na)
			if err != nil {
				return checkInvalid(err)
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s %s: %s (answer %d, as of %s)", done.CheckID, done.Period, done.Answer, done.ID, done.AsOf)))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&na.Period, "period", "", "the period answered: 2024, 72 (GA session), 2024-Q1 or 2024-03")
	f.StringVar(&answer, "answer", "", "the answer: "+answerNames())
	f.StringVar(&note, "note", "", "a note (- reads standard input)")
	f.StringVar(&na.Evidence, "evidence", "", "a URL or citation backing the answer")
	f.StringVar(&asOf, "as-of", "", "the day the answer speaks of, YYYY-MM-DD (default today)")
	f.StringVar(&by, "by", "", "who records it (default $RTP_AUTHOR, else your user name)")
	return cmd
}
