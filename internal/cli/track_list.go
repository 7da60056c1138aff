package cli

import (
	"context"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

type listOptions struct {
	source   string
	statuses []string
	owner    string
	actor    string
	theme    string
	stale    string
	asOf     string
	format   string
	// overdue and dueWithin are --overdue and --due-within, on list only.
	overdue   bool
	dueWithin string
	// asRecorded is --as-recorded, on list and report.
	asRecorded string
}

func (a *App) trackListCommand() *cobra.Command {
	var opts listOptions
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the recommendations with their status, owners and evidence",
		Long: `List every recommendation in the memo's order: its number, ID, short title,
status, the date that status holds from, its owners and how much evidence it has.

Filters combine: a recommendation is listed when it passes all of them.
--stale lists those with no update within the period (and those never updated).
--as-of shows the status, owners and evidence as they stood on that day, as
known now: a retraction reaches every day, so a mistake retracted today is
gone from every earlier day too. --as-recorded shows what the tracker said at
an earlier moment (a date, meaning the end of that day UTC, or an RFC 3339
time): entries and retractions it received later are left out. The two
combine: --as-of 2019-12-31 --as-recorded 2020-01-15 is the 2019 list as it
stood on 15 January 2020.
--actor lists the recommendations addressed to that actor (named by the
source, or added with rtp track update --actor NAME --new-actor), and shows
the actor's own latest status beside the recommendation's where one was
recorded ("partial; African Union: in-progress"; actor_status in JSON).
--overdue lists those whose target (rtp track target) date has passed without
the status being reached; --due-within 90d those whose unreached target falls
within that period of the day (overdue ones included). JSON rows then carry
a "target" object (due, status, reached, days_left, overdue).

Statuses: ` + statusNames() + `.`,
		Example: `  rtp track list
  rtp track list --status in-progress,partial --owner ICRtoP
  rtp track list --theme gender --actor "General Assembly"
  rtp track list --stale 6m
  rtp track list --overdue
  rtp track list --due-within 90d
  rtp track list --as-of 2018-12-31 --format csv > status-2018.csv
  rtp track list --as-of 2019-12-31 --as-recorded 2020-01-15
  rtp track list --format json | jq '.[] | select(.status == "stalled") | .id'`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.trackList(cmd, opts)
		},
	}
	f := cmd.Flags()
	addFilterFlags(f, &opts)
	f.StringVar(&opts.stale, "stale", "", "only recommendations with no update within this period: 90d, 12w, 6m, 1y")
	f.BoolVar(&opts.overdue, "overdue", false, "only recommendations whose target date has passed unreached")
	f.StringVar(&opts.dueWithin, "due-within", "", "only recommendations whose unreached target is due within this period: 30d, 2w, 6m, 1y")
	f.StringVar(&opts.asOf, "as-of", "", "the day whose state to list, YYYY-MM-DD (default today)")
	f.StringVar(&opts.format, "format", "table", "output format: "+strings.Join(render.ListFormats, ", "))
	addAsRecordedFlag(f, &opts.asRecorded)
	return cmd
}

func (a *App) trackList(cmd *cobra.Command, opts listOptions) error {
	ctx := cmd.Context()
	filter, err := a.listFilter(cmd, opts)
	if err != nil {
		return err
	}
	if cmd.Flags().Changed("stale") {
		if filter.StaleBefore, err = rtp.StaleCutoff("--stale", opts.stale, filter.AsOf); err != nil {
			return err
		}
	}
	keep := func(*rtp.TargetDue) bool { return true }
	if cmd.Flags().Changed("due-within") {
		until, err := rtp.Within("--due-within", opts.dueWithin, filter.AsOf)
		if err != nil {
			return err
		}
		keep = func(t *rtp.TargetDue) bool { return t != nil && !t.Reached && t.Due <= until }
	}
	if opts.overdue {
		within := keep
		keep = func(t *rtp.TargetDue) bool { return t != nil && t.Overdue && within(t) }
	}
	if err := render.CheckFormat(opts.format, render.ListFormats); err != nil {
		return err
	}
	s, err := a.openReader(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := checkFilter(ctx, s, filter); err != nil {
		return err
	}
	if cmd.Flags().Changed("as-of") { // today is after every source
		if err := a.warnBeforeSources(ctx, s, filter.Source, filter.AsOf); err != nil {
			return err
		}
	}
	// The targets in force, by recommendation: each row's status, read by
	// the list itself, says how far off its target is. Only JSON rows show
	// it, and only the target filters need it.
	var targets map[string]rtp.Target
	if opts.format == "json" || opts.overdue || cmd.Flags().Changed("due-within") {
		inForce, err := s.Targets(ctx, filter.AsOf, filter.AsRecorded)
		if err != nil {
			return err
		}
		targets = make(map[string]rtp.Target, len(inForce))
		for _, t := range inForce {
			targets[t.RecommendationID] = t
		}
	}
	out, err := render.NewListWriter(a.Stdout, opts.format, a.renderOptions())
	if err != nil {
		return err
	}
	err = s.Each(ctx, filter, func(it rtp.Item) error {
		if t, ok := targets[it.ID]; ok {
			due := t.DueOn(filter.AsOf, it.Status)
			it.Target = &due
		}
		if !keep(it.Target) {
			return nil
		}
		return out.Write(it)
	})
	if err != nil {
		return err
	}
	return out.Close()
}

// addFilterFlags declares the filters that list and report share.
func addFilterFlags(f *pflag.FlagSet, opts *listOptions) {
	f.StringVar(&opts.source, "source", "", "only the recommendations of this source document (see rtp source list)")
	f.StringArrayVar(&opts.statuses, "status", nil, "only these statuses (repeat, or separate with commas)")
	f.StringVar(&opts.owner, "owner", "", "only recommendations this owner follows up (any case, or any name it has had)")
	f.StringVar(&opts.actor, "actor", "", `only recommendations addressed to this actor, e.g. "Member States", with its own status where recorded`)
	f.StringVar(&opts.theme, "theme", "", "only recommendations with this theme, e.g. gender")
}

// listFilter checks the filter flags that list and report share and that
// need no database.
func (a *App) listFilter(cmd *cobra.Command, opts listOptions) (rtp.ListFilter, error) {
	var f rtp.ListFilter
	var err error
	if f.AsOf, err = a.dateFlag(cmd, "--as-of", opts.asOf); err != nil {
		return f, err
	}
	if f.AsRecorded, err = a.asRecorded(cmd, opts.asRecorded); err != nil {
		return f, err
	}
	if f.Statuses, err = rtp.ParseStatuses("--status", opts.statuses); err != nil {
		return f, err
	}
	for _, v := range []struct{ flag, value string }{{"--owner", opts.owner}, {"--actor", opts.actor}, {"--theme", opts.theme}} {
		if cmd.Flags().Changed(strings.TrimPrefix(v.flag, "--")) {
			if err := rtp.CheckLine(v.flag, v.value, rtp.MaxNameBytes); err != nil {
				return f, err
			}
		}
	}
	f.Owner, f.Actor, f.Theme = opts.owner, opts.actor, opts.theme
	if cmd.Flags().Changed("source") {
		if err := rtp.CheckID("--source", opts.source); err != nil {
			return f, err
		}
		f.Source = opts.source
	}
	return f, nil
}

// checkFilter checks the filter values that need the tracker: the source,
// actor and theme must exist.
func checkFilter(ctx context.Context, s rtp.Reader, f rtp.ListFilter) error {
	if f.Source != "" {
		if err := s.CheckSource(ctx, f.Source); err != nil {
			return relabelSource(err)
		}
	}
	if err := checkVocabulary(ctx, s, "--actor", "actor", f.Actor); err != nil {
		return err
	}
	return checkVocabulary(ctx, s, "--theme", "theme", f.Theme)
}

// checkVocabulary refuses an actor or theme that no recommendation has, and
// lists those that exist: an empty list would not tell a typo from a fact.
func checkVocabulary(ctx context.Context, s rtp.Reader, flag, kind, value string) error {
	if value == "" {
		return nil
	}
	known, err := s.Vocabulary(ctx, kind)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(known, func(k string) bool { return strings.EqualFold(k, value) }) {
		return nil
	}
	return rtp.Errorf(rtp.EINVALID, "invalid %s %q: use one of %s", flag, value, strings.Join(quoteAll(known), ", "))
}

func quoteAll(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		if strings.ContainsAny(v, " ,") {
			v = `"` + v + `"`
		}
		out[i] = v
	}
	return out
}

func statusNames() string { return strings.Join(names(rtp.Statuses), ", ") }
