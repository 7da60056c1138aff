package web

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// view is what a URL's query asks to see: the filters of `rtp track list`
// and `rtp report`, named as their flags without the dashes, plus the
// list's order and page.
type view struct {
	Filter rtp.ListFilter
	// AsOfGiven is whether the URL named a day: links keep it only then,
	// so that a page without one always shows today.
	AsOfGiven bool
	Stale     string // the stale period as given, e.g. 180d; empty: no filter
	Sort      string // a sortable column, "-" first for descending
	Page      int    // from 1
	query     url.Values
}

// parameters are the query parameters the view knows; any other is refused,
// so that a misspelt filter is not silently ignored.
var parameters = []string{"as_of", "status", "owner", "actor", "theme", "source", "stale", "sort", "page"}

// maxPage bounds the page number, far beyond any tracker's last page.
const maxPage = 1_000_000

// parseView reads and checks a request's query with the domain's own rules
// (the same as the command line's flags), and checks the values that need
// the tracker: the source, actor and theme must exist.
func (s *Server) parseView(ctx context.Context, q url.Values) (view, error) {
	v := view{query: q, Page: 1}
	for name := range q {
		if !slices.Contains(parameters, name) {
			return v, rtp.Errorf(rtp.EINVALID, "unknown parameter %q: use %s", truncate(name), strings.Join(parameters, ", "))
		}
	}
	for _, name := range parameters {
		if len(q[name]) > 1 && name != "status" {
			return v, rtp.Errorf(rtp.EINVALID, "parameter %s is given %d times: give it once", name, len(q[name]))
		}
	}
	today := s.today()
	f := &v.Filter
	f.AsOf = today
	if q.Has("as_of") && q.Get("as_of") != "" {
		d, err := rtp.ParseDate("as_of", q.Get("as_of"), today)
		if err != nil {
			return v, err
		}
		f.AsOf, v.AsOfGiven = d, true
	}
	var statuses []string
	for _, st := range q["status"] {
		if st != "" {
			statuses = append(statuses, st)
		}
	}
	var err error
	if f.Statuses, err = rtp.ParseStatuses("status", statuses); err != nil {
		return v, err
	}
	for _, name := range []string{"owner", "actor", "theme"} {
		if value := q.Get(name); value != "" {
			if err := rtp.CheckLine(name, value, rtp.MaxNameBytes); err != nil {
				return v, err
			}
		}
	}
	f.Owner, f.Actor, f.Theme = q.Get("owner"), q.Get("actor"), q.Get("theme")
	if f.Source = q.Get("source"); s.opts.Source != "" {
		if f.Source != "" && f.Source != s.opts.Source {
			return v, rtp.Errorf(rtp.EINVALID, "invalid source %q: this view serves the source %s only", truncate(f.Source), s.opts.Source)
		}
		f.Source = s.opts.Source
	} else if f.Source != "" {
		if err := rtp.CheckID("source", f.Source); err != nil {
			return v, err
		}
		if err := s.reader.CheckSource(ctx, f.Source); err != nil {
			return v, err
		}
	}
	if err := s.checkVocabulary(ctx, "actor", f.Actor); err != nil {
		return v, err
	}
	if err := s.checkVocabulary(ctx, "theme", f.Theme); err != nil {
		return v, err
	}
	if v.Stale = q.Get("stale"); v.Stale != "" {
		if f.StaleBefore, err = rtp.StaleCutoff("stale", v.Stale, f.AsOf); err != nil {
			return v, err
		}
	}
	if v.Sort = q.Get("sort"); v.Sort != "" && !slices.Contains(rtp.ListSorts, strings.TrimPrefix(v.Sort, "-")) {
		return v, rtp.Errorf(rtp.EINVALID, "invalid sort %q: use one of %s, with - first for descending order", truncate(v.Sort), strings.Join(rtp.ListSorts, ", "))
	}
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > maxPage {
			return v, rtp.Errorf(rtp.EINVALID, "invalid page %q: use a page number from 1", truncate(p))
		}
		v.Page = n
	}
	return v, nil
}

// checkVocabulary refuses an actor or theme that no recommendation has and
// names those that exist: an empty list would not tell a typo from a fact.
func (s *Server) checkVocabulary(ctx context.Context, kind, value string) error {
	if value == "" {
		return nil
	}
	known, err := s.vocabulary(ctx, kind)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(known, func(k string) bool { return strings.EqualFold(k, value) }) {
		return nil
	}
	return rtp.Errorf(rtp.EINVALID, "invalid %s %q: use one of %s", kind, truncate(value), strings.Join(known, "; "))
}

// truncate keeps a refused value short enough to quote in a message.
func truncate(s string) string {
	const most = 60
	if len(s) <= most {
		return s
	}
	cut := most
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// with returns the view's query with name set to value ("" removes it),
// back on the first page: a link to another filter or order.
func (v view) with(pairs ...string) url.Values {
	q := url.Values{}
	for k, vals := range v.query {
		q[k] = slices.Clone(vals)
	}
	q.Del("page")
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			q.Del(pairs[i])
		} else {
			q.Set(pairs[i], pairs[i+1])
		}
	}
	return q
}

// link is path with the query, its parameters in a fixed order so that the
// same view always has the same URL.
func link(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// asOfOnly is the query that carries only the view's day to another page.
func (v view) asOfOnly() url.Values {
	q := url.Values{}
	if v.AsOfGiven {
		q.Set("as_of", string(v.Filter.AsOf))
	}
	return q
}
