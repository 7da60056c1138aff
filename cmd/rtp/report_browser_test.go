package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// accessibilityChecks runs in the page and returns what a reader with a
// screen reader, low vision or a narrow window would trip over: headings
// out of order, table headers without a scope, charts and links without a
// name, text whose contrast with its background (computed from the styles
// as the browser applies them) is under WCAG AA (4.5:1, 3:1 for large
// text), and tables wider than the page's column.
const accessibilityChecks = `(() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push("the page has no lang");
  if (!document.title.trim()) problems.push("the page has no title");
  let last = 0;
  const headings = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")];
  if (headings.filter(h => h.tagName === "H1").length !== 1) problems.push("the page has not exactly one h1");
  for (const h of headings) {
    const level = +h.tagName[1];
    if (level > last + 1) problems.push("heading " + h.tagName + " '" + h.textContent + "' skips a level after h" + last);
    last = level;
  }
  for (const th of document.querySelectorAll("th")) {
    if (!["col", "row"].includes(th.getAttribute("scope"))) problems.push("table header '" + th.textContent + "' has no scope");
  }
  for (const table of document.querySelectorAll("table")) {
    if (!table.querySelector("thead th")) problems.push("a table has no header row");
  }
  for (const svg of document.querySelectorAll("svg")) {
    if (svg.getAttribute("role") !== "img" || !(svg.getAttribute("aria-label") || "").trim()) problems.push("a chart has no role=img and label");
  }
  for (const a of document.querySelectorAll("a")) {
    if (!a.textContent.trim()) problems.push("a link has no text: " + a.href);
  }
  const rgb = s => s.match(/[\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg")) continue;
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join("").trim();
    if (!text) continue;
    const style = getComputedStyle(el);
    const fg = luminance(rgb(style.color)), bg = luminance(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize), bold = +style.fontWeight >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) problems.push("contrast " + ratio.toFixed(2) + " < " + needed + ": " + el.tagName.toLowerCase() + "." + el.className + " '" + text.slice(0, 40) + "'");
  }
  const column = document.querySelector("h2").getBoundingClientRect().right;
  document.querySelectorAll("table").forEach((table, i) => {
    const right = table.getBoundingClientRect().right;
    if (right > column + 1) problems.push("table " + (i + 1) + " ends at " + Math.round(right) + "px, past the page's column at " + Math.round(column) + "px");
  });
  return problems;
})()`

// TestReportHTMLInChromium opens the HTML report in Debian's headless
// Chromium at a desktop and a laptop width: no accessibility problem
// (accessibilityChecks) and no table past the page's column; a PNG
// screenshot is kept in $RTP_TEST_KEEP if set, to be looked at. Printed,
// the page is A4. Outside CI it skips where Chromium is not installed;
// under CI it fails instead: .ci/run installs Debian's chromium.
func TestReportHTMLInChromium(t *testing.T) {
	t.Parallel()
	browser := needTool(t, "chromium", "chromium")
	dir := t.TempDir()
	file := report2019(t, dir, "report.html", "html", "--include-private")

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser),
		chromedp.Flag("disable-background-networking", true), chromedp.UserDataDir(filepath.Join(dir, "profile")))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses its sandbox as root
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTime()

	for _, width := range []int64{1100, 800} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate("file://"+file)); err != nil {
			t.Fatal(err)
		}
		problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](accessibilityChecks))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Errorf("at %d px: %s", width, p)
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 gives a PNG
		if err != nil {
			t.Fatal(err)
		}
		if len(shot) < 50_000 {
			t.Errorf("the screenshot at %d px is %d bytes, not a drawn page", width, len(shot))
		}
		if keep := os.Getenv("RTP_TEST_KEEP"); keep != "" {
			os.WriteFile(filepath.Join(keep, fmt.Sprintf("report-%d.png", width)), shot, 0o644)
		}
	}

	// Printed with the page's own page size (@page in its print styles).
	printPDF := func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: ptrTo(true)})
		if err != nil {
			return nil, err
		}
		return res.Data, nil
	}
	pdf, err := chromedp.Run(ctx, printPDF)
	if err != nil {
		t.Fatal(err)
	}
	boxes := regexp.MustCompile(`/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]`).FindAllSubmatch(pdf, -1)
	if len(boxes) == 0 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("the printed report is not a PDF with pages (%d bytes)", len(pdf))
	}
	for _, box := range boxes {
		w, _ := strconv.ParseFloat(string(box[1]), 64)
		h, _ := strconv.ParseFloat(string(box[2]), 64)
		if w < 594 || w > 597 || h < 841 || h > 843 { // A4: 595.3 x 841.9 points
			t.Errorf("a printed page is %.1f x %.1f points, not A4", w, h)
		}
	}
	t.Logf("printed on %d A4 pages", len(boxes))
}

func ptrTo[T any](v T) *T { return &v }
