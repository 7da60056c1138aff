package rtp_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rtp-tracker/rtp"
)

const today rtp.Date = "2026-11-29"

func TestParseDate(t *testing.T) {
	for _, ok := range []string{"2017-09-15", "2024-02-29", "1900-01-01", "2026-11-29"} {
		if d, err := rtp.ParseDate("--as-of", ok, today); err != nil || string(d) != ok {
			t.Errorf("ParseDate(%q) = %q, %v", ok, d, err)
		}
	}
	for bad, want := range map[string]string{
		"2018-02-30": "no such day", "2023-02-29": "no such day", "2018-13-01": "no such day", "2018-00-10": "no such day",
		"03/04/2018": "YYYY-MM-DD", "next friday": "YYYY-MM-DD", "2018-9-1": "YYYY-MM-DD", "": "YYYY-MM-DD",
		" 2018-09-01": "YYYY-MM-DD", "2018-09-01 ": "YYYY-MM-DD", "2018-09-01T00:00:00Z": "YYYY-MM-DD",
		"20180901": "YYYY-MM-DD", "2018/09/01": "YYYY-MM-DD", "１２３４-01-01": "YYYY-MM-DD",
		"2026-11-30": "in the future", "9999-12-31": "in the future", "1899-12-31": "before 1900-01-01", "0000-01-01": "before 1900-01-01",
	} {
		_, err := rtp.ParseDate("--as-of", bad, today)
		if rtp.ErrorCode(err) != rtp.EINVALID || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--as-of") {
			t.Errorf("ParseDate(%q) error = %v, want EINVALID naming --as-of and saying %q", bad, err, want)
		}
	}
}

func TestStaleCutoff(t *testing.T) {
	for in, want := range map[string]rtp.Date{
		"90d": "2026-08-31", "1d": "2026-11-28", "2w": "2026-11-15", "6m": "2026-05-29", "1y": "2025-11-29", "10y": "2016-11-29",
	} {
		if got, err := rtp.StaleCutoff("--stale", in, today); got != want || err != nil {
			t.Errorf("StaleCutoff(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "0d", "-5d", "90", "d", "3months", "1.5y", "1 y", "1Y", "999999d", "200y", "6m ", "+6m"} {
		if _, err := rtp.StaleCutoff("--stale", bad, today); rtp.ErrorCode(err) != rtp.EINVALID {
			t.Errorf("StaleCutoff(%q) error = %v, want EINVALID", bad, err)
		}
	}
}

func TestParseStatuses(t *testing.T) {
	got, err := rtp.ParseStatuses("--status", []string{"in-progress,partial", "stalled"})
	if err != nil || len(got) != 3 || got[2] != rtp.StatusStalled {
		t.Fatalf("ParseStatuses = %v, %v", got, err)
	}
	for _, bad := range []string{"", "Done", "Implemented", "in-progress ", "in_progress", "partial,", ",partial"} {
		if _, err := rtp.ParseStatuses("--status", []string{bad}); rtp.ErrorCode(err) != rtp.EINVALID {
			t.Errorf("ParseStatuses(%q) error = %v, want EINVALID", bad, err)
		}
	}
}

func TestCheckRef(t *testing.T) {
	for _, ok := range []string{"A/RES/72/1", "S/PV.8000", "https://undocs.org/A/72/250", "http://example.org/x?y=1", "ICRtoP: statement of 2018", "UPR Info mid-term report",
		"https://bücher.example/x", "http://127.0.0.1:8080/x", "https://[2001:db8::1]/x", "https://example.org./x", "https://my_host.example.org/x", "HTTPS://UNDOCS.ORG/A/72/250",
		"https://रकार.भारत/x", "https://รัฐบาล.ไทย/", "https://[fe80::1%25eth0]/", "https://user@undocs.org:443/x"} {
		if err := rtp.CheckRef("--evidence", ok); err != nil {
			t.Errorf("CheckRef(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", " A/72/1", "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd",
		"mailto:x@example.org", "javascript:", "JavaScript: alert(1)", "http://", "https:///path", "ftp://example.org/x", "A/72/1\nB", "a\x1b[31m", strings.Repeat("a", rtp.MaxRefBytes+1),
		"https//undocs.org/A/72/884", "HTTP//example.org", "https://undocs,org/A/72/884", "https://undocs..org/x", "https://.undocs.org/x", "https://un docs.org/x", "https://undocs.org;x/y"} {
		if err := rtp.CheckRef("--evidence", bad); rtp.ErrorCode(err) != rtp.EINVALID {
			t.Errorf("CheckRef(%q) = %v, want EINVALID", bad, err)
		}
	}
}

func TestCheckText(t *testing.T) {
	for _, ok := range []string{"", "two\nlines", "'; DROP TABLE updates; --", "=HYPERLINK(\"x\")", "\x1b[31mred", "Šimonović"} {
		if err := rtp.CheckText("--note", ok, rtp.MaxNoteBytes); err != nil {
			t.Errorf("CheckText(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"caf\xe9", "a\x00b", strings.Repeat("x", rtp.MaxNoteBytes+1)} {
		if err := rtp.CheckText("--note", bad, rtp.MaxNoteBytes); rtp.ErrorCode(err) != rtp.EINVALID {
			t.Errorf("CheckText(%.20q) = %v, want EINVALID", bad, err)
		}
	}
}

// The fuzz targets check that the parsers never panic, and that what they
// accept is what the tracker can store and compare.
func FuzzParseDate(f *testing.F) {
	for _, seed := range []string{"2017-09-15", "2018-02-30", "03/04/2018", "next friday", "9999-99-99", "", "2017-09-15\x00"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := rtp.ParseDate("--as-of", s, today)
		if err != nil {
			if rtp.ErrorCode(err) != rtp.EINVALID || strings.Contains(err.Error(), "\n") && !strings.Contains(s, "\n") {
				t.Fatalf("ParseDate(%q) error %v", s, err)
			}
			return
		}
		if _, perr := time.Parse(rtp.DateLayout, string(d)); perr != nil || d > today || d < rtp.EarliestDate {
			t.Fatalf("ParseDate accepted %q", s)
		}
	})
}

func FuzzStaleCutoff(f *testing.F) {
	for _, seed := range []string{"90d", "6m", "1y", "99999y", "0d", "-1d", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cutoff, err := rtp.StaleCutoff("--stale", s, today)
		if err == nil && (cutoff >= today || cutoff < rtp.EarliestDate) {
			t.Fatalf("StaleCutoff(%q) = %s", s, cutoff)
		}
	})
}

func FuzzCheckRef(f *testing.F) {
	for _, seed := range []string{"A/RES/72/1", "https://undocs.org/A/72/250", "javascript:alert(1)", " x", "http://"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if rtp.CheckRef("REF", s) != nil {
			return
		}
		lower := strings.ToLower(s)
		if !utf8.ValidString(s) || strings.HasPrefix(lower, "javascript:") || strings.HasPrefix(lower, "data:") || strings.ContainsAny(s, "\x00\n\r") {
			t.Fatalf("CheckRef accepted %q", s)
		}
	})
}

func FuzzParseStatuses(f *testing.F) {
	for _, seed := range []string{"in-progress,partial", "Done", "", ",", "implemented "} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		statuses, err := rtp.ParseStatuses("--status", []string{s})
		if err != nil {
			return
		}
		for _, st := range statuses {
			if !slices.Contains(rtp.Statuses, st) {
				t.Fatalf("ParseStatuses(%q) accepted %q", s, st)
			}
		}
	})
}

func FuzzCheckLine(f *testing.F) {
	for _, seed := range []string{"ICRtoP", " x", "a\nb", "\x1b[31m", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if rtp.CheckLine("--by", s, rtp.MaxNameBytes) != nil {
			return
		}
		if s == "" || strings.TrimSpace(s) != s || !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
			t.Fatalf("CheckLine accepted %q", s)
		}
	})
}

// A status or role a typo away is suggested; a word that is no typo of
// one, or as near to two, is not.
func TestDidYouMean(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ typed, hint string }{
		{"implemnted", `(did you mean "implemented"?)`},
		{"partal", `(did you mean "partial"?)`},
		{"Partial", `(did you mean "partial"?)`},
		{"in progress", `(did you mean "in-progress"?)`},
		{" Stalled ", `(did you mean "stalled"?)`},
		{"Done", ""},
		{"x", ""},
		{"lead", ""},
	} {
		_, err := rtp.ParseStatus("--status", c.typed)
		var e *rtp.Error
		if !errors.As(err, &e) || e.Hint != c.hint {
			t.Errorf("ParseStatus(%q): %v, want the hint %q", c.typed, err, c.hint)
		}
	}
	for _, c := range []struct{ typed, hint string }{
		{"laed", `(did you mean "lead"?)`},
		{"Monitr", `(did you mean "monitor"?)`},
		{"suport", `(did you mean "support"?)`},
		{"owner", ""},
	} {
		_, err := rtp.ParseRole("--role", c.typed)
		var e *rtp.Error
		if !errors.As(err, &e) || e.Hint != c.hint {
			t.Errorf("ParseRole(%q): %v, want the hint %q", c.typed, err, c.hint)
		}
	}
}

// TestRecordedRefsKeepTheirRule: the typo checks added for new input do
// not refuse evidence already in a history (an older tracker merged or
// checked), which cannot be edited; new input is refused.
func TestRecordedRefsKeepTheirRule(t *testing.T) {
	t.Parallel()
	for _, ref := range []string{"https//undocs.org/A/72/884", "https://undocs,org/A/72/884"} {
		if err := rtp.CheckRef("--evidence", ref); err == nil {
			t.Errorf("new input %q accepted", ref)
		}
		e := rtp.ExportEvidence{UID: "AAAAAAAAAAAA", RecommendationID: "upr", Ref: ref, Date: "2019-01-01", By: "me", RecordedAt: "2019-01-02T00:00:00Z"}
		if err := e.Validate("2026-11-30"); err != nil {
			t.Errorf("recorded evidence %q refused: %v", ref, err)
		}
	}
}
