package web

import (
	"context"
	"net/http"

	"github.com/rtp-tracker/rtp"
)

// recentDays is how far back the overview lists status changes.
const recentDays = 90

// defaultStale is the stale period of reports, as `rtp report --stale`.
const defaultStale = "180d"

// reportRequest is the report of a view, as `rtp report` with the same
// flags makes it: there the stale period sets the stale list and filters
// nothing.
func reportRequest(v view, rowsOnly bool) (rtp.ReportRequest, error) {
	req := rtp.ReportRequest{AsOf: v.Filter.AsOf, Filter: v.Filter, RowsOnly: rowsOnly}
	req.Filter.StaleBefore = ""
	stale := v.Stale
	if stale == "" {
		stale = defaultStale
	}
	var err error
	req.StaleBefore, err = rtp.StaleCutoff("stale", stale, req.AsOf)
	return req, err
}

// sourceProgress is one source's recommendations by status.
type sourceProgress struct {
	Source  rtp.Source
	Total   int
	Done    int // implemented or partial
	Percent int
	Bar     []barSegment
}

// barSegment is a status's share of a stacked bar, in SVG user units (a
// bar is 100 wide): widths are attributes, not inline styles, which the
// Content-Security-Policy forbids.
type barSegment struct {
	Status rtp.Status
	Count  int
	X, W   float64
}

// statusBar is the length of a status's bar in the summary chart.
type statusBar struct {
	Status      rtp.Status
	Count       int
	W, CountX   float64
	BarY, TextY int
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	v, ok := s.viewOf(w, r)
	if !ok {
		return
	}
	kept, err := s.kept(r.Context(), "overview?"+r.URL.RawQuery, func(ctx context.Context) (any, error) { return s.overviewData(ctx, v) })
	data, _ := kept.(map[string]any)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderPage(w, r, "overview", page{Title: "Overview", Nav: "overview", View: v, Data: data})
}

// overviewData reads what the overview shows: the report's summary, counts
// by source and stale list (one pass over the recommendations), and the
// latest status changes (a read of the recent window only).
func (s *Server) overviewData(ctx context.Context, v view) (map[string]any, error) {
	req, err := reportRequest(v, false)
	if err != nil {
		return nil, err
	}
	since := rtp.DateOf(req.AsOf.Time().AddDate(0, 0, -recentDays))
	data := map[string]any{"RecentDays": recentDays, "Since": since, "MaxChanges": maxChanges}
	err = s.reader.Report(ctx, req, func(rep rtp.Report, _ rtp.ReportRows) error {
		counts := countsBySource(rep)
		var progress []sourceProgress
		for _, src := range rep.Sources {
			progress = append(progress, progressOf(src, counts[src.ID]))
		}
		data["Sources"], data["Bars"] = progress, summaryBars(rep.Summary)
		data["ChartHeight"] = 24 * len(rep.Summary.ByStatus)
		data["Share"] = int(rep.Summary.Share + 0.5)
		// The page shows the first few stale ones: the rest is not kept.
		data["StaleCount"] = len(rep.Stale)
		data["Report"] = trimStale(rep)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if data["Changes"], err = s.reader.RecentChanges(ctx, req.Filter, since, maxChanges); err != nil {
		return nil, err
	}
	// What is overdue or due soon, as the report's "Due and overdue": only
	// a tracker with targets or checks has the section.
	due, err := rtp.ReportTargets(ctx, s.reader, req.Filter)
	if err != nil {
		return nil, err
	}
	data["DueWithinDays"], data["Due"] = rtp.DueWithinDays, due.Due
	data["HasDue"] = len(due.Targets) > 0 || len(due.Due) > 0
	return data, nil
}

// maxStale is the most stale recommendations the overview lists; the list
// page has them all.
const maxStale = 20

func trimStale(rep rtp.Report) rtp.Report {
	rep.Stale = rep.Stale[:min(len(rep.Stale), maxStale)]
	return rep
}

// maxChanges is the most status changes the overview lists, the latest:
// the page does not grow with the tracker; the reports hold them all.
const maxChanges = 20

// countsBySource counts the report's recommendations by source and status:
// the report's summary when it has one source, else its summary by source.
func countsBySource(rep rtp.Report) map[string]map[rtp.Status]int {
	counts := map[string]map[rtp.Status]int{}
	add := func(source string, sum rtp.Summary) {
		one := map[rtp.Status]int{}
		for _, c := range sum.ByStatus {
			one[c.Status] = c.Count
		}
		counts[source] = one
	}
	if len(rep.Sources) == 1 {
		add(rep.Sources[0].ID, rep.Summary)
	}
	for _, s := range rep.BySource {
		add(s.Source, s.Summary)
	}
	return counts
}

func progressOf(src rtp.Source, counts map[rtp.Status]int) sourceProgress {
	p := sourceProgress{Source: src}
	for _, n := range counts {
		p.Total += n
	}
	p.Done = counts[rtp.StatusImplemented] + counts[rtp.StatusPartial]
	if p.Total == 0 {
		return p
	}
	p.Percent = (200*p.Done + p.Total) / (2 * p.Total) // rounded half up
	x := 0.0
	for _, st := range rtp.Statuses {
		if n := counts[st]; n > 0 {
			w := 100 * float64(n) / float64(p.Total)
			p.Bar = append(p.Bar, barSegment{Status: st, Count: n, X: x, W: w})
			x += w
		}
	}
	return p
}

func summaryBars(sum rtp.Summary) []statusBar {
	most := 1
	for _, c := range sum.ByStatus {
		most = max(most, c.Count)
	}
	const plot, rowHeight = 250, 24
	out := make([]statusBar, len(sum.ByStatus))
	for i, c := range sum.ByStatus {
		w := plot * float64(c.Count) / float64(most)
		if c.Count > 0 {
			w = max(w, 2)
		}
		out[i] = statusBar{Status: c.Status, Count: c.Count, W: w, CountX: 106 + w, BarY: i*rowHeight + 4, TextY: i*rowHeight + 17}
	}
	return out
}
