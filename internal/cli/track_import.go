package cli

import (
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/exchange"
)

func (a *App) trackImportCommand() *cobra.Command {
	var dryRun, template bool
	var by string
	cmd := &cobra.Command{
		Use:   "import FILE.csv",
		Short: "Record many updates, owners and evidence from a spreadsheet",
		Long: `Record many updates, assignments and pieces of evidence at once from a CSV file
saved by Excel, LibreOffice or Google Sheets (UTF-8, with or without a BOM; comma,
semicolon or tab separators; line breaks inside quoted cells).

Columns (only id is required; the header names them, in any order):
  id              the recommendation: its ID, number or an unambiguous prefix
  status          the status from as_of (empty: a note or evidence that keeps it)
  as_of           YYYY-MM-DD (default today)
  note            what happened
  by              who asserts it (default --by, $RTP_AUTHOR, your user name)
  evidence        URLs or citations such as A/RES/72/1, separated by ;
  evidence_title  the title of the evidence
  evidence_date   the date of the evidence (default as_of)
  private         yes to keep the row private: its update (note and evidence)
                  or its evidence stay out of reports and exports
  owner, role     make owner a lead, support or monitor (default lead) from as_of

The file is checked whole first: any bad row rejects the whole file, every
problem is listed with its line and column, and nothing is written. Then all
rows are recorded in one transaction. --dry-run shows what would be recorded.

Importing is idempotent: an entry the tracker already holds, and has not
retracted, is skipped and listed as already there, so importing the same file
twice records nothing the second time. An update is already there when one
has the same recommendation, as_of, status (a row without one matches a
note-only update), note and evidence refs; evidence on its own, the same
recommendation, ref and date; an owner, the same recommendation, owner (whatever
the case or Unicode form), role and as_of. A row repeated within the file is
recorded once: the repeats are listed as already there.
--template prints a header-only CSV to start from.`,
		Example: `  rtp track import --template > progress.csv
  rtp track import progress.csv --dry-run
  rtp track import progress.csv --by ICRtoP`,
		Args: func(cmd *cobra.Command, args []string) error {
			if template {
				return withArgs()(cmd, args)
			}
			return withArgs("FILE.csv")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if template {
				w := csv.NewWriter(a.Stdout)
				w.UseCRLF = true
				if err := w.Write(exchange.ImportColumns); err != nil {
					return err
				}
				w.Flush()
				return w.Error()
			}
			author, err := a.author(cmd, by)
			if err != nil {
				return err
			}
			s, err := a.openTracker(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			made, err := s.MadeDates(cmd.Context())
			if err != nil {
				return err
			}
			// A spreadsheet names the same few recommendations on every
			// row: each spelling is looked up once.
			resolved := map[string]string{}
			resolve := func(arg string) (string, rtp.Date, error) {
				if arg == "" {
					return "", "", rtp.Errorf(rtp.EINVALID, "empty: every row must name its recommendation")
				}
				if id, ok := resolved[arg]; ok {
					return id, made[id], nil
				}
				id, err := s.Resolve(cmd.Context(), arg)
				if err == nil {
					resolved[arg] = id
				}
				return id, made[id], err
			}
			rows, err := exchange.ReadImport(args[0], resolve, exchange.ImportDefaults{By: author, Today: a.today()})
			if err != nil {
				return err
			}
			if dryRun {
				res, err := s.ImportDryRun(cmd.Context(), rows)
				if err != nil {
					return err
				}
				skips := skipsByLine(res)
				whole := 0
				for _, r := range rows {
					fmt.Fprintln(a.Stdout, oneLine(describeRow(r)))
					if skip, ok := skips[r.Line]; ok {
						fmt.Fprintln(a.Stdout, oneLine(describeSkip(skip)))
						if skip.Whole {
							whole++
						}
					}
				}
				if whole == 0 {
					fmt.Fprintf(a.Stdout, "dry run: %s would be recorded; nothing was written\n", rtp.CountOf(len(rows), "row"))
				} else {
					fmt.Fprintf(a.Stdout, "dry run: %s would be recorded, %d already there; nothing was written\n", rtp.CountOf(len(rows)-whole, "row"), whole)
				}
				return nil
			}
			bar := a.progress("rtp: importing")
			res, err := s.Import(cmd.Context(), rtp.BatchOrigin{Source: args[0], By: author}, rows, bar.update)
			bar.done()
			if err != nil {
				return err
			}
			for _, skip := range res.AlreadyThere {
				fmt.Fprintln(a.Stdout, oneLine(describeSkip(skip)))
			}
			fmt.Fprintf(a.Stdout, "imported %s: %s, recorded %s, %d evidence and %s", oneLine(args[0]),
				rtp.CountOf(res.Rows, "row"), rtp.CountOf(res.Updates, "update"), res.Evidence, rtp.CountOf(res.Assignments, "assignment"))
			if n := res.Skipped(); n > 0 {
				noun := "entries"
				if n == 1 {
					noun = "entry"
				}
				fmt.Fprintf(a.Stdout, "; skipped %d %s already there", n, noun)
			}
			fmt.Fprintln(a.Stdout)
			fmt.Fprintln(a.Stdout, batchLine(res.Batch))
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "check the file and show what would be recorded, writing nothing")
	cmd.Flags().BoolVar(&template, "template", false, "print a header-only CSV file to start from")
	cmd.Flags().StringVar(&by, "by", "", "who asserts rows without a by column (default $RTP_AUTHOR, else your user name)")
	return cmd
}

// describeRow says in one line what a row would record.
func describeRow(r rtp.ImportRow) string {
	var parts []string
	id := ""
	if u := r.Update; u != nil {
		id = u.RecommendationID
		what := "note"
		if u.Status != "" {
			what = string(u.Status)
		}
		private := ""
		if u.Private {
			private = " (private)"
		}
		parts = append(parts, fmt.Sprintf("update: %s as of %s by %s%s", what, u.AsOf, u.By, private))
		if len(u.Evidence) > 0 {
			parts = append(parts, fmt.Sprintf("%d evidence", len(u.Evidence)))
		}
	}
	if len(r.Evidence) > 0 {
		id = r.Evidence[0].RecommendationID
		private := ""
		if r.Evidence[0].Private {
			private = " (private)"
		}
		parts = append(parts, fmt.Sprintf("%d evidence%s", len(r.Evidence), private))
	}
	if as := r.Assignment; as != nil {
		id = as.RecommendationID
		parts = append(parts, fmt.Sprintf("owner %s as %s from %s", as.Owner, as.Role, as.AsOf))
	}
	return fmt.Sprintf("line %d  %s  %s", r.Line, id, strings.Join(parts, "; "))
}

// skipsByLine indexes what an import skipped by the row's line.
func skipsByLine(res rtp.ImportResult) map[int]rtp.ImportSkip {
	out := make(map[int]rtp.ImportSkip, len(res.AlreadyThere))
	for _, skip := range res.AlreadyThere {
		out[skip.Line] = skip
	}
	return out
}

// describeSkip says in one line what a row held that was already recorded.
func describeSkip(skip rtp.ImportSkip) string {
	return fmt.Sprintf("line %d  already there, skipped: %s", skip.Line, strings.Join(skip.Entries, "; "))
}
