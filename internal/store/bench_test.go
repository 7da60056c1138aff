package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rtp-tracker/rtp"
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
