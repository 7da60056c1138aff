package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

// receivedTimes reads every entry's received_at and recorded_at, by table
// and id.
func receivedTimes(t *testing.T, s *store.Store) (received, recorded []string) {
	t.Helper()
	db, err := sqlOpen(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT received_at, recorded_at FROM (
		SELECT 'a' AS t, id, received_at, recorded_at FROM updates UNION ALL
		SELECT 'b', id, received_at, recorded_at FROM evidence UNION ALL
		SELECT 'c', id, received_at, recorded_at FROM retractions) ORDER BY t, id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			t.Fatal(err)
		}
		received, recorded = append(received, a), append(recorded, b)
	}
	return received, recorded
}

// TestStampsIncreaseWhateverTheClock: every write takes one stamp, after
// the previous one even when the clock stands still (RTP_NOW) or steps
// back; what one write records shares it; an entry recorded here is
// recorded when it is received.
func TestStampsIncreaseWhateverTheClock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	noon := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	now := noon
	opts := memoOptions
	opts.Now = func() time.Time { return now }
	s, _, err := store.Create(ctx, filepath.Join(t.TempDir(), "rtp.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The tracker was created at noon: the clock's first stamp.
	first, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusPartial, AsOf: "2019-01-01", By: "t",
		Evidence: []rtp.NewEvidence{{RecommendationID: "upr", Ref: "A/1", By: "t"}}})
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s, "upr", rtp.StatusStalled, "2020-01-01") // the clock stands still
	now = noon.Add(-time.Hour)                               // and steps back
	mustUpdate(t, s, "upr", rtp.StatusRegressed, "2021-01-01")
	if _, err := s.Retract(ctx, rtp.NewRetraction{UpdateID: first.ID, Reason: "wrong", AsOf: "2026-11-29", By: "t"}); err != nil {
		t.Fatal(err)
	}
	now = noon.Add(time.Hour + 1500*time.Nanosecond) // ahead again; stamps keep microseconds
	mustUpdate(t, s, "upr", rtp.StatusImplemented, "2022-01-01")

	received, recorded := receivedTimes(t, s)
	base := rtp.Stamp(noon)[:20]
	want := []string{
		base + "000001Z", base + "000002Z", base + "000003Z", "2026-11-29T13:00:00.000001Z", // updates
		base + "000001Z",                   // the first update's evidence, in its write
		base + "000004Z", base + "000004Z", // the retraction of the update and of its evidence, one write
	}
	if !slices.Equal(received, want) {
		t.Errorf("received_at:\n got %q\nwant %q", received, want)
	}
	if !slices.Equal(recorded, received) {
		t.Errorf("recorded_at of entries recorded here %q, want their received_at %q", recorded, received)
	}
	if first.RecordedAt.Format(rtp.StampLayout) != want[0] {
		t.Errorf("AddUpdate returned recorded_at %s, want %s", first.RecordedAt.Format(rtp.StampLayout), want[0])
	}
}

// TestMergeNormalisesOldRecordedAt: an export from an rtp before schema version 11
// wrote recorded_at in whole seconds; a merge stores it with six digits, so
// that it orders entries as the other's do, and receives it now.
func TestMergeNormalisesOldRecordedAt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	from := mustCreate(t)
	mustUpdate(t, from, "upr", rtp.StatusPartial, "2019-01-01")
	exp, err := from.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := exp.Updates[0].RecordedAt; len(got) != len("2026-11-29T12:00:00.000001Z") {
		t.Fatalf("the export wrote recorded_at %q, want six fractional digits", got)
	}
	exp.Updates[0].RecordedAt = "2026-11-29T12:00:00Z" // as an older rtp wrote it
	to := mustCreate(t)
	to.Now = func() time.Time { return time.Date(2026, 11, 29, 15, 0, 0, 0, time.UTC) }
	if _, err := to.Merge(ctx, rtp.BatchOrigin{Source: "old.json", By: "t"}, exp, nil); err != nil {
		t.Fatal(err)
	}
	received, recorded := receivedTimes(t, to)
	if want := []string{"2026-11-29T12:00:00.000000Z"}; !slices.Equal(recorded, want) {
		t.Errorf("merged recorded_at %q, want %q", recorded, want)
	}
	if len(received) != 1 || received[0] < "2026-11-29T15:00:00.000000Z" {
		t.Errorf("merged received_at %q, want the merge's stamp, from 15:00", received)
	}
	if report, err := to.Check(ctx); err != nil || len(report.Problems) > 0 {
		t.Errorf("check after the merge: %v %v", report.Problems, err)
	}
}

// TestCheckFindsBadTimes: db check flags an entry with no received_at, a
// malformed one, one after the clock's latest stamp or before the tracker
// was created, and a recorded_at not in the six-digit form, whoever wrote
// it behind rtp's back.
func TestCheckFindsBadTimes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustCreate(t)
	mustUpdate(t, s, "upr", rtp.StatusPartial, "2019-01-01")
	db, err := sqlOpen(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const insert = `INSERT INTO evidence (uid, recommendation_id, ref, date, by, recorded_at, received_at) VALUES (?, 'upr', 'A/1', '2019-01-01', 't', ?, ?)`
	for _, row := range [][3]string{
		{"AAAAAAAAAA01", "2026-11-29T12:00:00.000001Z", ""},
		{"AAAAAAAAAA02", "2026-11-29T12:00:00.000001Z", "2026-11-29T12:00:00Z"},
		{"AAAAAAAAAA03", "2026-11-29T12:00:00.000001Z", "2999-01-01T00:00:00.000000Z"},
		{"AAAAAAAAAA04", "2026-11-29T12:00:00.000001Z", "2001-01-01T00:00:00.000000Z"},
		{"AAAAAAAAAA05", "2026-11-29T12:00:00Z", "2026-11-29T12:00:00.000001Z"},
	} {
		if _, err := db.Exec(insert, row[0], row[1], row[2]); err != nil {
			t.Fatal(err)
		}
	}
	report, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var last, created string
	if err := db.QueryRow(`SELECT last_stamp, created_at FROM clock`).Scan(&last, &created); err != nil {
		t.Fatal(err)
	}
	const rule = "every entry was received by the tracker's clock, after it was created: "
	for _, want := range []string{
		rule + "evidence 1 has no received_at",
		rule + "evidence 2 was received at the malformed '2026-11-29T12:00:00Z'",
		rule + "evidence 3 was received at 2999-01-01T00:00:00.000000Z, after the clock's latest stamp " + last,
		rule + "evidence 4 was received at 2001-01-01T00:00:00.000000Z, before the tracker was created at " + created,
		"recording times are RFC 3339 in UTC: evidence 5 was recorded at '2026-11-29T12:00:00Z'",
	} {
		if !slices.Contains(report.Problems, want) {
			t.Errorf("db check did not report %q; it reported %q", want, report.Problems)
		}
	}
}

// TestAsRecordedBeforeTheTracker: a moment before the tracker was created
// is refused, naming it, on every read that takes one.
func TestAsRecordedBeforeTheTracker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustCreate(t)
	early := rtp.Moment("2001-01-01T00:00:00.000000Z")
	for way, err := range map[string]error{
		"Each":       s.Each(ctx, rtp.ListFilter{AsOf: "2026-11-29", AsRecorded: early}, func(rtp.Item) error { return nil }),
		"Report":     s.Report(ctx, rtp.ReportRequest{AsOf: "2026-11-29", AsRecorded: early}, func(rtp.Report, rtp.ReportRows) error { return nil }),
		"ExportEach": s.ExportEach(ctx, early, nil),
	} {
		if rtp.ErrorCode(err) != rtp.EINVALID || !strings.Contains(err.Error(), `invalid as_recorded "2001-01-01T00:00:00.000000Z": the tracker was created at `) {
			t.Errorf("%s as recorded in 2001: %v, want it refused", way, err)
		}
	}
	if _, err := s.Detail(ctx, "upr", "2026-11-29", early); rtp.ErrorCode(err) != rtp.EINVALID {
		t.Errorf("Detail as recorded in 2001: %v, want it refused", err)
	}
}
