package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

func (a *App) checkAmendCommand() *cobra.Command {
	var period, answer, note, evidence, asOf, reason, by string
	cmd := &cobra.Command{
		Use:   "amend ANSWER_ID",
		Short: "Correct a check answer, keeping the old one in the history",
		Long: `Correct a mistaken answer in one command: the answer is recorded again with
the fields given changed and the others copied, and the old one is retracted
(--reason, default "amended"). An amended answer is corrected by amending
its amendment, which the refusal names.`,
		Example: `  rtp check amend 3 --answer partly --note "On the provisional agenda only"
  rtp check amend 3 --period 73 --reason "Wrong session"`,
		Args: withArgs("ANSWER_ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var na rtp.NewCheckAmendment
			var err error
			if na.AnswerID, err = parseEntryID("answer ID", args[0]); err != nil {
				return err
			}
			changed := cmd.Flags().Changed
			if changed("period") {
				na.Period = &period
			}
			if changed("answer") {
				an := rtp.Answer(answer)
				na.Answer = &an
			}
			if changed("note") {
				text, err := a.readNote(note)
				if err != nil {
					return err
				}
				na.Note = &text
			}
			if changed("evidence") {
				na.Evidence = &evidence
			}
			if changed("as-of") {
				day, err := a.dateFlag(cmd, "--as-of", asOf)
				if err != nil {
					return err
				}
				na.AsOf = &day
			}
			if changed("reason") && reason == "" {
				return rtp.Errorf(rtp.EINVALID, `--reason is empty: give why the answer was wrong, or leave --reason out for "amended"`)
			}
			na.Reason = reason
			if na.By, err = a.author(cmd, by); err != nil {
				return err
			}
			if err := checkInvalid(na.Validate(a.today())); err != nil {
				return err
			}
			s, keeper, err := a.openChecks(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			old, done, err := keeper.AmendCheckAnswer(cmd.Context(), na)
			if err != nil {
				return checkInvalid(err)
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s %s: answer %d amended by answer %d: %s (%s %s)",
				done.CheckID, done.Period, old.ID, done.ID, done.Answer, done.Period, done.AsOf)))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&answer, "answer", "", "the corrected answer: "+answerNames())
	f.StringVar(&period, "period", "", "the corrected period")
	f.StringVar(&note, "note", "", "the corrected note (- reads standard input)")
	f.StringVar(&evidence, "evidence", "", "the corrected URL or citation")
	f.StringVar(&asOf, "as-of", "", "the corrected day, YYYY-MM-DD")
	f.StringVar(&reason, "reason", "", `why the old answer was wrong (default "amended")`)
	f.StringVar(&by, "by", "", "who amends it (default $RTP_AUTHOR, else your user name)")
	return cmd
}
