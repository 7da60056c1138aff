package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
	"github.com/rtp-tracker/rtp/internal/synth"
	"github.com/rtp-tracker/rtp/internal/web"
)

// routes are every page, download and API answer, each with what it must
// hold: the public entries the private ones sit beside.
var routes = []struct {
	path, contentType, holds string
}{
	{"/", "text/html", "Implemented or partly implemented"},
	{"/?as_of=2019-12-31", "text/html", "Incorporate a gender lens"},
	{"/list", "text/html", "Keep RtoP on the General Assembly"},
	{"/list?status=implemented&sort=-title", "text/html", "ga-agenda"},
	{"/list?owner=ICRtoP&theme=gender&actor=Member+States&stale=1y&as_of=2019-12-31", "text/html", "No recommendation matches"},
	{"/rec/ga-agenda", "text/html", "A/72/250"},
	{"/rec/upr", "text/html", "The note and evidence of this update are private"},
	{"/rec/gender-lens?as_of=2019-12-31", "text/html", "Public note"},
	{"/rec/3", "text/html", "Use the UPR"},
	{"/report/rtp-report.csv", "text/csv", "ga-agenda"},
	{"/report/rtp-report.html", "text/html", "RtoP follow-up report"},
	{"/report/rtp-report.md", "text/markdown", "Public note"},
	{"/report/rtp-report.json", "application/json", "Public note"},
	{"/report/rtp-report.xlsx", "application/vnd.openxmlformats", "ga-agenda"},
	{"/api/list", "application/json", `"id": "upr"`},
	{"/api/list?as_of=2019-12-31&status=partial", "application/json", `"gender-lens"`},
	{"/api/report?as_of=2019-12-31", "application/json", "Public note"},
	{"/api/recommendations/upr", "application/json", `"private": true`},
	{"/api/recommendations/gender-lens", "application/json", "A/73/898"},
	{"/rec/joint-office", "text/html", "Wrong one"},
	{"/rec/regional-bodies", "text/html", "Support regional bodies"},
	{"/api/recommendations/regional-bodies", "application/json", `"amended_by"`},
	{"/api/recommendations/joint-office", "application/json", "Wrong one"},
	{"/api/sources", "application/json", "memo-2017"},
	{"/static/style.css", "text/css", ".status.implemented"},
}

// text is an answer's text; an XLSX workbook's every part, unzipped.
func text(t *testing.T, a answer) string {
	t.Helper()
	if !strings.HasPrefix(a.header.Get("Content-Type"), "application/vnd.openxmlformats") {
		return a.body
	}
	z, err := zip.NewReader(strings.NewReader(a.body), int64(len(a.body)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&b, r)
		r.Close()
	}
	return b.String()
}

func TestEveryRouteAnswersWithoutPrivateText(t *testing.T) {
	srv, _ := servedFixture(t)
	for _, route := range routes {
		t.Run(route.path, func(t *testing.T) {
			a := get(t, srv, route.path)
			if a.status != http.StatusOK {
				t.Fatalf("status %d: %s", a.status, a.body)
			}
			if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, route.contentType) {
				t.Errorf("Content-Type %q, want %s", ct, route.contentType)
			}
			body := text(t, a)
			if !strings.Contains(body, route.holds) {
				t.Errorf("the answer lacks %q", route.holds)
			}
			for _, c := range canaries {
				if strings.Contains(body, c) {
					t.Errorf("the answer holds the private %q", c)
				}
			}
			if strings.HasPrefix(route.contentType, "application/json") && !json.Valid([]byte(a.body)) {
				t.Error("the answer is not valid JSON")
			}
		})
	}
}

// TestPrivateUpdateKeepsItsStatus: a private update's status counts, as in
// reports; only its note and evidence are left out.
func TestPrivateUpdateKeepsItsStatus(t *testing.T) {
	srv, _ := servedFixture(t)
	var d rtp.Detail
	if err := json.Unmarshal([]byte(get(t, srv, "/api/recommendations/upr").body), &d); err != nil {
		t.Fatal(err)
	}
	if d.Status != rtp.StatusInProgress || len(d.Updates) != 1 || d.Updates[0].Note != "" || len(d.Updates[0].Evidence) != 0 {
		t.Errorf("upr: %+v", d)
	}
	if d.EvidenceCount != 0 || len(d.Evidence) != 0 {
		t.Errorf("upr counts %d pieces of evidence, shows %d: all of it is private", d.EvidenceCount, len(d.Evidence))
	}
}

func TestHeadersOnEveryAnswer(t *testing.T) {
	srv, _ := servedFixture(t)
	for _, target := range []string{"/", "/list?status=nope", "/rec/nope", "/api/nope", "/static/style.css"} {
		h := get(t, srv, target).header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'", "base-uri 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", target, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q allows unsafe", target, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", target, h)
		}
	}
}

// TestHostileTextIsText: notes and references that are markup show as
// text; the pages hold no script, no event handler, no link but to the
// view itself or the web.
func TestHostileTextIsText(t *testing.T) {
	srv, _ := servedFixture(t)
	for _, target := range []string{"/", "/?as_of=2018-01-01", "/list", "/rec/ga-agenda", "/rec/ga-agenda?as_of=2017-12-31"} {
		body := get(t, srv, target).body
		doc, err := html.Parse(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var shown strings.Builder
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script", "iframe", "object", "embed", "img", "style":
					t.Errorf("%s: a <%s> element", target, n.Data)
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
						t.Errorf("%s: <%s %s=%q>", target, n.Data, a.Key, a.Val)
					}
					if n.Data == "a" && a.Key == "href" && !strings.HasPrefix(a.Val, "/") && !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "#") {
						t.Errorf("%s: link to %q", target, a.Val)
					}
				}
			}
			if n.Type == html.TextNode {
				shown.WriteString(n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if strings.HasPrefix(target, "/rec/ga-agenda") && !strings.Contains(shown.String(), hostile) {
			t.Errorf("%s: the hostile note is not shown as text", target)
		}
	}
	if !strings.Contains(get(t, srv, "/rec/ga-agenda").body, `<a href="https://undocs.org/A/72/250">A/72/250</a>`) {
		t.Error("the UN symbol A/72/250 is not linked to the UN's document system")
	}
}

func TestOnlyReads(t *testing.T) {
	srv, logs := servedFixture(t)
	before := get(t, srv, "/api/report").body
	for _, method := range []string{"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"} {
		for _, target := range []string{"/", "/list", "/rec/upr", "/api/list"} {
			a := fetch(t, srv, method, target)
			if a.status != http.StatusMethodNotAllowed || a.header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d, Allow %q", method, target, a.status, a.header.Get("Allow"))
			}
		}
	}
	if a := fetch(t, srv, "HEAD", "/list"); a.status != http.StatusOK || a.body != "" {
		t.Errorf("HEAD /list: %d, %d bytes", a.status, len(a.body))
	}
	if after := get(t, srv, "/api/report").body; after != before {
		t.Error("the tracker changed")
	}
	if !strings.Contains(logs.String(), `405 POST "/"`) {
		t.Errorf("the refusal is not logged: %s", logs)
	}
}

func TestBadRequestsSayWhatWasWrong(t *testing.T) {
	srv, logs := servedFixture(t)
	cases := []struct {
		target string
		status int
		says   string
	}{
		{"/rec/nope", 404, `unknown recommendation "nope"`},
		{"/rec/9", 404, `unknown recommendation "9"`},
		{"/rec/g", 404, "ambiguous: it could be gender-lens, ga-agenda"},
		{"/rec/%27%20OR%201=1%20--", 404, "unknown recommendation"},
		{"/list?as_of=2019-13-45", 400, "as_of"},
		{"/list?as_of=2999-01-01", 400, "as_of"},
		{"/?as_of=yesterday", 400, "as_of"},
		{"/list?status=done", 400, `invalid status "done"`},
		{"/list?actor=Nobody", 400, `invalid actor "Nobody"`},
		{"/list?theme=x", 400, `invalid theme "x"`},
		{"/list?source=nope", 400, "source"},
		{"/list?stale=forever", 400, "stale"},
		{"/list?sort=colour", 400, `invalid sort "colour"`},
		{"/list?page=0", 400, "invalid page"},
		{"/list?page=99", 404, "page 99 does not exist"},
		{"/list?colour=red", 400, `unknown parameter "colour"`},
		{"/list?as_of=2019-01-01&as_of=2019-02-02", 400, "given 2 times"},
		{"/list?owner=" + url.QueryEscape("a\x00b"), 400, "owner"},
		{"/list?%zz", 400, "malformed query"},
		{"/list?" + strings.Repeat("status=implemented&", 200), 414, "at most"},
		{"/rec/..%2F..%2Fetc%2Fpasswd", 404, "unknown recommendation"},
		{"/static/..%2F..%2Fweb_test.go", 404, "no such file"},
		{"/report/..%2Fx.csv", 404, "no report"},
		{"/report/rtp-report.exe", 404, "no report"},
		{"/etc/passwd", 404, "no such page"},
		{"/api/recommendations/nope", 404, `"error"`},
		{"/api/list?status=done", 400, `"error"`},
		{"/api/nothing", 404, `"error"`},
	}
	for _, c := range cases {
		a := get(t, srv, c.target)
		if a.status != c.status || !strings.Contains(html.UnescapeString(a.body), c.says) {
			t.Errorf("%s: %d, want %d saying %q:\n%.300s", c.target, a.status, c.status, c.says, a.body)
		}
		if strings.Contains(a.body, "goroutine") || strings.Contains(a.body, ".go:") {
			t.Errorf("%s: the answer shows a stack trace", c.target)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if strings.HasPrefix(line, "500") {
			t.Errorf("a 500: %s", line)
		}
	}
	if n := strings.Count(logs.String(), "\n"); n != len(cases) {
		t.Errorf("%d log lines for %d refusals:\n%s", n, len(cases), logs)
	}
}

// TestETagAndChangesByOthers: an unchanged page answers 304; a change
// recorded through another connection shows on the next request, with a
// new ETag.
func TestETagAndChangesByOthers(t *testing.T) {
	t.Parallel()
	path, writer := fixture(t)
	srv, _ := serve(t, path)
	first := get(t, srv, "/rec/civil-society")
	etag := first.header.Get("ETag")
	if !strings.HasPrefix(etag, `W/"`) {
		t.Fatalf("ETag %q", etag)
	}
	if a := fetch(t, srv, "GET", "/rec/civil-society", "If-None-Match", etag); a.status != http.StatusNotModified || a.body != "" {
		t.Errorf("unchanged: %d", a.status)
	}
	if other := get(t, srv, "/rec/civil-society?as_of=2019-01-01").header.Get("ETag"); other == etag {
		t.Error("another day has the same ETag")
	}
	if _, err := writer.AddUpdate(context.Background(), rtp.NewUpdate{RecommendationID: "civil-society", Status: rtp.StatusStalled,
		AsOf: "2020-02-01", By: "someone else", Note: "Recorded while the view was open"}); err != nil {
		t.Fatal(err)
	}
	a := fetch(t, srv, "GET", "/rec/civil-society", "If-None-Match", etag)
	if a.status != http.StatusOK || !strings.Contains(a.body, "Recorded while the view was open") {
		t.Errorf("after a change: %d, without the new note", a.status)
	}
	if a.header.Get("ETag") == etag {
		t.Error("the ETag did not change")
	}
}

// TestListPages: a list is cut in pages of 50, each linking to the next;
// sorting orders the whole list, not a page.
func TestListPages(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/synth.db"
	if err := synth.Generate(context.Background(), path, synth.Scale{Name: "test", Recommendations: 120, Sources: 2, Updates: 300, Evidence: 60, Assignments: 40}); err != nil {
		t.Fatal(err)
	}
	srv, _ := serve(t, path)
	rows := func(body string) int { return strings.Count(body, `<td class="id">`) }
	first := get(t, srv, "/list")
	if n := rows(first.body); n != 50 || !strings.Contains(first.body, "1–50 of more") || !strings.Contains(first.body, `href="/list?page=2"`) {
		t.Errorf("page 1: %d rows", n)
	}
	last := get(t, srv, "/list?page=3")
	if n := rows(last.body); n != 20 || strings.Contains(last.body, `rel="next"`) || !strings.Contains(last.body, "101–120 of 120") {
		t.Errorf("page 3: %d rows", n)
	}
	var all []rtp.Item
	if err := json.Unmarshal([]byte(get(t, srv, "/api/list").body), &all); err != nil || len(all) != 120 {
		t.Fatalf("api: %d items, %v", len(all), err)
	}
	latest := ""
	for _, it := range all {
		if it.AsOf != nil && string(*it.AsOf) > latest {
			latest = string(*it.AsOf)
		}
	}
	sorted := get(t, srv, "/list?sort=-since").body
	if !strings.Contains(sorted, `aria-sort="descending"`) {
		t.Error("the sorted column is not marked")
	}
	i := strings.Index(sorted, "<tbody>")
	if i < 0 || !bytes.Contains([]byte(sorted[i:i+2000]), []byte(latest)) {
		t.Errorf("the latest status date %s is not at the top of the list sorted by it", latest)
	}
}

// TestAPIListMatchesTheTracker: /api/list holds the items of the list, as
// the tracker gives them, in track list's JSON shape.
func TestAPIListMatchesTheTracker(t *testing.T) {
	t.Parallel()
	path, _ := fixture(t)
	srv, _ := serve(t, path)
	r, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, day := range []rtp.Date{"2017-12-31", "2019-06-30", "2020-03-01"} {
		var want []rtp.Item
		r.Each(context.Background(), rtp.ListFilter{AsOf: day}, func(it rtp.Item) error {
			want = append(want, it)
			return nil
		})
		var got []rtp.Item
		if err := json.Unmarshal([]byte(get(t, srv, "/api/list?as_of="+string(day)).body), &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d items, want %d", day, len(got), len(want))
		}
		for i := range want {
			if got[i].ID != want[i].ID || got[i].Status != want[i].Status || !sameDate(got[i].AsOf, want[i].AsOf) || len(got[i].Owners) != len(want[i].Owners) {
				t.Errorf("%s: %+v, want %+v", day, got[i], want[i])
			}
		}
	}
}

func sameDate(a, b *rtp.Date) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// TestOneSource: rtp serve --source serves that source's recommendations
// only, and refuses a filter on another.
func TestOneSource(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/synth.db"
	if err := synth.Generate(context.Background(), path, synth.Scale{Name: "test", Recommendations: 40, Sources: 2, Updates: 60, Evidence: 10, Assignments: 10}); err != nil {
		t.Fatal(err)
	}
	r, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	all, err := r.Sources(context.Background())
	if err != nil || len(all) != 2 {
		t.Fatalf("%d sources, %v", len(all), err)
	}
	one, other := all[0], all[1]
	srv := httptest.NewServer(web.New(r, web.Options{Now: func() time.Time { return today }, Source: one.ID}))
	defer srv.Close()
	var items []rtp.Item
	if err := json.Unmarshal([]byte(get(t, srv, "/api/list").body), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != one.Recommendations {
		t.Errorf("%d items, want the %d of %s", len(items), one.Recommendations, one.ID)
	}
	for _, it := range items {
		if it.Source != one.ID {
			t.Errorf("%s of %s served", it.ID, it.Source)
		}
	}
	var otherID string
	r.Each(context.Background(), rtp.ListFilter{AsOf: "2026-11-29", Source: other.ID}, func(it rtp.Item) error {
		otherID = it.ID
		return nil
	})
	if a := get(t, srv, "/rec/"+otherID); a.status != http.StatusNotFound {
		t.Errorf("/rec/%s of the other source: %d", otherID, a.status)
	}
	if a := get(t, srv, "/list?source="+other.ID); a.status != http.StatusBadRequest {
		t.Errorf("a filter on the other source: %d", a.status)
	}
	if a := get(t, srv, "/api/sources"); strings.Contains(a.body, other.ID) {
		t.Errorf("/api/sources lists %s", other.ID)
	}
}

// TestOverviewKeptUntilTheTrackerChanges: the overview's data is kept
// between requests, and a status change recorded through another
// connection shows on the next request, in the recent changes and in the
// summary.
func TestOverviewKeptUntilTheTrackerChanges(t *testing.T) {
	t.Parallel()
	path, writer := fixture(t)
	srv, _ := serve(t, path)
	before := get(t, srv, "/")
	if again := get(t, srv, "/"); again.body != before.body {
		t.Fatal("two requests of an unchanged tracker answer different overviews")
	}
	day := rtp.DateOf(today.AddDate(0, 0, -3))
	if _, err := writer.AddUpdate(context.Background(), rtp.NewUpdate{RecommendationID: "civil-society", Status: rtp.StatusRegressed,
		AsOf: day, By: "someone else", Note: "Regressed while the overview was kept"}); err != nil {
		t.Fatal(err)
	}
	after := get(t, srv, "/").body
	i := strings.Index(after, `id="changes"`)
	if i < 0 || !strings.Contains(after[i:], "Regressed while the overview was kept") || !strings.Contains(after[i:], string(day)) {
		t.Errorf("the new status change is not among the recent changes:\n%s", after[max(i, 0):])
	}
	if after == before.body {
		t.Error("the overview did not change")
	}
}

// TestSortedListKeptUntilTheTrackerChanges: a sorted list page is kept
// between requests, and a change recorded through another connection
// reorders it on the next request.
func TestSortedListKeptUntilTheTrackerChanges(t *testing.T) {
	t.Parallel()
	path, writer := fixture(t)
	srv, _ := serve(t, path)
	top := func() string {
		body := get(t, srv, "/list?sort=-last_update").body
		i := strings.Index(body, `<td class="id">`)
		if i < 0 {
			t.Fatal("no rows in the sorted list")
		}
		id, _, _ := strings.Cut(body[i+len(`<td class="id">`):], "<")
		return id
	}
	if first, again := top(), top(); first != again || first == "gender-lens" {
		t.Fatalf("top of the list sorted by last update: %q then %q; the test needs another than gender-lens", first, again)
	}
	if _, err := writer.AddUpdate(context.Background(), rtp.NewUpdate{RecommendationID: "gender-lens", Status: rtp.StatusPartial,
		AsOf: rtp.DateOf(today), By: "someone else"}); err != nil {
		t.Fatal(err)
	}
	if got := top(); got != "gender-lens" {
		t.Errorf("after an update of gender-lens today, the list sorted by last update starts with %q", got)
	}
}

// TestPrivateNoteLeavesNoDate: a private note on its own is left out
// whole, so joint-office's last update is its public one (2019-01-10),
// not the private note's (2019-02-10), wherever a date shows.
func TestPrivateNoteLeavesNoDate(t *testing.T) {
	srv, _ := servedFixture(t)
	var d rtp.Detail
	if err := json.Unmarshal([]byte(get(t, srv, "/api/recommendations/joint-office").body), &d); err != nil {
		t.Fatal(err)
	}
	if d.LastUpdate == nil || *d.LastUpdate != "2019-01-10" {
		t.Errorf("/api/recommendations/joint-office: last update %v, want 2019-01-10", d.LastUpdate)
	}
	var list []rtp.Item
	if err := json.Unmarshal([]byte(get(t, srv, "/api/list").body), &list); err != nil {
		t.Fatal(err)
	}
	for _, it := range list {
		if it.ID == "joint-office" && (it.LastUpdate == nil || *it.LastUpdate != "2019-01-10") {
			t.Errorf("/api/list: joint-office's last update %v, want 2019-01-10", it.LastUpdate)
		}
	}
	// On 2019-07-20 the stale period (180 days) starts on 2019-01-21:
	// joint-office is stale only without the private note.
	_, stale, _ := strings.Cut(get(t, srv, "/?as_of=2019-07-20").body, `id="stale"`)
	if !strings.Contains(stale, "2019-01-10</td></tr>") || strings.Contains(stale, "2019-02-10") {
		t.Errorf("the overview's stale list does not list joint-office as last updated on 2019-01-10:\n%s", stale)
	}
}

// TestListPageCountsPublicEvidence: the list page counts evidence as
// /api/list and reports do, private evidence left out (upr's is all
// private, one of gender-lens's two documents is).
func TestListPageCountsPublicEvidence(t *testing.T) {
	srv, _ := servedFixture(t)
	var list []rtp.Item
	if err := json.Unmarshal([]byte(get(t, srv, "/api/list").body), &list); err != nil {
		t.Fatal(err)
	}
	page := get(t, srv, "/list").body
	want := map[string]int{"upr": 0, "gender-lens": 1}
	for _, it := range list {
		cell := regexp.MustCompile(`<td class="id">` + regexp.QuoteMeta(it.ID) + `</td>.*?<td class="num">(\d+)</td></tr>`).FindStringSubmatch(page)
		if cell == nil {
			t.Fatalf("the list page has no row for %s", it.ID)
		}
		if n, _ := strconv.Atoi(cell[1]); n != it.EvidenceCount {
			t.Errorf("the list page counts %d evidence for %s, /api/list %d", n, it.ID, it.EvidenceCount)
		}
		if w, ok := want[it.ID]; ok && it.EvidenceCount != w {
			t.Errorf("/api/list counts %d evidence for %s, want %d", it.EvidenceCount, it.ID, w)
		}
	}
}

// A recommendation's page and its JSON, on a day, show its timeline as
// rtp track show --as-of does: up to that day, and an entry retracted later
// already retracted, since it does not count on any day.
func TestRecommendationOnDayAsTrackShow(t *testing.T) {
	srv, _ := servedFixture(t)
	page := get(t, srv, "/rec/ga-agenda?as_of=2019-08-15").body
	if !strings.Contains(page, "retracted on 2019-09-01") {
		t.Error("the update retracted on 2019-09-01 is not shown retracted on 2019-08-15")
	}
	api := get(t, srv, "/api/recommendations/ga-agenda?as_of=2019-01-01").body
	if strings.Contains(api, "2019-08-01") {
		t.Errorf("the JSON on 2019-01-01 holds the update dated 2019-08-01:\n%s", api)
	}
	if !strings.Contains(api, "2017-09-15") {
		t.Errorf("the JSON on 2019-01-01 lacks the update dated 2017-09-15:\n%s", api)
	}
}

// TestRecommendationPageShowsAddressees: the page of a recommendation says
// where each addressee stands, as rtp track show does, with an actor that
// the source does not name marked, and its name escaped.
func TestRecommendationPageShowsAddressees(t *testing.T) {
	t.Parallel()
	path, w := fixture(t)
	ctx := context.Background()
	if _, err := w.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "regional-bodies", Actor: "African Union & <ECOWAS>", NewActor: true,
		Status: rtp.StatusInProgress, AsOf: "2019-02-10", By: "tester"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "regional-bodies", Actor: "regional bodies",
		Status: rtp.StatusPartial, AsOf: "2020-01-10", By: "tester"}); err != nil {
		t.Fatal(err)
	}
	srv, _ := serve(t, path)
	page := get(t, srv, "/rec/regional-bodies").body
	for _, want := range []string{"<dt>Progress per addressee</dt>",
		`<li>African Union &amp; &lt;ECOWAS&gt;: <span class="status in-progress">in-progress</span> from 2019-02-10 (added actor)</li>`,
		`<li>regional bodies: <span class="status partial">partial</span> from 2020-01-10</li>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if other := get(t, srv, "/rec/upr").body; strings.Contains(other, "Progress per addressee") {
		t.Error("a recommendation without actor updates shows an addressee list")
	}
}
