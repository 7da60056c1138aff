package render

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sync"
	"time"

	"github.com/rtp-tracker/rtp"
)

//go:embed report.html
var reportTemplate string

// reportPage is parsed on first use, not at start-up: every rtp command
// would otherwise pay for it. The page is one self-contained file: styles
// and charts are inline, and html/template escapes every piece of user text
// for where it lands.
var reportPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Parse(reportTemplate))
})

// statusColours are the colours of the statuses in charts and badges; they
// stay apart for readers with the common colour-vision deficiencies.
var statusColours = map[rtp.Status]string{
	rtp.StatusUnassessed:  "#d0d4db",
	rtp.StatusNotStarted:  "#a9b0bc",
	rtp.StatusInProgress:  "#3b75af",
	rtp.StatusPartial:     "#d08c1f",
	rtp.StatusImplemented: "#237a4a",
	rtp.StatusStalled:     "#c23b3b",
	rtp.StatusRegressed:   "#7d4e9e",
}

type htmlEvidence struct {
	Ref, Title, Link string
}

type htmlRow struct {
	Number, ID, Title, Since, Owners string
	// Targets says the table has a Target column; Target is the cell.
	Targets, Overdue bool
	Target           string
	Notes            []string
	Status           rtp.Status
	Evidence         []htmlEvidence
}

// htmlChange is an entry of the period with the words for what it did.
type htmlChange struct {
	rtp.Change
	Text, NumberIn, Link string
}

// htmlStale is a stale row with its number as the report writes it.
type htmlStale struct {
	rtp.StaleRow
	NumberIn string
}

func reportHTML(out io.Writer, rep rtp.Report, rows rtp.ReportRows) error {
	w := &invisibleEscaper{w: out}
	if err := reportHTMLPage(w, rep, rows); err != nil {
		return err
	}
	return w.Flush()
}

func reportHTMLPage(w io.Writer, rep rtp.Report, rows rtp.ReportRows) error {
	var summaries []map[string]any
	for _, part := range summaryParts(rep) {
		summaries = append(summaries, map[string]any{"Source": part.Source, "Title": part.Title, "ByStatus": part.ByStatus,
			"Total": part.Total, "ImplementedOrPartial": part.ImplementedOrPartial, "Share": percent(part.Share), "Bars": barChart(part.Summary)})
	}
	head := map[string]any{
		"AsOf": rep.AsOf, "AsOfLong": longDate(rep.AsOf), "Since": rep.Since, "Filtered": rep.Filtered,
		"Summaries": summaries, "Colours": colourList(),
	}
	var sources []map[string]string
	for _, s := range rep.Sources {
		sources = append(sources, map[string]string{"Title": s.Title, "Line": sourceLine(s)})
	}
	head["Sources"] = sources
	if err := reportPage().ExecuteTemplate(w, "head", head); err != nil {
		return err
	}
	var lanes []lane
	// Looked up once: a 100k report writes 100,000 rows.
	rowTemplate := reportPage().Lookup("row")
	err := eachSection(rows,
		func(r rtp.ReportRow) error {
			start := map[string]any{"Section": r.Section, "NotesHeader": notesHeader(rep), "Targets": rep.Targets}
			if rep.MixesSources() { // each section names its source
				start["Source"], start["SourceTitle"] = r.Source, sourceTitle(rep, r.Source)
			}
			return reportPage().ExecuteTemplate(w, "section-start", start)
		},
		func(r rtp.ReportRow) error {
			if len(rep.History) > 0 || rep.Summary.Total <= rtp.TimelineLimit {
				lanes = append(lanes, lane{ID: r.ID, Number: numberIn(rep, r.Source, r.Number), Source: r.Source})
			}
			row := htmlRow{Number: numberIn(rep, r.Source, r.Number), ID: r.ID, Title: r.Title, Status: r.Status, Since: dateOr(r.AsOf, ""),
				Owners: ownerList(r.Owners), Notes: periodNotes(r), Targets: rep.Targets, Target: targetCell(r.Target), Overdue: r.Target != nil && r.Target.Overdue}
			for _, e := range r.EvidenceRefs {
				// Web addresses and UN document symbols become links; any
				// other citation stays text.
				row.Evidence = append(row.Evidence, htmlEvidence{Ref: evidenceLinkText(e.Ref), Title: e.Title, Link: rtp.EvidenceLink(e.Ref)})
			}
			return rowTemplate.Execute(w, row)
		},
		func() error { return reportPage().ExecuteTemplate(w, "section-end", nil) })
	if err != nil {
		return err
	}
	changes := []htmlChange{}
	err = rep.EachChange(func(c rtp.Change) error {
		changes = append(changes, htmlChange{Change: c, Text: changeText(c), NumberIn: numberIn(rep, c.Source, c.Number), Link: changeLink(c)})
		return nil
	})
	if err != nil {
		return err
	}
	stale := make([]htmlStale, len(rep.Stale))
	for i, s := range rep.Stale {
		stale[i] = htmlStale{StaleRow: s, NumberIn: numberIn(rep, s.Source, s.Number)}
	}
	tail := map[string]any{"Colours": colourList(), "AsOf": rep.AsOf, "Since": rep.Since, "Changes": changes, "Stale": stale, "StaleNote": staleNote(rep),
		"Targets": rep.Targets, "Due": htmlDue(rep.Due), "DueNote": dueNote(rep), "Actors": rep.Actors}
	if len(rep.Checks) > 0 {
		tail["Checks"] = checkMatrices(rep.Checks)
	}
	if len(lanes) > 0 && len(rep.Sources) > 0 {
		tail["Timeline"] = timeline(rep, lanes)
	}
	return reportPage().ExecuteTemplate(w, "tail", tail)
}

func colourList() []map[string]string {
	out := make([]map[string]string, len(rtp.Statuses))
	for i, st := range rtp.Statuses {
		out[i] = map[string]string{"Status": string(st), "Colour": statusColours[st]}
	}
	return out
}

type bar struct {
	Status                            rtp.Status
	Count                             int
	Colour                            string
	X, Y, W, H, LabelX, CountX, TextY int
}

type bars struct {
	Width, Height int
	Bars          []bar
}

// barChart lays out a horizontal bar per status, as long as its count.
func barChart(s rtp.Summary) bars {
	const labelWidth, plot, rowHeight, barHeight = 90, 240, 24, 16
	most := 1
	for _, c := range s.ByStatus {
		most = max(most, c.Count)
	}
	out := bars{Width: labelWidth + plot + 40, Height: rowHeight * len(s.ByStatus)}
	for i, c := range s.ByStatus {
		w := c.Count * plot / most
		if c.Count > 0 {
			w = max(w, 2)
		}
		y := i*rowHeight + (rowHeight-barHeight)/2
		out.Bars = append(out.Bars, bar{Status: c.Status, Count: c.Count, Colour: statusColours[c.Status],
			X: labelWidth, Y: y, W: w, H: barHeight, LabelX: labelWidth - 6, CountX: labelWidth + w + 5, TextY: y + barHeight - 3})
	}
	return out
}

type lane struct {
	ID       string
	Number   string
	Source   string // the bar starts at its date: the recommendation did not exist before
	Label    string
	LabelX   int
	TextY    int
	Segments []segment
}

type segment struct {
	X, Y, W, H int
	Colour     string
	Title      string
}

type tick struct {
	X     int
	Label string
}

type timelineChart struct {
	Width, Height, AxisY, LabelY int
	Lanes                        []lane
	Ticks                        []tick
}

// timeline lays out one lane per recommendation from the earliest source's
// date to the reporting date, coloured by the status in force.
func timeline(rep rtp.Report, lanes []lane) timelineChart {
	const plot, laneHeight, barHeight = 560, 18, 12
	// Labels of 11-pixel text, about 6 pixels a character: wider where
	// numbers carry their source (memo-2017/6).
	labelWidth := 150
	for _, l := range lanes {
		labelWidth = max(labelWidth, 6*(len(l.Number)+1+len(l.ID))+10)
	}
	start := rep.Sources[0].Date.Time()
	issued := map[string]time.Time{}
	for _, s := range rep.Sources {
		issued[s.ID] = s.Date.Time()
		if t := s.Date.Time(); t.Before(start) {
			start = t
		}
	}
	end := rep.AsOf.Time().AddDate(0, 0, 1)
	span := end.Sub(start)
	x := func(t time.Time) int { return labelWidth + int(float64(plot)*float64(t.Sub(start))/float64(span)) }
	byID := map[string][]rtp.Change{}
	for _, c := range rep.History {
		byID[c.RecommendationID] = append(byID[c.RecommendationID], c)
	}
	chart := timelineChart{Width: labelWidth + plot + 10, AxisY: laneHeight * len(lanes)}
	chart.LabelY, chart.Height = chart.AxisY+14, chart.AxisY+20
	for i, l := range lanes {
		y := i*laneHeight + (laneHeight-barHeight)/2
		l.Label, l.LabelX, l.TextY = l.Number+" "+l.ID, labelWidth-6, y+barHeight-2
		status, from := rtp.StatusUnassessed, start
		if t, ok := issued[l.Source]; ok && t.After(start) {
			from = t
		}
		for _, c := range append(byID[l.ID], rtp.Change{To: "", Date: rtp.DateOf(end)}) {
			to := c.Date.Time()
			if to.Before(from) {
				to = from // a change dated before the source: draw from the source
			}
			if w := x(to) - x(from); w > 0 {
				l.Segments = append(l.Segments, segment{X: x(from), Y: y, W: w, H: barHeight, Colour: statusColours[status],
					Title: fmt.Sprintf("%s: %s from %s", l.ID, status, rtp.DateOf(from))})
			}
			status, from = c.To, to
		}
		chart.Lanes = append(chart.Lanes, l)
	}
	for year := start.Year() + 1; year <= end.Year(); year++ {
		t := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
		if t.After(start) && t.Before(end) {
			chart.Ticks = append(chart.Ticks, tick{X: x(t), Label: fmt.Sprint(year)})
		}
	}
	return chart
}

// htmlDueItem is a due item with how far off it is, in words.
type htmlDueItem struct {
	rtp.DueItem
	When string
}

func htmlDue(items []rtp.DueItem) []htmlDueItem {
	out := make([]htmlDueItem, len(items))
	for i, d := range items {
		out[i] = htmlDueItem{DueItem: d, When: d.HowFar()}
	}
	return out
}
