package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/sources"
)

func (a *App) sourceAddCommand() *cobra.Command {
	var template bool
	cmd := &cobra.Command{
		Use:   "add FILE",
		Short: "Add a source document and its recommendations from JSON or YAML",
		Long: `Add a source document from FILE (.json, .yaml or .yml). Recommendation IDs
are unique across the tracker: a clash is an error naming both. The file is
checked whole first; any problem is listed and nothing is added.
--template prints a commented YAML file to start from.

The format (YAML; a .json file has the same keys):

  id: meeting-2018                  # lower-case words joined by hyphens
  kind: Meeting memo
  title: "Follow-up meeting on accountability and prevention"
  date: 2018-09-10                  # YYYY-MM-DD
  organisers: [Example Coalition, Example Foundation]
  description: What the document is.
  recommendations:
    - id: national-focal-points     # unique across the tracker
      number: 2                     # its number in the document
      section: Recommendations to Member States
      heading: Every Member State should appoint a national focal point for RtoP.
      title: Appoint national RtoP focal points   # short, for tables
      text: The recommendation's paragraph(s), verbatim.
      actors: [Member States]       # whom it addresses
      themes: [prevention, accountability]`,
		Example: `  rtp source add --template > meeting-2018.yaml
  rtp source add meeting-2018.yaml
  rtp source add testdata/sources/meeting-2018.json --db team.db`,
		Args: func(cmd *cobra.Command, args []string) error {
			if template {
				return withArgs()(cmd, args)
			}
			return withArgs("FILE")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if template {
				_, err := io.WriteString(a.Stdout, sources.Template)
				return err
			}
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
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("added %s (%s, %s) with %s", doc.ID, doc.Kind, doc.Date, rtp.CountOf(len(doc.Recommendations), "recommendation"))))
			return nil
		},
	}
	cmd.Flags().BoolVar(&template, "template", false, "print a commented YAML source file to start from")
	return cmd
}
