package synth_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/rtp-tracker/rtp/internal/store"
	"github.com/rtp-tracker/rtp/internal/synth"
)

// TestGenerate writes a small synthetic tracker twice: it has the counts
// asked for, passes rtp db check, and the same seed gives the same history.
func TestGenerate(t *testing.T) {
	ctx := context.Background()
	var exports [2]string
	for i := range exports {
		path := filepath.Join(t.TempDir(), "synth.db")
		if err := synth.Generate(ctx, path, synth.Small); err != nil {
			t.Fatal(err)
		}
		s, err := store.Open(ctx, path, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		report, err := s.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(report.Problems) > 0 {
			t.Fatalf("the synthetic tracker fails db check: %v", report.Problems[:min(5, len(report.Problems))])
		}
		want := map[string]int{"recommendations": synth.Small.Recommendations, "updates": synth.Small.Updates,
			"evidence": synth.Small.Evidence, "assignments": synth.Small.Assignments}
		for table, n := range want {
			if report.Counts[table] != n {
				t.Errorf("%s: %d, want %d", table, report.Counts[table], n)
			}
		}
		sources, err := s.Sources(ctx)
		if err != nil || len(sources) != synth.Small.Sources {
			t.Errorf("%d sources, want %d (%v)", len(sources), synth.Small.Sources, err)
		}
		exp, err := s.Export(ctx)
		if err != nil {
			t.Fatal(err)
		}
		exports[i] = fmt.Sprint(exp.Updates[:50], exp.Evidence[:50], exp.Assignments[:50])
		s.Close()
	}
	if exports[0] != exports[1] {
		t.Fatal("the same seed gave two histories")
	}
}
