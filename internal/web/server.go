// Package web is rtp's read-only web view (`rtp serve`): HTML pages, report
// downloads and a JSON API over an rtp.Reader. Nothing in it writes: the
// only methods it answers are GET and HEAD, and private entries are left
// out of everything it serves.
package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rtp-tracker/rtp"
)

// Options says what the view needs besides the tracker.
type Options struct {
	// Now is the clock: today is the default as_of, and stale periods
	// count back from it. Nil means time.Now.
	Now func() time.Time
	// Log receives one line per refused or failed request; nil is
	// discarded.
	Log *log.Logger
	// Source, if set, is the one source document whose recommendations
	// the view serves (rtp serve --source).
	Source string
}

// Server answers the view's requests from one tracker.
type Server struct {
	reader rtp.Reader
	opts   Options
	mux    *http.ServeMux
	// keptValues are reads kept while the tracker is unchanged (kept.go).
	keptValues keptValues
}

// maxQueryBytes bounds a query string: every filter together fits in far
// less, and a longer one is a mistake or an attack.
const maxQueryBytes = 2048

// New returns the view over r. r must be open read-only; New never writes.
func New(r rtp.Reader, opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = log.New(io.Discard, "", 0)
	}
	s := &Server{reader: r, opts: opts, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /{$}", s.overview)
	s.mux.HandleFunc("GET /list", s.list)
	s.mux.HandleFunc("GET /rec/{id}", s.recommendation)
	s.mux.HandleFunc("GET /report/{file}", s.download)
	s.mux.HandleFunc("GET /static/{file}", s.static)
	s.mux.HandleFunc("GET /api/list", s.apiList)
	s.mux.HandleFunc("GET /api/recommendations/{id}", s.apiRecommendation)
	s.mux.HandleFunc("GET /api/report", s.apiReport)
	s.mux.HandleFunc("GET /api/sources", s.apiSources)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, rtp.Errorf(rtp.ENOTFOUND, "no such API route %s: use /api/list, /api/recommendations/ID, /api/report or /api/sources", r.URL.Path))
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, rtp.Errorf(rtp.ENOTFOUND, "no such page %s", r.URL.Path))
	})
	return s
}

// ServeHTTP sets the safety headers on every answer, refuses every method
// but GET and HEAD and overlong queries, answers 304 when the page cannot
// have changed, and turns a panic into a logged 500.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.opts.Log.Printf("500 %s %q: panic: %v %s", r.Method, r.URL.RequestURI(), p, oneLineStack())
			http.Error(w, "Internal error", http.StatusInternalServerError)
		}
	}()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		s.fail(w, r, &httpError{http.StatusMethodNotAllowed, fmt.Sprintf("method %s is not allowed: this view only reads (GET, HEAD)", r.Method)})
		return
	}
	if len(r.URL.RawQuery) > maxQueryBytes {
		s.fail(w, r, &httpError{http.StatusRequestURITooLong, fmt.Sprintf("the query is %d bytes long: at most %d", len(r.URL.RawQuery), maxQueryBytes)})
		return
	}
	if !strings.HasPrefix(r.URL.Path, "/static/") {
		version, err := s.reader.Version(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		// Today is part of the tag: with no as_of, a page shows today's
		// state, and stale periods count back from today.
		sum := sha256.Sum256([]byte(version + "\x00" + string(s.today()) + "\x00" + r.URL.RequestURI()))
		etag := `W/"` + hex.EncodeToString(sum[:12]) + `"`
		h.Set("ETag", etag)
		h.Set("Cache-Control", "no-cache")
		if etagMatches(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		// What the page reads is kept under the version it was tagged with.
		r = r.WithContext(context.WithValue(r.Context(), versionKey{}, version))
	}
	s.mux.ServeHTTP(w, r)
}

// versionKey holds, in a request's context, the tracker's version its
// ETag was made from (Reader.Version).
type versionKey struct{}

// etagMatches is the weak comparison of If-None-Match (RFC 9110 13.1.2).
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

func (s *Server) today() rtp.Date { return rtp.DateOf(s.opts.Now()) }

// oneLineStack keeps a panic's stack on the log's one line.
func oneLineStack() string {
	return strings.Join(strings.Fields(string(debug.Stack())), " ")
}

// sources are the source documents the view serves: all, or --source's.
func (s *Server) sources(r *http.Request) ([]rtp.SourceSummary, error) {
	v, err := s.kept(r.Context(), "sources", func(ctx context.Context) (any, error) { return s.reader.Sources(ctx) })
	all, _ := v.([]rtp.SourceSummary)
	if err != nil || s.opts.Source == "" {
		return all, err
	}
	var out []rtp.SourceSummary
	for _, src := range all {
		if src.ID == s.opts.Source {
			out = append(out, src)
		}
	}
	return out, nil
}
