package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

func (a *App) trackEvidenceCommand() *cobra.Command {
	var title, date, note, by string
	var private bool
	cmd := &cobra.Command{
		Use:   "evidence ID REF",
		Short: "Record evidence without changing the status",
		Long: `Record evidence for a recommendation: REF is an http(s) URL or a citation
such as a UN document symbol (A/RES/72/1). --date is the document's date and
the day from which the evidence counts (default today). --private keeps it out
of reports.`,
		Example: `  rtp track evidence ga-agenda A/72/PV.2 --title "GA plenary record" --date 2017-09-15
  rtp track evidence upr https://www.upr-info.org/ --note "Mid-term assessment" --private`,
		Args: withArgs("ID", "REF"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ne := rtp.NewEvidence{Ref: args[1], Title: title, Note: note, Private: private}
			if cmd.Flags().Changed("title") && title == "" { // --title "" is a mistake, not no title
				return rtp.CheckLine("--title", title, rtp.MaxTitleBytes)
			}
			var err error
			if ne.Date, err = a.dateFlag(cmd, "--date", date); err != nil {
				return err
			}
			if ne.By, err = a.author(cmd, by); err != nil {
				return err
			}
			if err := invalid(ne.Validate(a.today())); err != nil {
				return err
			}
			s, id, err := a.openFor(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer s.Close()
			ne.RecommendationID = id
			e, err := s.AddEvidence(cmd.Context(), ne)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s: evidence %d recorded: %s (%s)", ne.RecommendationID, e.ID, e.Ref, e.Date)))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&title, "title", "", "the document's title")
	f.StringVar(&date, "date", "", "the document's date, YYYY-MM-DD (default today)")
	f.StringVar(&note, "note", "", "what the evidence shows")
	f.BoolVar(&private, "private", false, "keep it out of reports")
	f.StringVar(&by, "by", "", "who records it (default $RTP_AUTHOR, else your user name)")
	return cmd
}
