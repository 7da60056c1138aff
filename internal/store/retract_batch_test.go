package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
)

// TestRetractBatch: retracting an import's batch retracts its updates with
// their evidence and its evidence on its own, in one go, and leaves entries
// recorded on their own; a batch that assigned owners, an unknown batch and
// a batch already retracted are refused and change nothing.
func TestRetractBatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := keptAndHistory(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if _, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusPartial, AsOf: "2019-01-01", By: "x"}); err != nil {
		t.Fatal(err)
	}
	rows := idempotentRows()[1:3] // a note on upr, evidence on upr
	rows = append(rows, rtp.ImportRow{Line: 5, Update: &rtp.NewUpdate{RecommendationID: "ga-agenda", Status: rtp.StatusImplemented,
		AsOf: "2017-09-15", By: "x", Evidence: []rtp.NewEvidence{{RecommendationID: "ga-agenda", Ref: "A/72/250", By: "x"}}}})
	imported, err := s.Import(ctx, rtp.BatchOrigin{Source: "sheet.csv", By: "x"}, rows, nil)
	if err != nil || imported.Batch == 0 {
		t.Fatalf("import: batch %d, %v", imported.Batch, err)
	}
	owner := rtp.ImportRow{Line: 2, Assignment: &rtp.Assignment{RecommendationID: "prevention", Owner: "ICRtoP", Role: rtp.RoleLead, AsOf: "2018-01-01", By: "x"}}
	withOwner, err := s.Import(ctx, rtp.BatchOrigin{Source: "owners.csv", By: "x"}, []rtp.ImportRow{owner}, nil)
	if err != nil || withOwner.Batch != imported.Batch+1 {
		t.Fatalf("second import: batch %d, %v", withOwner.Batch, err)
	}
	retraction := rtp.NewBatchRetraction{Reason: "wrong sheet", AsOf: "2027-01-01", By: "x"}

	before := countRetractions(t, s)
	for name, c := range map[string]struct {
		batch int64
		code  string
		says  string
	}{
		"Owners":  {withOwner.Batch, rtp.ECONFLICT, "assign ICRtoP of prevention"},
		"Unknown": {99, rtp.ENOTFOUND, "there is no batch 99"},
	} {
		retraction.Batch = c.batch
		_, err := s.RetractBatch(ctx, retraction)
		if rtp.ErrorCode(err) != c.code || err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want %s saying %q", name, err, c.code, c.says)
		}
	}
	if got := countRetractions(t, s); got != before {
		t.Fatalf("a refused batch retraction wrote %d retractions", got-before)
	}

	retraction.Batch = imported.Batch
	done, err := s.RetractBatch(ctx, retraction)
	if err != nil {
		t.Fatal(err)
	}
	if len(done.Updates) != 2 || len(done.Evidence) != 2 || done.Kind != "import" || done.Source != "sheet.csv" ||
		strings.Join(done.Recommendations, ",") != "upr,ga-agenda" {
		t.Errorf("retracted %+v", done)
	}
	for id, want := range map[string]rtp.Status{"upr": rtp.StatusPartial, "ga-agenda": rtp.StatusUnassessed} {
		it, err := s.Item(ctx, id, "2027-01-01")
		if err != nil {
			t.Fatal(err)
		}
		if it.Status != want || (id == "upr" && it.EvidenceCount != 0) {
			t.Errorf("%s after the batch retraction: %s with %d evidence, want %s", id, it.Status, it.EvidenceCount, want)
		}
	}
	_, err = s.RetractBatch(ctx, retraction)
	if rtp.ErrorCode(err) != rtp.ECONFLICT || !strings.Contains(err.Error(), "already retracted") {
		t.Errorf("retracting it again: %v", err)
	}
	if report, err := s.Check(ctx); err != nil || len(report.Problems) > 0 {
		t.Errorf("check: %v %v", report.Problems, err)
	}
}

func countRetractions(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	err := s.read(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRow(`SELECT count(*) FROM retractions`).Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBatchesAfterUpgrade: a tracker upgraded from version 5 holds its
// entries in no batch, records an import as batch 1, and retracts it.
func TestBatchesAfterUpgrade(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openUpgradedFixture(t, "v5.db", 5)
	before := countRetractions(t, s)
	imported, err := s.Import(ctx, rtp.BatchOrigin{Source: "sheet.csv", By: "x"}, idempotentRows()[1:3], nil)
	if err != nil || imported.Batch != 1 {
		t.Fatalf("import after the upgrade: batch %d, %v", imported.Batch, err)
	}
	done, err := s.RetractBatch(ctx, rtp.NewBatchRetraction{Batch: 1, Reason: "test", AsOf: rtp.DateOf(s.Now()), By: "x"})
	if err != nil || len(done.Updates)+len(done.Evidence) != 2 {
		t.Fatalf("retract batch 1: %+v, %v", done, err)
	}
	if got := countRetractions(t, s); got != before+2 {
		t.Errorf("%d retractions recorded, want 2: the fixture's own entries are in no batch", got-before)
	}
	if report, err := s.Check(ctx); err != nil || len(report.Problems) > 0 {
		t.Errorf("check: %v %v", report.Problems, err)
	}
}
