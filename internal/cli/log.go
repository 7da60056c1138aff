package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

func (a *App) logCommand() *cobra.Command {
	var since, by, id, batch, format string
	var batches bool
	cmd := &cobra.Command{
		Use:   "log",
		Short: "Show the activity log: everything recorded, who and when",
		Long: `Show everything recorded in the tracker, oldest first: updates, assignments
and unassignments, evidence and retractions, with when each was recorded (UTC)
and who asserted it. Filters combine.

Every import and merge is a batch, numbered: --batches lists them (WHAT is
"import N" or "merge N", DETAILS the file), --batch N shows one and what it
recorded, and the JSON format gives each entry's batch (null for none).`,
		Example: `  rtp log
  rtp log --since 2026-01-01 --by ICRtoP
  rtp log --id ga-agenda --format csv > ga-agenda-history.csv
  rtp log --batches
  rtp log --batch 3`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var f rtp.LogFilter
			var err error
			if cmd.Flags().Changed("since") {
				if f.Since, err = rtp.ParseDate("--since", since, a.today()); err != nil {
					return err
				}
			}
			if cmd.Flags().Changed("by") {
				if err := rtp.CheckLine("--by", by, rtp.MaxNameBytes); err != nil {
					return err
				}
				f.By = by
			}
			if cmd.Flags().Changed("batch") {
				if f.Batch, err = parseBatchID("--batch", batch); err != nil {
					return err
				}
			}
			f.Batches = batches
			if err := render.CheckFormat(format, render.ListFormats); err != nil {
				return err
			}
			s, err := a.openReader(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if cmd.Flags().Changed("id") {
				if f.RecommendationID, err = s.Resolve(cmd.Context(), id); err != nil {
					return err
				}
			}
			out, err := render.NewLogWriter(a.Stdout, format, a.renderOptions())
			if err != nil {
				return err
			}
			if err := s.Log(cmd.Context(), f, out.Write); err != nil {
				return err
			}
			return out.Close()
		},
	}
	f := cmd.Flags()
	f.StringVar(&since, "since", "", "only what was recorded on or after this day (inclusive), YYYY-MM-DD")
	f.StringVar(&by, "by", "", "only what this person or organisation asserted")
	f.StringVar(&id, "id", "", "only this recommendation (ID, number or prefix)")
	f.StringVar(&batch, "batch", "", "only this import or merge and what it recorded")
	f.BoolVar(&batches, "batches", false, "list the imports and merges instead of the entries")
	f.StringVar(&format, "format", "table", "output format: "+strings.Join(render.ListFormats, ", "))
	return cmd
}
