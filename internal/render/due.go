package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/rtp-tracker/rtp"
)

// DueFormats are the formats of `rtp due`: the list formats, and ics for
// calendars.
var DueFormats = append(append([]string{}, ListFormats...), "ics")

var dueLayout = layout[rtp.DueItem]{
	columns: []string{"due", "when", "kind", "recommendation", "what", "current", "title", "note"},
	cells: func(d rtp.DueItem, text func(string) string) []string {
		return []string{string(d.Due), d.HowFar(), d.Kind, text(d.RecommendationID), text(d.What), string(d.Current), text(d.Title), text(d.Note)}
	},
	header: []string{"DUE", "WHEN", "KIND", "ID", "WHAT", "NOW", "TITLE"},
	tableRow: func(d rtp.DueItem) []string {
		return []string{string(d.Due), d.HowFar(), d.Kind, Terminal(d.RecommendationID, false), Terminal(d.What, false), string(d.Current), Terminal(d.Title, false)}
	},
	// At 80 columns: the kind goes first (WHAT says it too), then the title
	// is shortened, and left out if even 10 columns of it do not fit; what
	// is due (a check's period) is never cut.
	fit:      []column{{index: 6, min: 10, shrink: true, drop: 2}, {index: 2, drop: 1}},
	empty:    "Nothing due.",
	mdHeader: []string{"Due", "When", "Kind", "ID", "What", "Now", "Title"},
	mdRow: func(d rtp.DueItem) []string {
		return []string{string(d.Due), d.HowFar(), d.Kind, "`" + d.RecommendationID + "`", MarkdownCell(d.What), string(d.Current), MarkdownCell(d.Title)}
	},
}

// Due writes what `rtp due` lists in format, one of DueFormats. stamp is
// the calendar's DTSTAMP: when the file was made.
func Due(w io.Writer, format string, items []rtp.DueItem, stamp time.Time, opts Options) error {
	if err := CheckFormat(format, DueFormats); err != nil {
		return err
	}
	if format == "ics" {
		return DueCalendar(w, items, stamp)
	}
	out := newRowWriter(w, format, opts, dueLayout)
	for _, d := range items {
		if err := out.Write(d); err != nil {
			return err
		}
	}
	return out.Close()
}

// DueCalendar writes items as an iCalendar file (RFC 5545): one all-day
// event per item on its due day, CRLF line ends, lines folded at 75
// octets. An event's UID is the item's (target-<recommendation>@rtp for a
// target), the same in every file rtp writes, so that importing a newer
// file updates the event rather than adding a second one; SEQUENCE grows
// with the day the file was made, which calendars take as the newer copy.
func DueCalendar(w io.Writer, items []rtp.DueItem, stamp time.Time) error {
	cal := ics.NewCalendarFor("rtp-tracker//rtp due")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName("RtoP follow-up: due dates")
	cal.SetXWRCalName("RtoP follow-up: due dates")
	sequence, _ := strconv.Atoi(stamp.UTC().Format("20060102"))
	for _, d := range items {
		event := cal.AddEvent(d.UID)
		event.SetDtStampTime(stamp)
		event.SetSequence(sequence)
		day := d.Due.Time()
		event.SetAllDayStartAt(day)
		event.SetAllDayEndAt(day.AddDate(0, 0, 1))
		event.SetSummary(dueSummary(d))
		event.SetDescription(dueDescription(d))
		event.SetProperty(ics.ComponentPropertyCategories, "RtoP follow-up")
		event.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	}
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// dueSummary is an event's title: "ga-agenda: implemented due (RtoP on the
// GA agenda)".
func dueSummary(d rtp.DueItem) string {
	if d.Kind == "check" {
		word := "due"
		if d.Overdue {
			word = "overdue"
		}
		return oneLineText(fmt.Sprintf("%s: check %s answer %s (%s)", d.RecommendationID, d.What, word, d.Title))
	}
	s := fmt.Sprintf("%s: %s due", d.RecommendationID, d.What)
	if d.Overdue {
		s = fmt.Sprintf("%s: %s overdue", d.RecommendationID, d.What)
	}
	if d.Title != "" {
		s += " (" + d.Title + ")"
	}
	return oneLineText(s)
}

func dueDescription(d rtp.DueItem) string {
	if d.Kind == "check" {
		check, period, _ := strings.Cut(d.What, " ")
		return strings.Join([]string{fmt.Sprintf("The check %s of %s asks, for %s: %s", check, d.RecommendationID, period, d.Title),
			fmt.Sprintf("Its answer is due by %s.", d.Due), "rtp check record " + check + " --period " + period + " --answer yes|no|partly|n/a"}, "\n")
	}
	lines := []string{fmt.Sprintf("%s should be %s by %s.", d.RecommendationID, d.What, d.Due)}
	if d.Current != "" {
		lines = append(lines, fmt.Sprintf("Its status: %s.", d.Current))
	}
	if d.Note != "" {
		lines = append(lines, "Note: "+d.Note)
	}
	lines = append(lines, "rtp track show "+d.RecommendationID)
	return strings.Join(lines, "\n")
}

// oneLineText keeps a summary on one line: calendars show the first only.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// targetCell is a row's target in a report's Target column: "implemented
// by 2026-12-31", with "(overdue by 12 days)" or "(reached)"; empty for
// none.
func targetCell(t *rtp.TargetDue) string {
	if t == nil {
		return ""
	}
	s := fmt.Sprintf("%s by %s", t.Status, t.Due)
	switch {
	case t.Reached:
		s += " (reached)"
	case t.Overdue:
		s += " (" + t.HowFar() + ")"
	}
	return s
}

// dueNote says what a report's "Due and overdue" section lists.
func dueNote(rep rtp.Report) string {
	until := rtp.DateOf(rep.AsOf.Time().AddDate(0, 0, rtp.DueWithinDays))
	return fmt.Sprintf("Targets not reached on %s that are overdue, or due by %s (%d days on).", rep.AsOf, until, rtp.DueWithinDays)
}
