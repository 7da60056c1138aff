package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp/internal/render"
)

func (a *App) sourceListCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List the source documents",
		Long:    `List the source documents of the tracker: ID, kind, date, how many recommendations and title.`,
		Example: "  rtp source list\n  rtp source list --format json",
		Args:    withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := render.CheckFormat(format, render.ListFormats); err != nil {
				return err
			}
			s, err := a.openReader(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			list, err := s.Sources(cmd.Context())
			if err != nil {
				return err
			}
			out, err := render.NewSourceWriter(a.Stdout, format, a.renderOptions())
			if err != nil {
				return err
			}
			for _, src := range list {
				if err := out.Write(render.SourceRow{Source: src.Source, Recommendations: src.Recommendations}); err != nil {
					return err
				}
			}
			return out.Close()
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: "+strings.Join(render.ListFormats, ", "))
	return cmd
}
