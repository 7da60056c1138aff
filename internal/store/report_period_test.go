package store

import (
	"database/sql"
	"strings"
	"testing"
	"time"
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
