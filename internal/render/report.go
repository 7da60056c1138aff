package render

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// ReportFormats are the --format values of `rtp report`.
var ReportFormats = []string{"markdown", "csv", "html", "json", "xlsx"}

// Report writes a progress report in format, which must be in ReportFormats.
// Rows are streamed from rows: formats that can write them one at a time do.
func Report(w io.Writer, format string, rep rtp.Report, rows rtp.ReportRows) error {
	if err := CheckFormat(format, ReportFormats); err != nil {
		return err
	}
	switch format {
	case "csv":
		if err := reportCSV(w, rows); err != nil {
			return err
		}
		return checksCSV(w, rep.Checks)
	case "json":
		return reportJSON(w, rep, rows)
	case "html":
		return reportHTML(w, rep, rows)
	case "xlsx":
		return reportXLSX(w, rep, rows)
	default:
		return reportMarkdown(w, rep, rows)
	}
}

// sectionKey groups rows into the sections of their source.
func sectionKey(r rtp.ReportRow) string { return r.Source + "\x00" + r.Section }

// eachSection streams rows grouped by section: start is called at the first
// row of each section, then row for each row, then end.
func eachSection(rows rtp.ReportRows, start func(rtp.ReportRow) error, row func(rtp.ReportRow) error, end func() error) error {
	current, open := "", false
	err := rows(func(r rtp.ReportRow) error {
		if key := sectionKey(r); !open || key != current {
			if open {
				if err := end(); err != nil {
					return err
				}
			}
			current, open = key, true
			if err := start(r); err != nil {
				return err
			}
		}
		return row(r)
	})
	if err == nil && open {
		err = end()
	}
	return err
}

// sourceLine describes a source document in one sentence.
func sourceLine(s rtp.Source) string {
	return fmt.Sprintf("%s of %s, organised by %s", s.Kind, longDate(s.Date), joinAnd(s.Organisers))
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return "nobody named"
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// longDate writes 2017-09-07 as 7 September 2017, as reports do.
func longDate(d rtp.Date) string { return d.Time().Format("2 January 2006") }

// percent rounds half up, as readers of reports expect: 12.5 is 13%.
func percent(f float64) string { return fmt.Sprintf("%.0f%%", math.Floor(f+0.5)) }

func evidenceRefs(refs []rtp.EvidenceRef) []string {
	out := make([]string, len(refs))
	for i, e := range refs {
		out[i] = e.Ref
	}
	return out
}

// staleNote explains the stale list.
func staleNote(rep rtp.Report) string {
	which := "Recommendations not implemented"
	if rep.StaleAll {
		which = "Recommendations"
	}
	return fmt.Sprintf("%s with no update dated %s or later (the reporting date is %s).", which, rep.StaleBefore, rep.AsOf)
}

// changeText says in a few words what an entry of the period did.
func changeText(c rtp.Change) string {
	switch c.Kind {
	case rtp.ChangeStatus:
		return string(c.From) + " → " + string(c.To)
	case rtp.ChangeNote:
		return "note"
	case rtp.ChangeRetraction:
		return "retracted " + c.Detail
	case rtp.ChangeAmended:
		if c.From != c.To {
			return "amends " + c.Detail + ": " + string(c.From) + " → " + string(c.To)
		}
		return "amends " + c.Detail
	default:
		return c.Detail
	}
}

// periodNotes writes every note of the period (--detail full), one line
// each with its day and author; without --detail full the latest note.
func periodNotes(r rtp.ReportRow) []string {
	if r.Notes == nil {
		if r.LatestNote == "" {
			return nil
		}
		return []string{r.LatestNote}
	}
	out := make([]string, len(r.Notes))
	for i, n := range r.Notes {
		out[i] = fmt.Sprintf("%s, %s: %s", n.Date, n.By, n.Note)
	}
	return out
}

// notesHeader names the notes column: the latest note, or all of the
// period's with --detail full.
func notesHeader(rep rtp.Report) string {
	if rep.DetailFull {
		return "Notes"
	}
	return "Latest note"
}

// numberIn writes a recommendation's number as the report's tables show
// it: memo-2017/6 where the report mixes sources, else 6.
func numberIn(rep rtp.Report, source string, number int) string {
	if rep.MixesSources() {
		return source + "/" + strconv.Itoa(number)
	}
	return strconv.Itoa(number)
}

// summaryPart is the summary of the report, or of one of its sources.
type summaryPart struct {
	Source, Title string // empty when the report has one source
	rtp.Summary
}

// summaryParts are the summaries a report shows: one per source where the
// report mixes sources, else the report's own.
func summaryParts(rep rtp.Report) []summaryPart {
	if !rep.MixesSources() {
		return []summaryPart{{Summary: rep.Summary}}
	}
	out := make([]summaryPart, len(rep.BySource))
	for i, s := range rep.BySource {
		out[i] = summaryPart{Source: s.Source, Title: s.Title, Summary: s.Summary}
	}
	return out
}

// sourceTitle is a source's title, by its ID.
func sourceTitle(rep rtp.Report, id string) string {
	for _, s := range rep.Sources {
		if s.ID == id {
			return s.Title
		}
	}
	return id
}

// changeLink is the link of an evidence entry of the period.
func changeLink(c rtp.Change) string {
	if c.Kind != rtp.ChangeEvidence {
		return ""
	}
	ref, _, _ := strings.Cut(c.Detail, " (")
	return rtp.EvidenceLink(ref)
}
