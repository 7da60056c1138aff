package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

func (a *App) trackShowCommand() *cobra.Command {
	var format, asOf, asRecorded string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show everything about one recommendation",
		Long: `Show one recommendation: its full text as the memo has it, whom it addresses,
its themes and owners, the timeline of updates (oldest first) with the evidence
of each, and the evidence not tied to an update. Update and evidence numbers
are shown so that they can be referred to.

--as-of shows it as it stood on that day, as known now: the status and
owners on that day, and the updates and evidence dated up to it.
--as-recorded shows it as the tracker said at an earlier moment (a date,
meaning the end of that day UTC, or an RFC 3339 time): updates, evidence and
retractions received later are left out.

A target (rtp track target) in force on the day is shown with how far off it
is: "implemented, due 2026-12-31, in 31 days", or "overdue by 12 days".`,
		Example: `  rtp track show ga-agenda
  rtp track show 6 --format markdown >> briefing.md
  rtp track show ga --format json | jq .updates
  rtp track show upr --as-of 2019-12-31
  rtp track show gender-lens --as-recorded 2021-06-01T09:00:00Z`,
		Args: withArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := render.CheckFormat(format, render.ShowFormats); err != nil {
				return err
			}
			day, err := a.dateFlag(cmd, "--as-of", asOf)
			if err != nil {
				return err
			}
			known, err := a.asRecorded(cmd, asRecorded)
			if err != nil {
				return err
			}
			s, id, err := a.readerFor(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer s.Close()
			// Nothing stood before the source was issued: say so, as
			// lists leave the recommendation out for such a day.
			if cmd.Flags().Changed("as-of") {
				made, err := s.MadeDates(cmd.Context())
				if err != nil {
					return err
				}
				if err := rtp.CheckMade("--as-of", day, id, made[id]); err != nil {
					return err
				}
			}
			d, err := s.Detail(cmd.Context(), id, day, known)
			if err != nil {
				return err
			}
			if d.Target, err = rtp.TargetOf(cmd.Context(), s, id, d.Status, day, known); err != nil {
				return err
			}
			return render.Show(a.Stdout, format, d.UpTo(day), a.renderOptions())
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: "+strings.Join(render.ShowFormats, ", "))
	cmd.Flags().StringVar(&asOf, "as-of", "", "the day whose state to show, YYYY-MM-DD (default today)")
	addAsRecordedFlag(cmd.Flags(), &asRecorded)
	return cmd
}
