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
	d = onDay(publicDetail(d, asOf), asOf)
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

// onDay is the history as it stood on asOf: updates and evidence dated
// later are left out, as rtp track show --as-of leaves them out. A
// retraction reaches every day (it says the entry was always a mistake),
// so an entry retracted later is shown retracted, as it does not count.
func onDay(d rtp.Detail, asOf rtp.Date) rtp.Detail {
	updates := make([]rtp.Update, 0, len(d.Updates))
	for _, u := range d.Updates {
		if u.AsOf <= asOf {
			u.Evidence = evidenceOnDay(u.Evidence, asOf)
			updates = append(updates, u)
		}
	}
	d.Updates, d.Evidence = updates, evidenceOnDay(d.Evidence, asOf)
	return d
}

func evidenceOnDay(list []rtp.Evidence, asOf rtp.Date) []rtp.Evidence {
	out := make([]rtp.Evidence, 0, len(list))
	for _, e := range list {
		if e.Date <= asOf {
			out = append(out, e)
		}
	}
	return out
}
