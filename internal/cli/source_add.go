package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp/internal/sources"
)

func (a *App) sourceAddCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "add FILE",
		Short: "Add a source document and its recommendations from a JSON or YAML file",
		Long: `Add a source document from FILE (.json, .yaml or .yml): its id, kind, title,
date, organisers and description, and its recommendations, each with an id,
number, section, heading, short title, text, actors and themes. Recommendation
IDs are unique across the tracker: a clash is an error naming both. The file is
checked whole first; any problem is listed and nothing is added.`,
		Example: `  rtp source add sg-report-2018.yaml
  rtp source add testdata/sources/meeting-2018.yaml --db team.db`,
		Args: withArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			doc, err := sources.ReadFile(args[0], a.today())
			if err != nil {
				return err
			}
			s, err := a.openTracker(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.AddSource(cmd.Context(), doc); err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("added %s (%s, %s) with %d recommendations", doc.ID, doc.Kind, doc.Date, len(doc.Recommendations))))
			return nil
		},
	}
}
