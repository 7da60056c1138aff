package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

// exitDue is rtp due's exit status with --fail-if-due when something is
// due or overdue: neither success (0) nor an error (1, 2), so that cron
// and CI can tell it apart.
const exitDue = 3

// dueFinder returns what is due or overdue on day, up to until, as known
// at moment known: one kind of thing `rtp due` lists. This is the one place
// a new kind (a recurring check's periods) joins rtp due: append its
// finder to dueFinders.
type dueFinder func(ctx context.Context, r rtp.Reader, day, until rtp.Date, known rtp.Moment) ([]rtp.DueItem, error)

// dueFinders are every kind of thing rtp due lists.
var dueFinders = []dueFinder{targetsComingDue, checksComingDue}

// checksComingDue is the recurring checks' dueFinder: every period of a
// check due by until that has no answer (rtp.ChecksDue). A tracker keeps
// checks as known now: known does not narrow them.
func checksComingDue(ctx context.Context, r rtp.Reader, day, until rtp.Date, _ rtp.Moment) ([]rtp.DueItem, error) {
	keeper, ok := r.(rtp.CheckKeeper)
	if !ok {
		return nil, nil
	}
	checks, answers, err := keeper.Checks(ctx)
	if err != nil {
		return nil, err
	}
	var list []rtp.DueItem
	for _, d := range rtp.ChecksDue(checks, answers, day, until) {
		list = append(list, rtp.DueItem{Kind: "check", UID: "check-" + d.CheckID + "-" + d.Period + "@rtp", RecommendationID: d.RecommendationID,
			Title: d.Question, Due: d.Due, What: d.CheckID + " " + d.Period, DaysLeft: rtp.DaysFrom(day, d.Due), Overdue: d.Overdue})
	}
	return list, nil
}

// dueItems runs every finder and orders what they found by due date, then
// kind and recommendation.
func dueItems(ctx context.Context, r rtp.Reader, day, until rtp.Date, known rtp.Moment) ([]rtp.DueItem, error) {
	var all []rtp.DueItem
	for _, find := range dueFinders {
		items, err := find(ctx, r, day, until, known)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
	}
	slices.SortStableFunc(all, func(a, b rtp.DueItem) int {
		return strings.Compare(string(a.Due)+a.Kind+a.RecommendationID, string(b.Due)+b.Kind+b.RecommendationID)
	})
	return all, nil
}

// targetsOn returns, by recommendation, what the target in force on day
// says then of each recommendation r lists, as known at moment known.
func targetsOn(ctx context.Context, r rtp.Reader, day rtp.Date, known rtp.Moment) (map[string]rtp.TargetDue, []rtp.Item, error) {
	targets, err := r.Targets(ctx, day, known)
	if err != nil || len(targets) == 0 {
		return nil, nil, err
	}
	byID := make(map[string]rtp.Target, len(targets))
	for _, t := range targets {
		byID[t.RecommendationID] = t
	}
	due := make(map[string]rtp.TargetDue, len(targets))
	var items []rtp.Item
	err = r.Each(ctx, rtp.ListFilter{AsOf: day, AsRecorded: known}, func(it rtp.Item) error {
		if t, ok := byID[it.ID]; ok {
			due[it.ID] = t.DueOn(day, it.Status)
			items = append(items, it)
		}
		return nil
	})
	return due, items, err
}

// targetOf is what the target in force on day says of recommendation id,
// nil when it has none.
func targetOf(ctx context.Context, r rtp.Reader, id string, day rtp.Date, known rtp.Moment) (*rtp.TargetDue, error) {
	due, _, err := targetsOn(ctx, r, day, known)
	if t, ok := due[id]; ok {
		return &t, err
	}
	return nil, err
}

// targetsComingDue is the targets' dueFinder: every target not reached on
// day whose date is on or before until, overdue ones included.
func targetsComingDue(ctx context.Context, r rtp.Reader, day, until rtp.Date, known rtp.Moment) ([]rtp.DueItem, error) {
	due, items, err := targetsOn(ctx, r, day, known)
	if err != nil {
		return nil, err
	}
	var list []rtp.DueItem
	for _, it := range items {
		t := due[it.ID]
		if t.Reached || t.Due > until {
			continue
		}
		list = append(list, rtp.DueItem{Kind: "target", UID: "target-" + it.ID + "@rtp", RecommendationID: it.ID,
			Title: it.Title, Due: t.Due, What: string(t.Status), Current: it.Status, Note: t.Note,
			DaysLeft: t.DaysLeft, Overdue: t.Overdue})
	}
	return list, nil
}

// reportDue is what a report says of targets: each row's target, and the
// report's "Due and overdue" section, for the recommendations it covers.
type reportDue struct {
	targets map[string]rtp.TargetDue
	due     []rtp.DueItem
}

// reportTargets works out a report's targets on filter.AsOf, for the
// recommendations filter keeps; nothing when none has a target.
func reportTargets(ctx context.Context, r rtp.Reader, filter rtp.ListFilter) (reportDue, error) {
	targets, _, err := targetsOn(ctx, r, filter.AsOf, filter.AsRecorded)
	if err != nil || len(targets) == 0 {
		return reportDue{}, err
	}
	covered := map[string]bool{}
	err = r.Each(ctx, filter, func(it rtp.Item) error {
		covered[it.ID] = true
		return nil
	})
	if err != nil {
		return reportDue{}, err
	}
	until := rtp.DateOf(filter.AsOf.Time().AddDate(0, 0, rtp.DueWithinDays))
	all, err := dueItems(ctx, r, filter.AsOf, until, filter.AsRecorded)
	if err != nil {
		return reportDue{}, err
	}
	rd := reportDue{targets: map[string]rtp.TargetDue{}, due: []rtp.DueItem{}}
	for id, t := range targets {
		if covered[id] {
			rd.targets[id] = t
		}
	}
	for _, d := range all {
		if covered[d.RecommendationID] {
			rd.due = append(rd.due, d)
		}
	}
	return rd, nil
}

// add gives the report its targets: the section, and each row's target.
func (rd reportDue) add(rep rtp.Report, rows rtp.ReportRows) (rtp.Report, rtp.ReportRows) {
	if len(rd.targets) == 0 {
		return rep, rows
	}
	rep.Targets, rep.Due = true, rd.due
	return rep, func(fn func(rtp.ReportRow) error) error {
		return rows(func(r rtp.ReportRow) error {
			if t, ok := rd.targets[r.ID]; ok {
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
		Short: "List targets and check periods coming due and overdue, or write them as a calendar",
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
			items, err := dueItems(cmd.Context(), s, day, until, known)
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
