package web

import (
	"context"
	"sync"
)

// maxKept bounds the values kept in memory: the overviews of today and a
// few filtered or dated ones, sorted list pages (a few kilobytes each), the
// vocabularies and the sources.
const maxKept = 32

// keptValues are values read from the tracker that cost a pass over every
// recommendation (the overview's summary and stale list: about a second at
// 100,000; the actors and themes the filters offer), kept by tracker
// version and today: nothing they hold can change without the version
// changing. Requests for a value being read wait for it rather than read
// it again.
type keptValues struct {
	mu      sync.Mutex
	entries map[string]*keptValue
	order   []string // keys, oldest first
}

type keptValue struct {
	done  chan struct{} // closed when value and err are set
	value any
	err   error
}

// kept returns the value build reads for what (a name and whatever else
// it depends on besides the tracker and today), read again only when the
// tracker's version (Reader.Version, read once per request) changed.
func (s *Server) kept(ctx context.Context, what string, build func(context.Context) (any, error)) (any, error) {
	version, ok := ctx.Value(versionKey{}).(string)
	if !ok {
		var err error
		if version, err = s.reader.Version(ctx); err != nil {
			return nil, err
		}
	}
	key := version + "\x00" + string(s.today()) + "\x00" + what
	c := &s.keptValues
	c.mu.Lock()
	if e, ok := c.entries[key]; ok {
		c.mu.Unlock()
		<-e.done
		return e.value, e.err
	}
	e := &keptValue{done: make(chan struct{})}
	if c.entries == nil {
		c.entries = map[string]*keptValue{}
	}
	c.entries[key] = e
	c.order = append(c.order, key)
	if len(c.order) > maxKept {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	c.mu.Unlock()
	// Others may wait for it: the first client leaving must not cancel it.
	e.value, e.err = build(context.WithoutCancel(ctx))
	close(e.done)
	if e.err != nil { // not kept: the next request tries again
		c.mu.Lock()
		if c.entries[key] == e {
			delete(c.entries, key)
		}
		c.mu.Unlock()
	}
	return e.value, e.err
}

// vocabulary is Reader.Vocabulary, kept.
func (s *Server) vocabulary(ctx context.Context, kind string) ([]string, error) {
	v, err := s.kept(ctx, "vocabulary "+kind, func(ctx context.Context) (any, error) { return s.reader.Vocabulary(ctx, kind) })
	list, _ := v.([]string)
	return list, err
}
