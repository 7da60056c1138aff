package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
	"github.com/rtp-tracker/rtp/internal/synth"
)

// BenchmarkEach lists the seeded memo with a history of 50 updates per
// recommendation: the cost of `rtp track list` without process start-up.
func BenchmarkEach(b *testing.B) {
	s := mustCreate(b)
	for i := range 50 {
		for _, id := range memoIDs {
			mustUpdate(b, s, id, rtp.Statuses[1+i%6], rtp.Date(fmt.Sprintf("%d-%02d-01", 2018+i/12, 1+i%12)))
		}
	}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		if err := s.Each(ctx, rtp.ListFilter{AsOf: "2026-11-29"}, func(rtp.Item) error { n++; return nil }); err != nil || n != 8 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkAddUpdate appends one update with one evidence: the cost of
// `rtp track update` without process start-up (each is a durable commit).
func BenchmarkAddUpdate(b *testing.B) {
	s := mustCreate(b)
	ctx := context.Background()
	for b.Loop() {
		_, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "ga-agenda", Status: rtp.StatusInProgress, AsOf: "2020-01-01", By: "bench",
			Evidence: []rtp.NewEvidence{{RecommendationID: "ga-agenda", Ref: "A/72/250", By: "bench"}}})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// syntheticStore opens a generated 10,000-recommendation tracker (100,000
// updates), made once per benchmark binary.
func syntheticStore(b *testing.B) *store.Store {
	b.Helper()
	syntheticOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rtp-bench-")
		if err != nil {
			syntheticErr = err
			return
		}
		syntheticPath = filepath.Join(dir, "10k.db")
		syntheticErr = synth.Generate(context.Background(), syntheticPath, synth.Ten)
	})
	if syntheticErr != nil {
		b.Fatal(syntheticErr)
	}
	s, err := store.Open(context.Background(), syntheticPath, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

var (
	syntheticOnce sync.Once
	syntheticPath string
	syntheticErr  error
)

// BenchmarkEach10k lists 10,000 recommendations with their state today.
func BenchmarkEach10k(b *testing.B) {
	s := syntheticStore(b)
	ctx := context.Background()
	for b.Loop() {
		if err := s.Each(ctx, rtp.ListFilter{AsOf: "2026-11-29"}, func(rtp.Item) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEachAsOf10k lists them as they stood at the end of 2019.
func BenchmarkEachAsOf10k(b *testing.B) {
	s := syntheticStore(b)
	ctx := context.Background()
	for b.Loop() {
		if err := s.Each(ctx, rtp.ListFilter{AsOf: "2019-12-31"}, func(rtp.Item) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDetail10k reads one recommendation with its history.
func BenchmarkDetail10k(b *testing.B) {
	s := syntheticStore(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Detail(ctx, "s10-r00100", "2026-11-29", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportRows10k streams the rows of a CSV report.
func BenchmarkReportRows10k(b *testing.B) {
	s := syntheticStore(b)
	ctx := context.Background()
	req := rtp.ReportRequest{AsOf: "2026-11-29", StaleBefore: "2026-06-02", RowsOnly: true}
	for b.Loop() {
		err := s.Report(ctx, req, func(_ rtp.Report, rows rtp.ReportRows) error {
			return rows(func(rtp.ReportRow) error { return nil })
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddUpdate10k appends an update to the large tracker: its cost
// should not grow with the history.
func BenchmarkAddUpdate10k(b *testing.B) {
	s := syntheticStore(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "ga-agenda", Status: rtp.StatusPartial, AsOf: "2026-11-01", By: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}
