package web

import (
	"net/http"

	"github.com/rtp-tracker/rtp"
)

// resolve turns the {id} of a path into a recommendation's ID.
func (s *Server) resolve(r *http.Request) (string, error) {
	arg := r.PathValue("id")
	if err := rtp.CheckLine("recommendation", arg, rtp.MaxNameBytes); err != nil {
		return "", err
	}
	id, err := s.reader.Resolve(r.Context(), arg)
	if err != nil || s.opts.Source == "" {
		return id, err
	}
	it, err := s.reader.Item(r.Context(), id, s.today())
	if err != nil {
		return "", err
	}
	if it.Source != s.opts.Source {
		return "", rtp.Errorf(rtp.ENOTFOUND, "no recommendation %q in the source %s, the only one this view serves", truncate(arg), s.opts.Source)
	}
	return id, nil
}

func (s *Server) recommendation(w http.ResponseWriter, r *http.Request) {
	v, ok := s.viewOf(w, r)
	if !ok {
		return
	}
	id, err := s.resolve(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	asOf := v.Filter.AsOf
	d, err := s.reader.Detail(r.Context(), id, asOf, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d = publicDetail(d, asOf).UpTo(asOf)
	owners, err := s.reader.OwnerChanges(r.Context(), id, asOf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sources, err := s.sources(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var source rtp.Source
	for _, src := range sources {
		if src.ID == d.Source {
			source = src.Source
		}
	}
	data := map[string]any{"D": d, "Source": source, "OwnerChanges": owners}
	s.renderPage(w, r, "recommendation", page{Title: d.Title, Nav: "list", View: v, Data: data})
}
