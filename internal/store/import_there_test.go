package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
)

// idempotentRows are the rows of a spreadsheet: a status with evidence and
// an owner, a note, evidence on its own, and the first row repeated.
func idempotentRows() []rtp.ImportRow {
	first := rtp.ImportRow{Line: 2,
		Update: &rtp.NewUpdate{RecommendationID: "ga-agenda", Status: rtp.StatusImplemented, Note: "GA voted", AsOf: "2017-09-15", By: "ICRtoP",
			Evidence: []rtp.NewEvidence{{RecommendationID: "ga-agenda", Ref: "A/72/250", By: "ICRtoP"}}},
		Assignment: &rtp.Assignment{RecommendationID: "ga-agenda", Owner: "ICRtoP", Role: rtp.RoleLead, AsOf: "2017-09-15", By: "ICRtoP"}}
	repeated := first
	repeated.Line = 5
	return []rtp.ImportRow{first,
		{Line: 3, Update: &rtp.NewUpdate{RecommendationID: "upr", Note: "Raised", AsOf: "2018-03-01", By: "x"}},
		{Line: 4, Evidence: []rtp.NewEvidence{{RecommendationID: "upr", Ref: "https://www.upr-info.org/", Date: "2018-04-01", By: "x"}}},
		repeated}
}

// TestImportIsIdempotent: a second import of the same rows records nothing
// and lists every entry as already there; a repeated row is recorded once;
// a dry run says the same as the import and writes nothing.
func TestImportIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := keptAndHistory(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	dry, err := s.ImportDryRun(ctx, idempotentRows())
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.Import(ctx, rtp.BatchOrigin{Source: "t.csv", By: "x"}, idempotentRows(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.Updates != 2 || first.Evidence != 2 || first.Assignments != 1 || first.Skipped() != 2 {
		t.Errorf("first import: %+v", first)
	}
	if len(first.AlreadyThere) != 1 || first.AlreadyThere[0].Line != 5 || !first.AlreadyThere[0].Whole {
		t.Errorf("the repeated row is not the one skipped: %+v", first.AlreadyThere)
	}
	if summary(dry) != summary(first) {
		t.Errorf("the dry run said %s, the import did %s", summary(dry), summary(first))
	}
	stored := countEntries(t, s)
	again, err := s.Import(ctx, rtp.BatchOrigin{Source: "t.csv", By: "x"}, idempotentRows(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Updates+again.Evidence+again.Assignments != 0 || again.Skipped() != 6 || len(again.AlreadyThere) != 4 {
		t.Errorf("second import: %+v", again)
	}
	if got := countEntries(t, s); got != stored {
		t.Errorf("the second import changed the history: %s, was %s", got, stored)
	}
	if _, err := s.ImportDryRun(ctx, idempotentRows()); err != nil {
		t.Fatal(err)
	}
	if got := countEntries(t, s); got != stored {
		t.Errorf("a dry run wrote: %s, was %s", got, stored)
	}
}

func summary(r rtp.ImportResult) string {
	var b strings.Builder
	for _, s := range r.AlreadyThere {
		b.WriteString(strings.Join(s.Entries, ",") + ";")
	}
	return b.String() + " " + rtp.CountOf(r.Updates, "update") + " " + rtp.CountOf(r.Evidence, "evidence") + " " + rtp.CountOf(r.Assignments, "assignment")
}

func countEntries(t *testing.T, s *Store) string {
	t.Helper()
	var counts string
	err := s.read(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRow(`SELECT (SELECT count(*) FROM updates) || ' ' || (SELECT count(*) FROM evidence) || ' ' ||
			(SELECT count(*) FROM assignments)`).Scan(&counts)
	})
	if err != nil {
		t.Fatal(err)
	}
	return counts
}

// TestImportThereQueriesSeek: whether a row is already there is an index
// seek on the row's recommendation and day, so that the import stays
// linear in its rows however long the history.
func TestImportThereQueriesSeek(t *testing.T) {
	t.Parallel()
	s, _ := keptAndHistory(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	args := []any{sql.Named("id", "ga-agenda"), sql.Named("as_of", "2020-01-15"), sql.Named("date", "2020-01-15"),
		sql.Named("note_only", false), sql.Named("status", "partial"), sql.Named("note", "x"), sql.Named("refs", "A/1"),
		sql.Named("ref", "A/1"), sql.Named("owner_key", "fes"), sql.Named("role", "lead")}
	for name, want := range map[string]string{
		"import_update_there":   "updates_by_recommendation (recommendation_id=? AND as_of=?)",
		"import_evidence_there": "evidence_by_recommendation (recommendation_id=? AND date=?)",
		"import_owner_there":    "assignments_by_recommendation (recommendation_id=? AND owner_key=? AND as_of=?)",
	} {
		plan := queryPlan(t, s, name, args...)
		text := strings.Join(plan, "\n")
		if !strings.Contains(text, want) {
			t.Errorf("%s does not seek %s:\n%s", name, want, text)
		}
		for _, line := range plan {
			// A constant row (the key asked for, beside its other names) is no table.
			if strings.HasPrefix(line, "SCAN") && line != "SCAN CONSTANT ROW" {
				t.Errorf("%s scans: %s\n%s", name, line, text)
			}
		}
	}
}
