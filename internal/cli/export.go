package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/exchange"
)

func (a *App) exportCommand() *cobra.Command {
	var format, output string
	var force bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the whole tracker as JSON, to exchange and merge",
		Long: `Write the whole tracker (sources, recommendations, updates, owners, evidence
and retractions) as one JSON file, for another coalition member to merge with
rtp merge, or to keep. Every entry carries a stable unique ID, so merging never
duplicates an entry; the same history always exports to the same bytes.
Private evidence is included: this is the tracker itself, not a report.`,
		Example: `  rtp export --output icrtop-2026-11.json
  rtp export | gzip > backup.json.gz`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "json" {
				return rtp.Errorf(rtp.EINVALID, "invalid --format %q: use json", format)
			}
			if cmd.Flags().Changed("output") && output == "" {
				return rtp.Errorf(rtp.EINVALID, "--output is empty: give a file name")
			}
			s, err := a.openReader(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			var written map[string]int
			err = a.writeOutput(output, force, false, func(w io.Writer) error {
				x := exchange.NewWriter(w)
				if err := s.ExportEach(cmd.Context(), x); err != nil {
					return err
				}
				written = x.Written
				return x.Close()
			})
			if err == nil && output != "" {
				fmt.Fprintf(a.Stderr, "rtp: exported %s, %s, %s, %d evidence and %s to %s\n",
					plural(written["sources"], "source"), plural(written["updates"], "update"), plural(written["assignments"], "assignment"),
					written["evidence"], plural(written["retractions"], "retraction"), output)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json")
	cmd.Flags().StringVar(&output, "output", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&force, "force", false, "replace the --output file if it exists")
	return cmd
}
