package web

import (
	"net/http"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// ownerChange is an assignment or unassignment, as the log summarises it
// ("ICRtoP as lead from 2019-01-01", "ICRtoP from 2020-01-01").
type ownerChange struct {
	Kind    string
	Summary string
	AsOf    rtp.Date
	By      string
}

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
	owners, err := s.ownersOverTime(r, id, asOf)
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

// ownersOverTime lists the assignments and unassignments dated by asOf, as
// recorded; assignments are never private.
func (s *Server) ownersOverTime(r *http.Request, id string, asOf rtp.Date) ([]ownerChange, error) {
	var out []ownerChange
	err := s.reader.Log(r.Context(), rtp.LogFilter{RecommendationID: id}, func(e rtp.Event) error {
		if e.Kind != "assign" && e.Kind != "unassign" {
			return nil
		}
		// The summary ends with " from YYYY-MM-DD", the day it counts from.
		i := strings.LastIndex(e.Summary, " from ")
		if i < 0 {
			return nil
		}
		day := rtp.Date(e.Summary[i+len(" from "):])
		if day > asOf {
			return nil
		}
		out = append(out, ownerChange{Kind: e.Kind, Summary: e.Summary[:i], AsOf: day, By: e.By})
		return nil
	})
	return out, err
}

// onDay is the history as it stood on asOf: updates and evidence dated
// later are left out, and a retraction dated later is not shown yet.
func onDay(d rtp.Detail, asOf rtp.Date) rtp.Detail {
	updates := make([]rtp.Update, 0, len(d.Updates))
	for _, u := range d.Updates {
		if u.AsOf > asOf {
			continue
		}
		if u.Retracted != nil && u.Retracted.AsOf > asOf {
			u.Retracted = nil
		}
		u.Evidence = evidenceOnDay(u.Evidence, asOf)
		updates = append(updates, u)
	}
	d.Updates, d.Evidence = updates, evidenceOnDay(d.Evidence, asOf)
	return d
}

func evidenceOnDay(list []rtp.Evidence, asOf rtp.Date) []rtp.Evidence {
	out := make([]rtp.Evidence, 0, len(list))
	for _, e := range list {
		if e.Date > asOf {
			continue
		}
		if e.Retracted != nil && e.Retracted.AsOf > asOf {
			e.Retracted = nil
		}
		out = append(out, e)
	}
	return out
}
