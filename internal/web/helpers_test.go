package web_test

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/sources"
	"github.com/rtp-tracker/rtp/internal/store"
	"github.com/rtp-tracker/rtp/internal/web"
)

// today is the fixed day of the tests' clock.
var today = time.Date(2020, 3, 1, 12, 0, 0, 0, time.UTC)

// hostile is text that would act in a page if it were not escaped.
const hostile = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`

// canaries are the private texts of the fixture, found nowhere else.
var canaries = []string{
	"CANARY-update-note", "CANARY-update-ref", "CANARY-evidence-ref", "CANARY-evidence-title",
	"CANARY-evidence-note", "CANARY-evonly-ref", "CANARY-retracted-note", "CANARY-retract-reason",
	"CANARY-note-only-author", "CANARY-private-author", "CANARY-retracted-author", "CANARY-retraction-author",
	"CANARY-amended-author", "CANARY-amendment-author", "CANARY-amended-note",
}

// fixture is a real tracker file with public, private, hostile and
// retracted entries; it returns the file and a writable handle on it.
func fixture(t testing.TB) (string, *store.Store) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rtp.db")
	now := today
	w, _, err := store.Create(ctx, path, store.Options{Seed: sources.Seed, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := w.Assign(ctx, rtp.Assignment{RecommendationID: "ga-agenda", Owner: "ICRtoP", Role: rtp.RoleLead, AsOf: "2017-09-07", By: "tester"}); err != nil {
		t.Fatal(err)
	}
	must(w.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "ga-agenda", Status: rtp.StatusImplemented, AsOf: "2017-09-15", By: "ICRtoP",
		Note: "GA put RtoP on its agenda " + hostile, Evidence: []rtp.NewEvidence{{RecommendationID: "ga-agenda", Ref: "A/72/250", Title: hostile, By: "ICRtoP"}, {RecommendationID: "ga-agenda", Ref: "https://www.un.org/en/genocideprevention/", By: "ICRtoP"}}}))
	must(w.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusInProgress, AsOf: "2019-06-10", By: "CANARY-private-author",
		Note: "CANARY-update-note", Private: true, Evidence: []rtp.NewEvidence{{RecommendationID: "upr", Ref: "CANARY-update-ref", By: "tester"}}}))
	must(w.AddEvidence(ctx, rtp.NewEvidence{RecommendationID: "upr", Ref: "CANARY-evidence-ref", Title: "CANARY-evidence-title",
		Note: "CANARY-evidence-note", Private: true, Date: "2019-07-01", By: "tester"}))
	must(w.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "gender-lens", Status: rtp.StatusPartial, AsOf: "2019-03-01", By: "tester",
		Note: "Public note", Evidence: []rtp.NewEvidence{{RecommendationID: "gender-lens", Ref: "CANARY-evonly-ref", Private: true, By: "tester"}, {RecommendationID: "gender-lens", Ref: "A/73/898", By: "tester"}}}))
	u, err := w.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "ga-agenda", Status: rtp.StatusStalled, AsOf: "2019-08-01", By: "CANARY-retracted-author",
		Note: "CANARY-retracted-note", Private: true})
	must(u, err)
	must(w.Retract(ctx, rtp.NewRetraction{UpdateID: u.ID, Reason: "CANARY-retract-reason", AsOf: "2019-09-01", By: "CANARY-retraction-author"}))
	must(w.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "joint-office", Status: rtp.StatusRegressed, AsOf: "2019-01-10", By: "tester", Note: "Wrong one"}))
	// A private note on its own: who wrote it, and when, is private too.
	must(w.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "joint-office", AsOf: "2019-02-10", By: "CANARY-note-only-author",
		Note: "CANARY-update-note", Private: true}))
	// A private update amended: who amended it is private too.
	p, err := w.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "regional-bodies", Status: rtp.StatusStalled, AsOf: "2019-04-01", By: "CANARY-amended-author",
		Note: "CANARY-update-note", Private: true})
	must(p, err)
	note := "CANARY-amended-note"
	must(w.Amend(ctx, rtp.NewAmendment{UpdateID: p.ID, Note: &note, By: "CANARY-amendment-author"}))
	return path, w
}

// serve opens the tracker at path read-only, as rtp serve does, and serves
// the view on a test server; log receives the server's lines.
func serve(t testing.TB, path string) (*httptest.Server, *lockedBuffer) {
	t.Helper()
	r, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	logs := &lockedBuffer{}
	h := web.New(r, web.Options{Now: func() time.Time { return today }, Log: log.New(logs, "", 0)})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, logs
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type answer struct {
	status int
	header http.Header
	body   string
}

// fetch asks the server with a method and headers (name, value pairs).
func fetch(t testing.TB, srv *httptest.Server, method, target string, headers ...string) answer {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+target, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, string(body)}
}

func get(t testing.TB, srv *httptest.Server, target string) answer {
	t.Helper()
	return fetch(t, srv, http.MethodGet, target)
}

// servedFixture serves the fixture, for a test that runs in parallel.
func servedFixture(t *testing.T) (*httptest.Server, *lockedBuffer) {
	t.Helper()
	t.Parallel()
	path, _ := fixture(t)
	return serve(t, path)
}
