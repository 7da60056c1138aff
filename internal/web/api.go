package web

import (
	"bytes"
	"math"
	"net/http"

	"github.com/rtp-tracker/rtp/internal/render"
)

// The API answers with the JSON of the command line's --format json, made
// by the same renderers: /api/list is `rtp track list`, /api/report is
// `rtp report`, /api/recommendations/ID is `rtp track show ID` and
// /api/sources is `rtp source list`, each without private entries. The
// list's evidence counts leave private evidence out, as a report's do.

func (s *Server) apiList(w http.ResponseWriter, r *http.Request) {
	v, ok := s.viewOf(w, r)
	if !ok {
		return
	}
	if _, err := reportRequest(v, true); err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, func(b *bytes.Buffer) error {
		// The list page's rows, all of them: the values a report without
		// private entries shows, and of the stale ones those its last
		// update, private notes left out, puts before the cut-off.
		items, err := s.reader.ListPage(r.Context(), v.Filter, "", 0, math.MaxInt)
		if err != nil {
			return err
		}
		out, err := render.NewListWriter(b, "json", render.Options{})
		if err != nil {
			return err
		}
		for _, it := range items {
			if err := out.Write(it); err != nil {
				return err
			}
		}
		return out.Close()
	})
}

func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	v, ok := s.viewOf(w, r)
	if !ok {
		return
	}
	s.writeJSON(w, r, func(b *bytes.Buffer) error { return s.writeReport(r, b, v, "json") })
}

func (s *Server) apiRecommendation(w http.ResponseWriter, r *http.Request) {
	v, ok := s.viewOf(w, r)
	if !ok {
		return
	}
	s.writeJSON(w, r, func(b *bytes.Buffer) error {
		id, err := s.resolve(r)
		if err != nil {
			return err
		}
		d, err := s.reader.Detail(r.Context(), id, v.Filter.AsOf, "")
		if err != nil {
			return err
		}
		return render.Show(b, "json", publicDetail(d, v.Filter.AsOf).UpTo(v.Filter.AsOf), render.Options{})
	})
}

func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.viewOf(w, r); !ok {
		return
	}
	s.writeJSON(w, r, func(b *bytes.Buffer) error {
		sources, err := s.sources(r)
		if err != nil {
			return err
		}
		out, err := render.NewSourceWriter(b, "json", render.Options{})
		if err != nil {
			return err
		}
		for _, src := range sources {
			if err := out.Write(render.SourceRow{Source: src.Source, Recommendations: src.Recommendations}); err != nil {
				return err
			}
		}
		return out.Close()
	})
}

// writeJSON sends what fill writes, whole, or the error as JSON.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, fill func(*bytes.Buffer) error) {
	var b bytes.Buffer
	if err := fill(&b); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}
