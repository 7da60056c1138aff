package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

func (a *App) searchCommand() *cobra.Command {
	var format string
	var limit int
	var includePrivate bool
	cmd := &cobra.Command{
		Use:   "search WORDS...",
		Short: "Find words in recommendations, notes, evidence and owners",
		Long: `Search everything the tracker holds in words: the recommendations' titles and
text, update notes, evidence (references, titles, notes), owners' names and the
notes of check answers (the evidence a check answer cites is not searched).
The best matches come first, each with the recommendation it belongs to, the
entry it was found in (an update or evidence number other commands take) and
the passage, its matching words highlighted on a terminal.

Every word must match, in any case and without regard to accents; "a phrase"
in quotes matches words in that order, OR between words matches either and
-word (on PostgreSQL) or NOT word (on a local file) leaves entries with it out.
On a local file, word* matches words starting so. A word with other characters
(COVID-19, A/72/884) matches as a phrase of its parts.

Private notes and evidence are left out unless --include-private, as in
reports and exports; on a shared tracker you never see those of another
organisation in any case. Retracted and amended entries are left out: the
amendment holds the corrected words.`,
		Example: `  rtp search COVID
  rtp search "early warning" OR prevention --limit 5
  rtp search A/72/884 --format csv > mentions.csv
  rtp search Stanley --include-private --format json | jq '.[].recommendation'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return rtp.Errorf(rtp.EINVALID, "%s needs WORDS (see %s --help)", cmd.CommandPath(), cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := render.CheckFormat(format, render.SearchFormats); err != nil {
				return err
			}
			q := rtp.SearchQuery{Words: strings.Join(args, " "), Limit: limit, IncludePrivate: includePrivate}
			if err := invalid(q.Validate()); err != nil {
				return err
			}
			s, err := a.openReader(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			hits, err := s.Search(cmd.Context(), q)
			if err != nil {
				return err
			}
			return render.Search(a.Stdout, format, hits, a.IsTerminal, a.renderOptions())
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: "+strings.Join(render.SearchFormats, ", "))
	cmd.Flags().IntVar(&limit, "limit", 20, "the most matches to show, 1 to 1000")
	cmd.Flags().BoolVar(&includePrivate, "include-private", false, "include private notes and evidence")
	return cmd
}
