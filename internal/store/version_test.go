package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

// TestVersionChangesOnWritesOnly: a reader's Version changes when another
// connection records something (an update, a source, which PostgreSQL's
// clock does not stamp), and not when anyone reads or when a write
// records nothing (an assignment already there), on both backends.
func TestVersionChangesOnWritesOnly(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			writer, reader := versionStores(t, backend)
			version := func() string {
				t.Helper()
				v, err := reader.Version(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			before := version()
			if again := version(); again != before {
				t.Fatalf("two calls give %q and %q", before, again)
			}
			if err := reader.Each(ctx, rtp.ListFilter{AsOf: "2026-11-30"}, func(rtp.Item) error { return nil }); err != nil {
				t.Fatal(err)
			}
			if _, err := writer.Sources(ctx); err != nil {
				t.Fatal(err)
			}
			if after := version(); after != before {
				t.Errorf("reads changed the version from %q to %q", before, after)
			}
			assignment := rtp.Assignment{RecommendationID: "upr", Owner: "ICRtoP", Role: rtp.Role("lead"), AsOf: "2026-11-01", By: "tester"}
			for i, what := range []struct {
				name    string
				write   func() error
				changes bool
			}{
				{"an update", func() error {
					_, err := writer.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "ga-agenda", Status: rtp.Status("stalled"), AsOf: "2026-11-02", By: "tester"})
					return err
				}, true},
				{"an assignment", func() error { _, _, err := writer.Assign(ctx, assignment); return err }, true},
				{"the same assignment again", func() error { _, _, err := writer.Assign(ctx, assignment); return err }, false},
				{"a source", func() error {
					return writer.AddSource(ctx, rtp.Document{
						Source: rtp.Source{ID: "test-source", Kind: "Report", Title: "A test source", Date: "2020-01-01", Organisers: []string{}},
						Recommendations: []rtp.Recommendation{{ID: "test-rec", Source: "test-source", Number: 1, Section: "One",
							Title: "A test recommendation", Heading: "Do it.", Text: "Do it now.", Actors: []string{}, Themes: []string{}}},
					})
				}, true},
			} {
				before := version()
				if err := what.write(); err != nil {
					t.Fatalf("%d %s: %v", i, what.name, err)
				}
				if after := version(); (after != before) != what.changes {
					t.Errorf("%s: version %q, then %q", what.name, before, after)
				}
			}
		})
	}
}

// versionStores opens a new tracker twice: to write, and read-only as rtp
// serve does.
func versionStores(t *testing.T, backend string) (writer, reader *store.Store) {
	t.Helper()
	ctx := context.Background()
	readOnly := memoOptions
	readOnly.ReadOnly = true
	var err error
	if backend == "postgres" {
		_, dsn := newPGTracker(t)
		if writer, err = store.OpenPG(ctx, dsn, memoOptions); err == nil {
			reader, err = store.OpenPG(ctx, dsn, readOnly)
		}
	} else {
		path := filepath.Join(t.TempDir(), "rtp.db")
		if writer, _, err = store.Create(ctx, path, memoOptions); err == nil {
			reader, err = store.Open(ctx, path, readOnly)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reader.Close(); writer.Close() })
	return writer, reader
}
