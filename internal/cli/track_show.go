package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp/internal/render"
)

func (a *App) trackShowCommand() *cobra.Command {
	var format, asRecorded string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show everything about one recommendation",
		Long: `Show one recommendation: its full text as the memo has it, whom it addresses,
its themes and owners, the timeline of updates (oldest first) with the evidence
of each, and the evidence not tied to an update. Update and evidence numbers
are shown so that they can be referred to.

--as-recorded shows it as the tracker said at an earlier moment (a date,
meaning the end of that day UTC, or an RFC 3339 time): updates, evidence and
retractions received later are left out.`,
		Example: `  rtp track show ga-agenda
  rtp track show 6 --format markdown >> briefing.md
  rtp track show ga --format json | jq .updates
  rtp track show gender-lens --as-recorded 2021-06-01T09:00:00Z`,
		Args: withArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := render.CheckFormat(format, render.ShowFormats); err != nil {
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
			d, err := s.Detail(cmd.Context(), id, a.today(), known)
			if err != nil {
				return err
			}
			return render.Show(a.Stdout, format, d, a.renderOptions())
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: "+strings.Join(render.ShowFormats, ", "))
	addAsRecordedFlag(cmd.Flags(), &asRecorded)
	return cmd
}
