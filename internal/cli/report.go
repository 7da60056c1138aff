package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

type reportOptions struct {
	listOptions
	since          string
	output         string
	force          bool
	includePrivate bool
	staleAll       bool
	detail         string
}

func (a *App) reportCommand() *cobra.Command {
	var opts reportOptions
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write a progress report: Markdown, CSV, HTML, JSON or Excel",
		Long: `Write the progress report a donor note or a briefing needs: the source
document and the reporting date, a summary of the recommendations by status
(and the share implemented or partly implemented), a progress table per section
of the memo (status on the reporting date, since when, owners, the latest note
and the evidence), with --since every entry dated on or after that day (status
changes, notes, evidence, owner changes, retractions and amendments, each with
its kind; --detail full also puts every note of the period under each
recommendation), and the stale recommendations (no update in the 180 days
before the reporting date, or --stale; implemented ones only with --stale-all).

Evidence given as a UN document symbol (A/RES/75/277) links to the UN's
Official Document System in HTML, Markdown and XLSX; a document recorded both
as its symbol and as its undocs.org address is cited once. With several
sources, the summary counts each source apart and numbers read memo-2017/6. A
recommendation is left out of a report of a day before its source's date.

--as-of reports the state on that day: later updates and evidence are left
out. A retraction reaches every day: a back-dated mistake retracted today is
left out of the reports for every earlier day too. --as-recorded reports what
the tracker said at an earlier moment (a date, meaning the end of that day UTC,
or an RFC 3339 time): entries and retractions it received later are left out,
so the report sent then is made again byte for byte, whatever was corrected
since. It may not be in the future nor before the tracker was created. Private entries (the
note and evidence of an update recorded with --private, and evidence marked
private) are left out of every format unless --include-private, from the
notes, the evidence and its count alike; a private update's status still
counts, and its change is listed without its note. A report never changes the
tracker.

Formats: markdown (pastes into a document, or becomes one: pandoc report.md -o
report.docx), csv (one row per recommendation,
for Excel or a program), html (one self-contained, printable page with charts),
json, xlsx (an Excel workbook with real dates, linked evidence and a Sources
sheet, set to print landscape on A4, one page wide). --output writes a file, never half of one,
and does not replace an existing file without --force; it never replaces
anything but a regular file, nor the tracker's own files, and - is standard
output. A report with --include-private is readable by its owner only.`,
		Example: `  rtp report > report.md
  rtp report --as-of 2018-12-31 --since 2017-12-31 --format html --output donor-report-2018.html
  rtp report --as-of 2019-12-31 --as-recorded 2020-01-15 --format csv   # the 2019 report as sent
  rtp report --format xlsx --output progress.xlsx --force
  rtp report --format csv --theme accountability --status in-progress,partial
  rtp report --format json | jq .summary
  rtp report --as-of 2019-12-31 --since 2019-01-01 --detail full --output 2019.md`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.report(cmd, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "markdown", "output format: "+strings.Join(render.ReportFormats, ", "))
	f.StringVar(&opts.asOf, "as-of", "", "the reporting date, YYYY-MM-DD (default today)")
	f.StringVar(&opts.since, "since", "", "list every entry dated on or after this day (inclusive), YYYY-MM-DD")
	addFilterFlags(f, &opts.listOptions)
	f.StringVar(&opts.stale, "stale", "180d", "a recommendation with no update within this period is stale: 90d, 12w, 6m, 1y")
	f.StringVar(&opts.detail, "detail", "latest", "notes per recommendation: latest (the latest note) or full (every note of the period)")
	f.BoolVar(&opts.staleAll, "stale-all", false, "list implemented recommendations among the stale too")
	f.StringVar(&opts.output, "output", "", "write to this file instead of standard output (-)")
	f.BoolVar(&opts.force, "force", false, "replace the --output file if it exists")
	f.BoolVar(&opts.includePrivate, "include-private", false, "include private updates' notes and evidence, and private evidence")
	addAsRecordedFlag(f, &opts.asRecorded)
	return cmd
}

func (a *App) report(cmd *cobra.Command, opts reportOptions) error {
	ctx := cmd.Context()
	if err := render.CheckFormat(opts.format, render.ReportFormats); err != nil {
		return err
	}
	filter, err := a.listFilter(cmd, opts.listOptions)
	if err != nil {
		return err
	}
	req := rtp.ReportRequest{AsOf: filter.AsOf, AsRecorded: filter.AsRecorded, Filter: filter, IncludePrivate: opts.includePrivate,
		StaleAll: opts.staleAll, RowsOnly: opts.format == "csv", StreamChanges: true}
	switch opts.detail {
	case "latest":
	case "full":
		req.DetailFull = true
	default:
		return rtp.Errorf(rtp.EINVALID, "invalid --detail %q: use latest or full", opts.detail)
	}
	// Here --stale sets the period of the stale list; it filters nothing.
	if req.StaleBefore, err = rtp.StaleCutoff("--stale", opts.stale, req.AsOf); err != nil {
		return err
	}
	if cmd.Flags().Changed("since") {
		if req.Since, err = rtp.ParseDate("--since", opts.since, a.today()); err != nil {
			return err
		}
		if req.Since >= req.AsOf {
			return rtp.Errorf(rtp.EINVALID, "invalid --since %s: it must be before the reporting date %s", req.Since, req.AsOf)
		}
	}
	if cmd.Flags().Changed("output") && opts.output == "" {
		return rtp.Errorf(rtp.EINVALID, "--output is empty: give a file name")
	}
	s, err := a.openReader(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := checkFilter(ctx, s, filter); err != nil {
		return err
	}
	if err := a.warnBeforeSources(ctx, s, filter.Source, req.AsOf); err != nil {
		return err
	}
	checks, err := checksOn(ctx, s, req.AsOf, req.AsRecorded)
	if err != nil {
		return err
	}
	due, err := rtp.ReportTargets(ctx, s, filter)
	if err != nil {
		return err
	}
	out := output{path: opts.output, force: opts.force, private: opts.includePrivate, binary: opts.format == "xlsx"}
	err = a.writeOutput(out, func(w io.Writer) error {
		return s.Report(ctx, req, func(rep rtp.Report, rows rtp.ReportRows) error {
			rep.Checks = checks
			rep, rows = addDue(due, rep, rows)
			return render.Report(w, opts.format, rep, rows)
		})
	})
	if err == nil && out.toFile() {
		fmt.Fprintf(a.Stderr, "rtp: wrote the %s report as of %s to %s\n", opts.format, req.AsOf, opts.output)
		a.warnExtension(opts.output, opts.format)
	}
	return err
}

// warnBeforeSources says on stderr when the reporting date comes before
// every source the report covers was issued: the report is empty, rightly,
// and the reader should know why rather than guess.
func (a *App) warnBeforeSources(ctx context.Context, s rtp.Reader, source string, asOf rtp.Date) error {
	sources, err := s.Sources(ctx)
	if err != nil {
		return err
	}
	var earliest rtp.Date
	for _, src := range sources {
		if (source == "" || src.ID == source) && (earliest == "" || src.Date < earliest) {
			earliest = src.Date
		}
	}
	if earliest != "" && asOf < earliest {
		fmt.Fprintf(a.Stderr, "rtp: no recommendation had been issued by %s: the earliest source is dated %s\n", asOf, earliest)
	}
	return nil
}
