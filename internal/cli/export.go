package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/exchange"
)

func (a *App) exportCommand() *cobra.Command {
	var format, outputPath, asRecorded string
	var force, includePrivate bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the whole tracker as JSON, to exchange and merge",
		Long: `Write the whole tracker (sources, recommendations, updates, owners, evidence
and retractions) as one JSON file, for another coalition member to merge with
rtp merge, or to keep. Every entry carries a stable unique ID, so merging never
duplicates an entry; the same history always exports to the same bytes.
Private entries (private updates, with their note and evidence, and private
evidence) are left out, and the retractions of them, unless --include-private:
a partner's copy holds only what you share. A merge of such an export never
removes or changes the private entries of the tracker it is merged into. The
file is readable by its owner only. --output never replaces anything but
a regular file, nor the tracker's own files; - is standard output.

--as-recorded exports what the tracker held at an earlier moment (a date,
meaning the end of that day UTC, or an RFC 3339 time): entries and
retractions it received later are left out. Entries keep the time their
author recorded them (recorded_at); when this tracker received them does not
travel.`,
		Example: `  rtp export --output icrtop-2026-11.json
  rtp export | gzip > backup.json.gz
  rtp export --as-recorded 2020-01-15 --output as-sent-2020-01-15.json`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "json" {
				return rtp.Errorf(rtp.EINVALID, "invalid --format %q: use json", format)
			}
			if cmd.Flags().Changed("output") && outputPath == "" {
				return rtp.Errorf(rtp.EINVALID, "--output is empty: give a file name")
			}
			known, err := a.asRecorded(cmd, asRecorded)
			if err != nil {
				return err
			}
			s, err := a.openReader(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			var written map[string]int
			// The export is the tracker's record: its file is the owner's only.
			out := output{path: outputPath, force: force, private: true}
			err = a.writeOutput(out, func(w io.Writer) error {
				x := exchange.NewWriter(w)
				var v rtp.ExportVisitor = x
				if !includePrivate {
					v = rtp.PublicOnly(x)
				}
				if err := s.ExportEach(cmd.Context(), known, v); err != nil {
					return err
				}
				written = x.Written
				return x.Close()
			})
			if err == nil && out.toFile() {
				// Targets are named only when there are some: the message
				// of a tracker without any stays as it was.
				targets := ""
				if written["targets"] > 0 {
					targets = ", " + rtp.CountOf(written["targets"], "target")
				}
				fmt.Fprintf(a.Stderr, "rtp: exported %s, %s, %s, %d evidence, %s%s and %s to %s\n",
					rtp.CountOf(written["sources"], "source"), rtp.CountOf(written["updates"], "update"), rtp.CountOf(written["assignments"], "assignment"),
					written["evidence"], rtp.CountOf(written["retractions"], "retraction"), targets, rtp.CountOf(written["renames"], "owner rename"), outputPath)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json")
	cmd.Flags().StringVar(&outputPath, "output", "", "write to this file instead of standard output (-)")
	cmd.Flags().BoolVar(&force, "force", false, "replace the --output file if it exists")
	cmd.Flags().BoolVar(&includePrivate, "include-private", false, "include private updates and evidence")
	addAsRecordedFlag(cmd.Flags(), &asRecorded)
	return cmd
}
