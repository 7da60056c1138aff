package store

import (
	"database/sql"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
)

// TestPeriodQueriesSeekByDate: the entries of a report's period are read
// from the period's first day by the date indexes (migration 014), and the
// status before each update by one seek back, never by reading every entry
// the tracker holds: a short period of a large tracker costs what it holds.
func TestPeriodQueriesSeekByDate(t *testing.T) {
	t.Parallel()
	kept, _ := keptAndHistory(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	args := []any{sql.Named("as_of", "2020-01-15"), sql.Named("since", "2019-06-01"), sql.Named("known_at", "9999"), sql.Named("include_private", false)}
	plan := queryPlan(t, kept, "period_entries", args...)
	text := strings.Join(plan, "\n")
	for _, seek := range []string{"SEARCH u USING INDEX updates_by_date (as_of>? AND as_of<?)", "SEARCH e USING INDEX evidence_by_date (date>? AND date<?)",
		"assignments_by_date (as_of>? AND as_of<?)", "retractions_by_date (as_of>? AND as_of<?)",
		"SEARCH p USING INDEX updates_by_recommendation (recommendation_id=? AND as_of<?)"} {
		if !strings.Contains(text, seek) {
			t.Errorf("period_entries does not seek %s:\n%s", seek, text)
		}
	}
	for _, line := range plan {
		// The entries found are scanned to be sorted; no table is.
		if strings.HasPrefix(line, "SCAN") && line != "SCAN e" && !strings.HasPrefix(line, "SCAN (subquery") {
			t.Errorf("period_entries reads a whole table: %s\n%s", line, text)
		}
	}
}

// TestSplitEvidence reads report_columns' evidence text back: pieces in
// their order, empty titles kept, and a piece that is not four fields is an
// error rather than a half-read row.
func TestSplitEvidence(t *testing.T) {
	t.Parallel()
	refs, err := splitEvidence("A/72/884\x1fReport of the SG\x1f2018-06-01\x1f0\x1ehttps://example.org/a b\x1f\x1f2019-01-02\x1f1")
	if err != nil {
		t.Fatal(err)
	}
	want := []rtp.EvidenceRef{{Ref: "A/72/884", Title: "Report of the SG", Date: "2018-06-01"}, {Ref: "https://example.org/a b", Date: "2019-01-02", Private: true}}
	if !slices.Equal(refs, want) {
		t.Errorf("got %+v, want %+v", refs, want)
	}
	if refs, err := splitEvidence(""); err != nil || refs == nil || len(refs) != 0 {
		t.Errorf("no evidence: got %+v, %v; want an empty list", refs, err)
	}
	for _, bad := range []string{"A/72/884\x1f2018-06-01\x1f0", "A/72/884\x1ft\x1f2018-06-01\x1fyes"} {
		if _, err := splitEvidence(bad); err == nil {
			t.Errorf("%q read without an error", bad)
		}
	}
}
