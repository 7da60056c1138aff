package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

func (a *App) ownerListCommand() *cobra.Command {
	var asOf, format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the owners, what they follow up and their former names",
		Long: `List every follow-up owner on a day (default today), by the name it had then,
with the recommendations it follows up and its role in each, and the names it
had before (rtp owner rename).`,
		Example: `  rtp owner list
  rtp owner list --as-of 2020-12-31 --format csv`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := render.CheckFormat(format, render.ListFormats); err != nil {
				return err
			}
			day, err := a.dateFlag(cmd, "--as-of", asOf)
			if err != nil {
				return err
			}
			s, err := a.openReader(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			var items []rtp.Item
			err = s.Each(cmd.Context(), rtp.ListFilter{AsOf: day}, func(it rtp.Item) error {
				if len(it.Owners) > 0 {
					items = append(items, it)
				}
				return nil
			})
			if err != nil {
				return err
			}
			renames, err := s.OwnerRenames(cmd.Context())
			if err != nil {
				return err
			}
			out, err := render.NewOwnerWriter(a.Stdout, format, a.renderOptions())
			if err != nil {
				return err
			}
			for _, o := range rtp.OwnersOn(items, renames, day) {
				if err := out.Write(o); err != nil {
					return err
				}
			}
			return out.Close()
		},
	}
	cmd.Flags().StringVar(&asOf, "as-of", "", "the day whose owners to list, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&format, "format", "table", "output format: "+strings.Join(render.ListFormats, ", "))
	return cmd
}
