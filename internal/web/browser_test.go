package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestInChromium drives Debian's Chromium through the view as a reader
// would: the overview, a filter from the form, a recommendation, another
// day, a CSV download. No page may log an error (a Content-Security-Policy
// violation is one), every page passes the accessibility checks below at
// desktop and phone width, and screenshots of both are saved: in
// $RTP_SCREENSHOTS if set, else in the test's temporary folder.
//
// Outside CI it skips where Chromium is not installed; under CI (CI set)
// it fails instead: .ci/run installs Debian's chromium.
func TestInChromium(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed: .ci/run installs Debian's chromium")
		}
		t.Skip("chromium is not installed")
	}
	path, _ := fixture(t)
	srv, _ := serve(t, path)
	shots := os.Getenv("RTP_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	downloads := t.TempDir()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Flag("disable-background-networking", true),
		chromedp.WindowSize(1280, 900),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses its sandbox as root
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTime()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}

	// Every console call, uncaught exception and browser log entry (where
	// a Content-Security-Policy violation lands) at warning or error.
	var mu sync.Mutex
	var complaints []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			// The error page's own 400 is the answer asked for.
			expected := strings.Contains(m.Text, "status of 400") && strings.HasSuffix(m.URL, "/list?status=done")
			if !expected && (m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.Type == chromedp.ConsoleException) {
				mu.Lock()
				complaints = append(complaints, fmt.Sprintf("%s: %s (%s)", m.Type, m.Text, m.URL))
				mu.Unlock()
			}
		}
	}()
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	location := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	rows := func() int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.list tbody tr").length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}

	do("open the overview", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if h := text("h1"); !strings.Contains(h, "Where the recommendations stand") {
		t.Errorf("overview heading %q", h)
	}
	check := func(name string) {
		t.Helper()
		accessible(t, ctx, name)
		for _, width := range []int64{1280, 390} {
			do("width "+name, chromedp.EmulateViewport(width, 900))
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow {
				t.Errorf("%s is wider than a %d px screen", name, width)
			}
			if width < 600 {
				accessible(t, ctx, name+" on a phone")
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(shots, fmt.Sprintf("serve-%s-%d.png", name, width))
			if err := os.WriteFile(file, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		do("back to desktop", chromedp.EmulateViewport(1280, 900))
	}
	check("overview")

	do("open the list", chromedp.Click(chromedp.CSS(`nav a[href^="/list"]`)), chromedp.WaitVisible(chromedp.CSS("table.list")))
	if n := rows(); n != 8 {
		t.Errorf("the list has %d rows, want the memo's 8", n)
	}
	do("filter on a status", chromedp.Click(chromedp.CSS(`input[name="status"][value="implemented"]`)),
		chromedp.Click(chromedp.CSS(`form.filter-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`input[name="status"][value="implemented"][checked]`)))
	if loc, n := location(), rows(); !strings.Contains(loc, "status=implemented") || n != 1 {
		t.Errorf("after filtering: %s, %d rows", loc, n)
	}
	check("list")

	do("follow a recommendation", chromedp.Click(chromedp.CSS(`table.list tbody a[href^="/rec/"]`)), chromedp.WaitVisible(chromedp.CSS("ol.timeline")))
	if loc, st := location(), text(".state .status"); !strings.HasSuffix(loc, "/rec/ga-agenda") || st != "implemented" {
		t.Errorf("recommendation page %s shows %q", loc, st)
	}
	check("recommendation")

	do("change the day", chromedp.SetValue(chromedp.CSS("#as_of"), "2017-09-10"), chromedp.Click(chromedp.CSS(`form.asof button`)),
		chromedp.WaitVisible(chromedp.CSS(`#as_of[value="2017-09-10"]`)))
	if loc, st := location(), text(".state .status"); !strings.Contains(loc, "as_of=2017-09-10") || st != "unassessed" {
		t.Errorf("on 2017-09-10: %s shows %q, want unassessed (the first update is dated 2017-09-15)", loc, st)
	}

	do("download the CSV", chromedp.Navigate(srv.URL+"/list?status=implemented"), chromedp.WaitVisible(chromedp.CSS("table.list")),
		chromedp.Click(chromedp.CSS(`a[href^="/report/rtp-report.csv"]`)))
	csv := waitForFile(t, filepath.Join(downloads, "rtp-report-2020-03-01.csv"))
	if !strings.HasPrefix(csv, "source,number,") || !strings.Contains(csv, "ga-agenda") || strings.Contains(csv, "upr") {
		t.Errorf("the CSV of the implemented recommendations:\n%s", csv)
	}

	do("an error page", chromedp.Navigate(srv.URL+"/list?status=done"), chromedp.WaitVisible(chromedp.CSS("h1")))
	accessible(t, ctx, "error page")

	time.Sleep(200 * time.Millisecond) // the last page's messages arrive
	mu.Lock()
	defer mu.Unlock()
	for _, c := range complaints {
		t.Errorf("browser: %s", c)
	}
	t.Logf("screenshots in %s", shots)
}

func waitForFile(t *testing.T, path string) string {
	t.Helper()
	for range 100 {
		if data, err := os.ReadFile(path); err == nil && len(data) > 0 {
			return string(data)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no download at %s", path)
	return ""
}

// accessibilityChecks runs in the page and lists what fails: one h1 and no
// skipped heading level, a scope on every table header, a label on every
// form field, a language, and the WCAG AA contrast of every piece of text
// against the background it is drawn on (computed styles).
const accessibilityChecks = `(() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push("no lang on <html>");
  if (document.querySelectorAll("h1").length !== 1) problems.push(document.querySelectorAll("h1").length + " h1 elements");
  let previous = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const level = +h.tagName[1];
    if (previous && level > previous + 1) problems.push("heading skips from h" + previous + " to " + h.tagName + ": " + h.textContent.trim().slice(0, 40));
    previous = level;
  }
  for (const th of document.querySelectorAll("th")) {
    if (!["col", "row", "colgroup", "rowgroup"].includes(th.getAttribute("scope"))) problems.push("th without scope: " + th.textContent.trim().slice(0, 40));
  }
  for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    const labelled = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) || el.closest("label") || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    if (!labelled) problems.push("unlabelled field " + el.outerHTML.slice(0, 80));
  }
  const parse = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return { rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1 }; };
  const luminance = rgb => { const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = el => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0) return c.rgb; } return [255, 255, 255]; };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || seen.has(el) || el.closest("svg")) continue;
    seen.add(el);
    const cs = getComputedStyle(el);
    if (cs.display === "none" || cs.visibility === "hidden" || el.getClientRects().length === 0) continue;
    const fg = luminance(parse(cs.color).rgb), bg = luminance(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(cs.fontSize), large = size >= 24 || (+cs.fontWeight >= 700 && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) problems.push("contrast " + ratio.toFixed(2) + ":1 for " + JSON.stringify(node.textContent.trim().slice(0, 30)));
  }
  return problems;
})()`

func accessible(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](accessibilityChecks))
	if err != nil {
		t.Fatalf("accessibility checks on the %s: %v", page, err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", page, p)
	}
}
