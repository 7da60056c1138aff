package cli

import (
	"context"
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
such as a UN document symbol (A/RES/72/1), which reports link to the UN's
Official Document System. A web address needs its scheme: www.globalr2p.org is
refused, https://www.globalr2p.org is taken. The same UN document given as its
symbol and as its undocs.org address is cited once in reports.

--date is the document's date and the day from which the evidence counts
(default today: rtp then says so, and names the recommendation's latest update
when it is older, in case the evidence belongs to it). --private keeps it out
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
			private := ""
			if e.Private {
				private = ", private"
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s: evidence %d recorded: %s (%s%s)", ne.RecommendationID, e.ID, e.Ref, e.Date, private)))
			if !cmd.Flags().Changed("date") {
				return a.explainEvidenceDate(cmd.Context(), s, ne.RecommendationID, e)
			}
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

// explainEvidenceDate says, on standard error, which day evidence recorded
// without --date counts from, and where the recommendation's latest update
// is older names it: evidence for a 2019 debate recorded today would
// otherwise be missing from every report of 2019 without a word.
func (a *App) explainEvidenceDate(ctx context.Context, s rtp.Reader, id string, e rtp.Evidence) error {
	fmt.Fprintf(a.Stderr, "rtp: no --date given: the evidence counts from today, %s\n", e.Date)
	it, err := s.Item(ctx, id, e.Date)
	if err != nil {
		return err
	}
	if it.LastUpdate != nil && *it.LastUpdate < e.Date {
		fmt.Fprintf(a.Stderr, "rtp: the latest update of %s is dated %s; if the evidence belongs to it, retract this entry (rtp track retract --evidence %d --reason ...) and record it again with --date %s\n",
			id, *it.LastUpdate, e.ID, *it.LastUpdate)
	}
	return nil
}
