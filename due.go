package rtp

import (
	"context"
	"slices"
	"strings"
)

// What is due: the targets not reached and the recurring checks'
// unanswered periods, worked out from a Reader, for rtp due, reports, lists
// and the web view alike.

// dueFinder returns what is due or overdue on day, up to until, as known
// at moment known: one kind of thing `rtp due` lists. This is the one place
// a new kind (a recurring check's periods) joins rtp due: append its
// finder to dueFinders.
type dueFinder func(ctx context.Context, r Reader, day, until Date, known Moment) ([]DueItem, error)

// dueFinders are every kind of thing rtp due lists.
var dueFinders = []dueFinder{targetsComingDue, checksComingDue}

// checksComingDue is the recurring checks' dueFinder: every period of a
// check due by until that has no answer (ChecksDue), as known at known.
func checksComingDue(ctx context.Context, r Reader, day, until Date, known Moment) ([]DueItem, error) {
	keeper, ok := r.(CheckKeeper)
	if !ok {
		return nil, nil
	}
	checks, answers, err := keeper.Checks(ctx, known)
	if err != nil {
		return nil, err
	}
	var list []DueItem
	for _, d := range ChecksDue(checks, answers, day, until) {
		list = append(list, DueItem{Kind: "check", UID: "check-" + d.CheckID + "-" + d.Period + "@rtp", RecommendationID: d.RecommendationID,
			Title: d.Question, Due: d.Due, What: d.CheckID + " " + d.Period, DaysLeft: DaysFrom(day, d.Due), Overdue: d.Overdue})
	}
	return list, nil
}

// DueItems runs every finder and orders what they found by due date, then
// kind and recommendation.
func DueItems(ctx context.Context, r Reader, day, until Date, known Moment) ([]DueItem, error) {
	var all []DueItem
	for _, find := range dueFinders {
		items, err := find(ctx, r, day, until, known)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
	}
	sortDue(all)
	return all, nil
}

// sortDue orders what is due by date, then kind and recommendation.
func sortDue(all []DueItem) {
	slices.SortStableFunc(all, func(a, b DueItem) int {
		return strings.Compare(string(a.Due)+a.Kind+a.RecommendationID, string(b.Due)+b.Kind+b.RecommendationID)
	})
}

// TargetsOn returns, by recommendation, what the target in force on day
// says then of each recommendation r lists, as known at moment known.
func TargetsOn(ctx context.Context, r Reader, day Date, known Moment) (map[string]TargetDue, []Item, error) {
	targets, err := r.Targets(ctx, day, known)
	if err != nil || len(targets) == 0 {
		return nil, nil, err
	}
	byID := make(map[string]Target, len(targets))
	for _, t := range targets {
		byID[t.RecommendationID] = t
	}
	due := make(map[string]TargetDue, len(targets))
	var items []Item
	err = r.Each(ctx, ListFilter{AsOf: day, AsRecorded: known}, func(it Item) error {
		if t, ok := byID[it.ID]; ok {
			due[it.ID] = t.DueOn(day, it.Status)
			items = append(items, it)
		}
		return nil
	})
	return due, items, err
}

// TargetOf is what the target in force on day says of recommendation id,
// whose status then is status (as its Detail gives it): nil when it has
// none. It reads the targets, not the whole list.
func TargetOf(ctx context.Context, r Reader, id string, status Status, day Date, known Moment) (*TargetDue, error) {
	targets, err := r.Targets(ctx, day, known)
	if err != nil {
		return nil, err
	}
	for _, t := range targets {
		if t.RecommendationID == id {
			due := t.DueOn(day, status)
			return &due, nil
		}
	}
	return nil, nil
}

// targetsComingDue is the targets' dueFinder: every target not reached on
// day whose date is on or before until, overdue ones included.
func targetsComingDue(ctx context.Context, r Reader, day, until Date, known Moment) ([]DueItem, error) {
	due, items, err := TargetsOn(ctx, r, day, known)
	return dueOfTargets(due, items, until), err
}

// dueOfTargets lists the targets of items (as TargetsOn gave them) not
// reached and due by until, overdue ones included.
func dueOfTargets(due map[string]TargetDue, items []Item, until Date) []DueItem {
	var list []DueItem
	for _, it := range items {
		t := due[it.ID]
		if t.Reached || t.Due > until {
			continue
		}
		list = append(list, DueItem{Kind: "target", UID: "target-" + it.ID + "@rtp", RecommendationID: it.ID,
			Title: it.Title, Due: t.Due, What: string(t.Status), Current: it.Status, Note: t.Note,
			DaysLeft: t.DaysLeft, Overdue: t.Overdue})
	}
	return list
}

// ReportDue is what a report says of targets: each row's target, and the
// report's "Due and overdue" section, for the recommendations it covers.
type ReportDue struct {
	Targets map[string]TargetDue
	Due     []DueItem
}

// ReportTargets works out a report's targets on filter.AsOf, for the
// recommendations filter keeps; nothing when none has a target. One pass
// over the report's own list gives each row's status and what it covers.
func ReportTargets(ctx context.Context, r Reader, filter ListFilter) (ReportDue, error) {
	inForce, err := r.Targets(ctx, filter.AsOf, filter.AsRecorded)
	if err != nil || len(inForce) == 0 {
		return ReportDue{}, err
	}
	byID := make(map[string]Target, len(inForce))
	for _, t := range inForce {
		byID[t.RecommendationID] = t
	}
	rd := ReportDue{Targets: map[string]TargetDue{}, Due: []DueItem{}}
	covered := map[string]bool{}
	var items []Item
	err = r.Each(ctx, filter, func(it Item) error {
		covered[it.ID] = true
		if t, ok := byID[it.ID]; ok {
			rd.Targets[it.ID] = t.DueOn(filter.AsOf, it.Status)
			items = append(items, it)
		}
		return nil
	})
	if err != nil {
		return ReportDue{}, err
	}
	until := DateOf(filter.AsOf.Time().AddDate(0, 0, DueWithinDays))
	// The targets were read above: only the checks are read here.
	checks, err := checksComingDue(ctx, r, filter.AsOf, until, filter.AsRecorded)
	if err != nil {
		return ReportDue{}, err
	}
	all := append(dueOfTargets(rd.Targets, items, until), checks...)
	sortDue(all)
	for _, d := range all {
		if covered[d.RecommendationID] {
			rd.Due = append(rd.Due, d)
		}
	}
	return rd, nil
}
