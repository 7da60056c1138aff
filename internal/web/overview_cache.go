package web

import (
	"context"
	"net/http"
	"sync"
)

// maxCachedOverviews bounds the overviews kept in memory: the overview of
// today and a few filtered or dated ones, a few kilobytes each.
const maxCachedOverviews = 16

// overviewCache keeps the data of the latest overviews, by tracker version,
// today and query: the summary and stale list read every recommendation
// (about a second at 100,000), and nothing they show can change without the
// version changing. Requests for an overview being built wait for it
// rather than build it again.
type overviewCache struct {
	mu      sync.Mutex
	entries map[string]*overviewEntry
	order   []string // keys, oldest first
}

type overviewEntry struct {
	done chan struct{} // closed when data and err are set
	data map[string]any
	err  error
}

// cachedOverview returns the overview's data for r, built by build unless
// it is kept. Without a tracker version (Options.Version nil) nothing is
// kept: there would be no telling when it changed.
func (s *Server) cachedOverview(r *http.Request, build func() (map[string]any, error)) (map[string]any, error) {
	if s.opts.Version == nil {
		return build()
	}
	version, err := s.opts.Version()
	if err != nil {
		return nil, err
	}
	key := version + "\x00" + string(s.today()) + "\x00" + r.URL.RawQuery
	c := &s.overviews
	c.mu.Lock()
	if e, ok := c.entries[key]; ok {
		c.mu.Unlock()
		<-e.done
		return e.data, e.err
	}
	e := &overviewEntry{done: make(chan struct{})}
	if c.entries == nil {
		c.entries = map[string]*overviewEntry{}
	}
	c.entries[key] = e
	c.order = append(c.order, key)
	if len(c.order) > maxCachedOverviews {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	c.mu.Unlock()
	// Others may wait for it: the first client leaving must not cancel it.
	e.data, e.err = build()
	close(e.done)
	if e.err != nil { // not kept: the next request tries again
		c.mu.Lock()
		if c.entries[key] == e {
			delete(c.entries, key)
		}
		c.mu.Unlock()
	}
	return e.data, e.err
}

// detached is r with a context that is not cancelled when its client
// leaves.
func detached(r *http.Request) *http.Request {
	return r.WithContext(context.WithoutCancel(r.Context()))
}
