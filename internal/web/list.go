package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/rtp-tracker/rtp"
)

// pageSize is the number of rows on a list page: no page grows with the
// tracker.
const pageSize = 50

// column is a sortable header of the list.
type column struct {
	Key, Label string
	Num        bool
}

var listColumns = []column{
	{"number", "#", true}, {"id", "ID", false}, {"title", "Recommendation", false}, {"status", "Status", false},
	{"since", "Since", false}, {"owners", "Owners", false}, {"evidence", "Evidence", true},
}

// listRows reads the rows of a view's list page and how many rows the view
// has in all. In the tracker's order only the page's rows are kept; another
// order needs them all, sorted.
func (s *Server) listRows(r *http.Request, v view) (rows []rtp.ReportRow, total int, err error) {
	req, err := reportRequest(v, true)
	if err != nil {
		return nil, 0, err
	}
	req.Filter.StaleBefore = v.Filter.StaleBefore // the list filters on it, as track list --stale
	first := (v.Page - 1) * pageSize
	sorted := v.Sort != "" && v.Sort != "number"
	err = s.reader.Report(r.Context(), req, func(_ rtp.Report, each rtp.ReportRows) error {
		return each(func(row rtp.ReportRow) error {
			if sorted || (total >= first && total < first+pageSize) {
				rows = append(rows, row)
			}
			total++
			return nil
		})
	})
	if err != nil {
		return nil, 0, err
	}
	if sorted {
		sortItems(rows, v.Sort)
		rows = rows[min(first, len(rows)):min(first+pageSize, len(rows))]
	} else if v.Sort == "-number" {
		sortItems(rows, v.Sort)
	}
	return rows, total, nil
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	v, ok := s.viewOf(w, r)
	if !ok {
		return
	}
	rows, total, err := s.listRows(r, v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pages := max(1, (total+pageSize-1)/pageSize)
	if v.Page > pages {
		s.fail(w, r, rtp.Errorf(rtp.ENOTFOUND, "page %d does not exist: this list has %d", v.Page, pages))
		return
	}
	choices, err := s.filterChoices(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var headers []map[string]any
	for _, c := range listColumns {
		current, state, next := v.Sort, "none", c.Key
		if current == "" {
			current = "number"
		}
		switch current {
		case c.Key:
			state, next = "ascending", "-"+c.Key
		case "-" + c.Key:
			state = "descending"
		}
		headers = append(headers, map[string]any{"Label": c.Label, "Num": c.Num, "Link": v.Link("/list", "sort", next), "Sort": state})
	}
	data := map[string]any{
		"Rows": rows, "Total": total, "Page": v.Page, "Pages": pages, "First": (v.Page-1)*pageSize + 1,
		"Last": (v.Page-1)*pageSize + len(rows), "Headers": headers,
		"Actors": choices.actors, "Themes": choices.themes, "Sources": choices.sources, "StalePeriods": []string{"90d", "180d", "1y"},
		"Owner": v.Filter.Owner, "Statuses": rtp.Statuses,
	}
	if v.Page > 1 {
		data["Prev"] = link("/list", withPage(v, v.Page-1))
	}
	if v.Page < pages {
		data["Next"] = link("/list", withPage(v, v.Page+1))
	}
	s.renderPage(w, r, "list", page{Title: "Recommendations", Nav: "list", View: v, Data: data})
}

func withPage(v view, n int) url.Values {
	q := v.with()
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	return q
}

// choices are the values the list's filters offer.
type choices struct {
	actors, themes []string
	sources        []rtp.SourceSummary
}

func (s *Server) filterChoices(r *http.Request) (c choices, err error) {
	if c.actors, err = s.reader.Vocabulary(r.Context(), "actor"); err != nil {
		return c, err
	}
	if c.themes, err = s.reader.Vocabulary(r.Context(), "theme"); err != nil {
		return c, err
	}
	c.sources, err = s.sources(r)
	return c, err
}
