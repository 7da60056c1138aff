package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestFixtureOfVersion11 reads testdata/fixtures/v11.db, a tracker written
// at schema version 11 (amendments, batches, a private update, a
// retraction, an owner rename received after the 2021 report was sent), as
// a later version would find it: db check finds it sound, and it lists what
// that version listed, now and as recorded when the report was sent. A
// later migration is tested from it without anything more to write.
func TestFixtureOfVersion11(t *testing.T) {
	t.Parallel()
	fixtures := filepath.Join("..", "..", "testdata", "fixtures")
	db := filepath.Join(t.TempDir(), "v11.db")
	copyFile(t, filepath.Join(fixtures, "v11.db"), db, 0o600)
	check := mustRTP(t, db, "db", "check")
	if !strings.Contains(check, "is sound: 8 recommendations, 6 updates, 2 assignments, 4 evidence, 3 retractions, 1 amendment, 1 owner rename") {
		t.Errorf("db check on v11.db: %s", check)
	}
	assertContainsJSON(t, "track list", filepath.Join(fixtures, "v11-list.json"), mustRTP(t, db, "track", "list", "--format", "json"))
	assertContainsJSON(t, "track list as sent", filepath.Join(fixtures, "v11-list-sent.json"),
		mustRTP(t, db, "track", "list", "--format", "json", "--as-of", "2021-12-31", "--as-recorded", "2022-06-01"))
}
