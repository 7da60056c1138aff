package rtp_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/sources"
	"github.com/rtp-tracker/rtp/internal/store"
)

// TestTrackerRefusesInvalidEntries checks that the store validates what it
// is given, whatever the caller checked: each write fails with the domain's
// field error and the tracker is left as it was.
func TestTrackerRefusesInvalidEntries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }
	s, _, err := store.Create(ctx, filepath.Join(t.TempDir(), "t.db"), store.Options{Now: now, Seed: sources.Seed})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	badSource := sources.Memo2017()
	badSource.ID, badSource.Recommendations = "other-memo", nil
	for _, c := range []struct {
		name, field string
		want        string // in the first problem's message
		write       func() error
	}{
		{"AddUpdate", "as_of", "in the future", func() error {
			_, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: "partial", AsOf: "2099-01-01", By: "x"})
			return err
		}},
		{"AddEvidence", "ref", "javascript:", func() error {
			_, err := s.AddEvidence(ctx, rtp.NewEvidence{RecommendationID: "upr", Ref: "javascript:alert(1)", By: "x"})
			return err
		}},
		{"Assign", "role", `"boss"`, func() error {
			_, _, err := s.Assign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: "FES", Role: "boss", AsOf: "2019-01-01", By: "x"})
			return err
		}},
		{"Unassign", "owner", "empty", func() error {
			_, err := s.Unassign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: "", AsOf: "2019-01-01", By: "x"})
			return err
		}},
		{"Retract", "by", `" x"`, func() error {
			_, err := s.Retract(ctx, rtp.NewRetraction{UpdateID: 1, Reason: "r", AsOf: "2019-01-01", By: " x"})
			return err
		}},
		{"AddSource", "", "no recommendations", func() error { return s.AddSource(ctx, badSource) }},
		{"Import", "", `"Done"`, func() error {
			_, err := s.Import(ctx, rtp.BatchOrigin{Source: "t.csv", By: "x"}, []rtp.ImportRow{{Line: 2, Update: &rtp.NewUpdate{RecommendationID: "upr", Status: "Done", AsOf: "2019-01-01", By: "x"}}}, nil)
			return err
		}},
		{"Merge", "", `"Done"`, func() error {
			_, err := s.Merge(ctx, rtp.BatchOrigin{Source: "t.json", By: "x"}, rtp.Export{Updates: []rtp.ExportUpdate{{UID: "MERGEDUPDATEUIDABCDEFGHIJK", RecommendationID: "upr", Status: "Done", AsOf: "2019-01-01", By: "x", RecordedAt: "2019-01-01T00:00:00Z"}}}, nil)
			return err
		}},
	} {
		err := c.write()
		if rtp.ErrorCode(err) != rtp.EINVALID {
			t.Errorf("%s: error %v, want EINVALID", c.name, err)
			continue
		}
		first := rtp.ProblemsOf(err)[0]
		if first.Field != c.field {
			t.Errorf("%s: first problem %q names field %q, want %q", c.name, first.Error(), first.Field, c.field)
		}
		if !strings.Contains(first.Error(), c.want) {
			t.Errorf("%s: first problem %q does not mention %s", c.name, first.Error(), c.want)
		}
	}
	var events int
	if err := s.Log(ctx, rtp.LogFilter{}, func(rtp.Event) error { events++; return nil }); err != nil {
		t.Fatal(err)
	}
	if list, err := s.Sources(ctx); err != nil || len(list) != 1 || events != 0 {
		t.Errorf("the tracker changed: %d sources (%v), %d log entries", len(list), err, events)
	}
}
