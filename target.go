package rtp

import (
	"fmt"
	"strconv"
	"time"
)

// Targets: the day by which a recommendation should reach a status, as
// follow-up plans set them (OHCHR's trackers call them target dates). A
// target is an entry like an update: setting it again, moving it or
// dropping it records a new entry, and the target in force on a day is the
// latest entry dated on or before it, by (as_of, recorded_at, uid).

// LatestTargetDate bounds a target's due date: far enough for any plan,
// near enough to catch a typo such as 20266-01-01.
const LatestTargetDate Date = "2199-12-31"

// TargetStatuses are the statuses a target can ask for: the steps of
// progress, each reached by itself and by those after it.
var TargetStatuses = []Status{StatusInProgress, StatusPartial, StatusImplemented}

// NewTarget is what `rtp track target` asks the store to record. Clear
// records that the recommendation has no target from AsOf on (Due and
// Status empty).
type NewTarget struct {
	RecommendationID string
	Due              Date
	Status           Status
	Note             string
	Clear            bool
	AsOf             Date
	By               string
}

// Target is one target entry as recorded; Due is empty for an entry that
// dropped the target.
type Target struct {
	UID              string `json:"uid"`
	RecommendationID string `json:"recommendation"`
	Due              Date   `json:"due,omitempty"`
	Status           Status `json:"status,omitempty"`
	Note             string `json:"note,omitempty"`
	AsOf             Date   `json:"as_of"`
	By               string `json:"by"`
	RecordedAt       string `json:"recorded_at"`
}

// Validate checks a target before it is recorded. Unlike every other date,
// the due date may lie in the future (up to LatestTargetDate); the day it
// is set from may not.
func (nt NewTarget) Validate(today Date) error {
	var p Problems
	p.add(checkID("recommendation", nt.RecommendationID))
	return append(p, nt.problems(today)...).err()
}

// problems are what a target's own fields may get wrong; the recommendation
// it names is checked by Validate, and for a recorded target by
// entryProblems.
func (nt NewTarget) problems(today Date) Problems {
	var p Problems
	if nt.Clear {
		if nt.Due != "" || nt.Status != "" {
			p.add(Errorf(EINVALID, "a target dropped has no due date nor status"))
		}
	} else {
		p.add(checkDueDate("due", nt.Due))
		p.add(checkTargetStatus("status", string(nt.Status)))
	}
	p.add(checkText("note", nt.Note, MaxNoteBytes))
	p = append(p, stampProblems(nt.AsOf, nt.By, today)...)
	return p
}

// Validate checks a recorded target, as a merge or db check receives it:
// its uid and stamp besides what NewTarget.Validate checks.
func (t Target) Validate(today Date) error { return t.problems(today).err() }

func (t Target) problems(today Date) Problems {
	more := NewTarget{RecommendationID: t.RecommendationID, Due: t.Due, Status: t.Status, Note: t.Note,
		Clear: t.Due == "", AsOf: t.AsOf, By: t.By}.problems(today)
	return entryProblems(t.UID, t.RecommendationID, more, t.RecordedAt)
}

func checkDueDate(field string, d Date) *Error {
	if d > LatestTargetDate && datePattern().MatchString(string(d)) {
		return FieldError(field, string(d), "due dates after %s are not accepted", LatestTargetDate)
	}
	return checkDate(field, d, LatestTargetDate)
}

func checkTargetStatus(field, s string) *Error {
	for _, st := range TargetStatuses {
		if s == string(st) {
			return nil
		}
	}
	return withSuggestion(FieldError(field, s, "a target asks for one of %s", joinNames(TargetStatuses)), s, TargetStatuses)
}

// Reaches reports whether a recommendation at status current has reached
// the status a target asks for: partial reaches in-progress, implemented
// reaches both. Stalled and regressed reach nothing, whatever came before.
func Reaches(current, target Status) bool {
	rank := func(s Status) int {
		for i, st := range TargetStatuses {
			if s == st {
				return i + 1
			}
		}
		return 0
	}
	return rank(current) > 0 && rank(current) >= rank(target)
}

// TargetDue is a target in force on a day with what it says then: the
// recommendation's status that day, whether it reached the target, and how
// many days are left (negative: overdue by that many).
type TargetDue struct {
	Due      Date   `json:"due"`
	Status   Status `json:"status"`
	Note     string `json:"note,omitempty"`
	Reached  bool   `json:"reached"`
	DaysLeft int    `json:"days_left"`
	Overdue  bool   `json:"overdue"`
	SetOn    Date   `json:"set_on"`
	SetBy    string `json:"set_by"`
	UID      string `json:"uid"`
}

// DueOn works out what target t says on day for a recommendation at
// status current. t must have a due date.
func (t Target) DueOn(day Date, current Status) TargetDue {
	days := DaysFrom(day, t.Due)
	reached := Reaches(current, t.Status)
	return TargetDue{Due: t.Due, Status: t.Status, Note: t.Note, Reached: reached, DaysLeft: days,
		Overdue: !reached && days < 0, SetOn: t.AsOf, SetBy: t.By, UID: t.UID}
}

// DaysFrom is how many days to lies after day (negative: before it).
func DaysFrom(day, to Date) int { return int(to.Time().Sub(day.Time()) / (24 * time.Hour)) }

// HowFar says how far off the due date is: "in 31 days", "today",
// "overdue by 12 days".
func (d TargetDue) HowFar() string { return howFar(d.DaysLeft) }

// HowFar says how far off the item is, as TargetDue.HowFar does.
func (d DueItem) HowFar() string { return howFar(d.DaysLeft) }

func howFar(daysLeft int) string {
	days := func(n int) string {
		if n == 1 {
			return "1 day"
		}
		return strconv.Itoa(n) + " days"
	}
	switch {
	case daysLeft == 0:
		return "today"
	case daysLeft > 0:
		return "in " + days(daysLeft)
	default:
		return "overdue by " + days(-daysLeft)
	}
}

// String is the target as show prints it: "implemented, due 2026-12-31,
// in 31 days", "implemented, due 2026-11-18, overdue by 12 days", or
// "partial, due 2025-06-30, reached" once the status is reached.
func (d TargetDue) String() string {
	s := fmt.Sprintf("%s, due %s, ", d.Status, d.Due)
	if d.Reached {
		return s + "reached"
	}
	return s + d.HowFar()
}

// Within reads a period such as 30d, 2w, 6m or 1y given for label and
// returns the day that far after day: targets due on or before it are
// coming due.
func Within(label, s string, day Date) (Date, error) {
	if err := CheckPeriod(label, s); err != nil {
		return "", err
	}
	return shiftByPeriod(day, s, 1), nil
}

// DueItem is one thing coming due or overdue on a day, as `rtp due` lists
// it: a target, or a recurring check's period still unanswered.
type DueItem struct {
	Kind             string `json:"kind"` // "target" or "check"
	UID              string `json:"uid"`  // stable: the calendar event's identity
	RecommendationID string `json:"recommendation"`
	Title            string `json:"title"`
	Due              Date   `json:"due"`
	What             string `json:"what"` // what is due: "implemented", "ga-session 2024" (a check's period)
	Current          Status `json:"current,omitempty"`
	Note             string `json:"note,omitempty"`
	DaysLeft         int    `json:"days_left"`
	Overdue          bool   `json:"overdue"`
}
