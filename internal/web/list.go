package web

import (
	"context"
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

// listPage is one page of a list.
type listPage struct {
	rows []rtp.Item
	// total is the number of rows of the whole list, or -1 when it was not
	// counted: on a page with a next one, counting would read every row.
	total int
	more  bool // a later page exists
}

// listRows reads a view's list page, and one row more to know whether a
// next page exists: the store sorts and cuts it, so a page costs about the
// same at page 1 and page 2,000.
func (s *Server) listRows(r *http.Request, v view) (listPage, error) {
	first := (v.Page - 1) * pageSize
	read := func(ctx context.Context) (any, error) {
		return s.reader.ListPage(ctx, v.Filter, v.Sort, first, pageSize+1)
	}
	var kept any
	var err error
	if (v.Sort == "" || v.Sort == "number") && v.Filter.StaleBefore == "" {
		kept, err = read(r.Context())
	} else {
		// A sorted page sorts the whole list (a second at 100,000 under
		// load), and on a tracker with private entries a page of the stale
		// ones reads it whole too (seconds: Store.ListPage): kept, so that
		// a page many ask for at once is read once.
		kept, err = s.kept(r.Context(), "list?"+r.URL.RawQuery, read)
	}
	if err != nil {
		return listPage{}, err
	}
	rows, _ := kept.([]rtp.Item)
	p := listPage{rows: rows, total: -1}
	if len(rows) > pageSize {
		p.rows, p.more = rows[:pageSize], true
	} else {
		p.total = first + len(rows)
	}
	return p, nil
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	v, ok := s.viewOf(w, r)
	if !ok {
		return
	}
	p, err := s.listRows(r, v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(p.rows) == 0 && v.Page > 1 {
		s.fail(w, r, rtp.Errorf(rtp.ENOTFOUND, "page %d does not exist: this list is shorter", v.Page))
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
		"Rows": p.rows, "Total": p.total, "Page": v.Page, "First": (v.Page-1)*pageSize + 1,
		"Last": (v.Page-1)*pageSize + len(p.rows), "Headers": headers,
		"Actors": choices.actors, "Themes": choices.themes, "Sources": choices.sources, "StalePeriods": []string{"90d", "180d", "1y"},
		"Owner": v.Filter.Owner, "Statuses": rtp.Statuses,
	}
	if v.Page > 1 {
		data["Prev"] = link("/list", withPage(v, v.Page-1))
	}
	if p.more {
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
	if c.actors, err = s.vocabulary(r.Context(), "actor"); err != nil {
		return c, err
	}
	if c.themes, err = s.vocabulary(r.Context(), "theme"); err != nil {
		return c, err
	}
	c.sources, err = s.sources(r)
	return c, err
}
