package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp/internal/render"
)

func (a *App) trackShowCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show everything about one recommendation",
		Long: `Show one recommendation: its full text as the memo has it, whom it addresses,
its themes and owners, the timeline of updates (oldest first) with the evidence
of each, and the evidence not tied to an update. Update and evidence numbers
are shown so that they can be referred to.`,
		Example: `  rtp track show ga-agenda
  rtp track show 6 --format markdown >> briefing.md
  rtp track show ga --format json | jq .updates`,
		Args: withArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := render.CheckFormat(format, render.ShowFormats); err != nil {
				return err
			}
			s, id, err := a.readerFor(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			defer s.Close()
			d, err := s.Detail(cmd.Context(), id, a.today())
			if err != nil {
				return err
			}
			return render.Show(a.Stdout, format, d, a.renderOptions())
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: "+strings.Join(render.ShowFormats, ", "))
	return cmd
}
