package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

// exitDue is rtp due's exit status with --fail-if-due when something is
// due or overdue: neither success (0) nor an error (1, 2), so that cron
// and CI can tell it apart.
const exitDue = 3

// add gives the report its targets: the section, and each row's target.
func addDue(rd rtp.ReportDue, rep rtp.Report, rows rtp.ReportRows) (rtp.Report, rtp.ReportRows) {
	if len(rd.Targets) == 0 {
		return rep, rows
	}
	rep.Targets, rep.Due = true, rd.Due
	return rep, func(fn func(rtp.ReportRow) error) error {
		return rows(func(r rtp.ReportRow) error {
			if t, ok := rd.Targets[r.ID]; ok {
				r.Target = &t
			}
			return fn(r)
		})
	}
}

func (a *App) dueCommand() *cobra.Command {
	var within, asOf, asRecorded, format, outPath string
	var force, failIfDue bool
	cmd := &cobra.Command{
		Use:   "due",
		Short: "List what is coming due or overdue, or write it as a calendar",
		Long: `List what should be done soon: every target (rtp track target) not yet
reached, and every period of a recurring check (rtp check) not yet answered,
whose date is within --within of today (default 30d; also 2w, 6m, 1y), and
every overdue one, soonest first. --as-of looks from another day;
--as-recorded shows the targets as the tracker said them at an earlier moment.

--format ics writes an iCalendar file (RFC 5545) that Outlook, Google Calendar
and Thunderbird import: one all-day event per due date. Each event keeps the
same identity in every file (target-ID@rtp, check-CHECK-PERIOD@rtp), so
importing a newer file moves the event rather than adding a second one.

Exit status: 0, whatever is due, unless --fail-if-due is given: then 3 when
something is due or overdue, 0 when nothing is (for cron and CI); 1 or 2 on
an error, as every command.`,
		Example: `  rtp due
  rtp due --within 90d --format json | jq '.[] | select(.overdue)'
  rtp due --within 1y --format ics --output rtp-due.ics
  rtp due --fail-if-due || mail -s "RtoP follow-up due" team@example.org < /dev/null`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := render.CheckFormat(format, render.DueFormats); err != nil {
				return err
			}
			day, err := a.dateFlag(cmd, "--as-of", asOf)
			if err != nil {
				return err
			}
			until, err := rtp.Within("--within", within, day)
			if err != nil {
				return err
			}
			known, err := a.asRecorded(cmd, asRecorded)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("output") && outPath == "" {
				return rtp.Errorf(rtp.EINVALID, "--output is empty: give a file name")
			}
			s, err := a.openReader(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			items, err := rtp.DueItems(cmd.Context(), s, day, until, known)
			if err != nil {
				return err
			}
			out := output{path: outPath, force: force}
			if err := a.writeOutput(out, func(w io.Writer) error {
				return render.Due(w, format, items, a.Now(), a.renderOptions())
			}); err != nil {
				return err
			}
			if out.toFile() {
				fmt.Fprintf(a.Stderr, "rtp: wrote %s due or overdue to %s\n", rtp.CountOf(len(items), "item"), outPath)
				a.warnExtension(outPath, format)
			}
			if failIfDue && len(items) > 0 {
				return exitStatus{code: exitDue}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&within, "within", "30d", "how far ahead to look: 30d, 2w, 6m, 1y")
	f.StringVar(&asOf, "as-of", "", "the day to look from, YYYY-MM-DD (default today)")
	addAsRecordedFlag(f, &asRecorded)
	f.StringVar(&format, "format", "table", "output format: "+strings.Join(render.DueFormats, ", "))
	f.StringVar(&outPath, "output", "", "write to this file instead of standard output (-)")
	f.BoolVar(&force, "force", false, "replace the --output file if it exists")
	f.BoolVar(&failIfDue, "fail-if-due", false, "exit with status 3 when something is due or overdue")
	return cmd
}

// exitStatus ends a command with an exit status other than 0 without it
// being an error: nothing is printed.
type exitStatus struct{ code int }

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", e.code) }
