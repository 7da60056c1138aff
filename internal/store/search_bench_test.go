package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

// searchBenchQueries are 20 searches people type: bodies, phrases, months,
// an OR, owners, and words nothing holds.
var searchBenchQueries = []string{
	"african union", "Joint Office", "briefing", "council", "prevention", "RtoP", `"side event"`, "letter",
	"January 2020", "consultation OR statement", "human rights", "mission", "adviser", "covid", "regional",
	"third committee", "friends", "atrocity", "early warning", "Stanley",
}

// BenchmarkSearch10k runs the 20 searches on the 10,000-recommendation
// tracker (100,000 updates) and reports the median (p50) and slowest of one
// search.
func BenchmarkSearch10k(b *testing.B) {
	s := syntheticStore(b)
	ctx := context.Background()
	var took []time.Duration
	for b.Loop() {
		for _, q := range searchBenchQueries {
			start := time.Now()
			if _, err := s.Search(ctx, rtp.SearchQuery{Words: q, Limit: 20}); err != nil {
				b.Fatal(q, err)
			}
			took = append(took, time.Since(start))
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "max-ms")
}

// BenchmarkAddUpdateSearchIndex10k appends an update with a note and one
// evidence to copies of the large tracker with and without the search
// index's triggers: what keeping the index in step adds to track update.
func BenchmarkAddUpdateSearchIndex10k(b *testing.B) {
	syntheticStore(b) // made once, then copied
	for _, kept := range []bool{true, false} {
		name := "with-index"
		if !kept {
			name = "without-index"
		}
		b.Run(name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "copy.db")
			db, err := sql.Open("sqlite", syntheticPath)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.Exec(`VACUUM INTO ?`, path); err != nil {
				b.Fatal(err)
			}
			db.Close()
			if !kept {
				copyDB, err := sql.Open("sqlite", path)
				if err != nil {
					b.Fatal(err)
				}
				for _, trigger := range []string{"search_after_update", "search_after_evidence"} {
					if _, err := copyDB.Exec(`DROP TRIGGER ` + trigger); err != nil {
						b.Fatal(err)
					}
				}
				copyDB.Close()
			}
			s, err := store.Open(context.Background(), path, store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			for b.Loop() {
				_, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "ga-agenda", Status: rtp.StatusPartial, AsOf: "2026-11-01", By: "bench",
					Note:     "Briefing to the African Union on early warning and the Joint Office, November 2026.",
					Evidence: []rtp.NewEvidence{{RecommendationID: "ga-agenda", Ref: "https://undocs.org/en/A/75/863", Title: "Report of the Secretary-General", By: "bench"}}})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
