package store

import (
	"context"
	"database/sql"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestUpgradeFromVersion10 opens a tracker written by schema version 10
// (testdata/fixtures/v10.db: an owner renamed here, and another renamed in
// a tracker merged later). The upgrade gives each rename received_at (the
// merge's time for the merged one, else its recorded_at), keeps renames
// append-only, and lists as recorded before a rename was received name
// the owner by its old name.
func TestUpgradeFromVersion10(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openUpgradedFixture(t, "v10.db", 10)
	wantRows(t, s, "renames", `SELECT new_name || ' ' || recorded_at || ' ' || received_at FROM owner_renames ORDER BY id`, []string{
		"ICR2P Coalition 2020-03-01T10:00:00.000000Z 2020-03-01T10:00:00.000000Z",
		// Merged: its author's time travels, this tracker got it later.
		"Stanley Center 2020-02-01T08:00:00.000000Z 2020-04-01T12:00:00.000000Z",
	})
	wantAppendOnly(t, s, `UPDATE owner_renames SET received_at = ''`)
	ownerOf := func(id string, known rtp.Moment) string {
		var name string
		err := s.Each(ctx, rtp.ListFilter{AsOf: "2020-12-31", AsRecorded: known}, func(it rtp.Item) error {
			if it.ID == id && len(it.Owners) > 0 {
				name = it.Owners[0].Name
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return name
	}
	for _, c := range []struct {
		id    string
		known rtp.Moment
		want  string
	}{
		{"upr", "2020-03-01T09:59:59.999999Z", "ICRtoP"},
		{"upr", "2020-03-01T10:00:00.000000Z", "ICR2P Coalition"},
		{"upr", "", "ICR2P Coalition"},
		// The merged assignment and rename came in together.
		{"ga-agenda", "2020-03-31T00:00:00.000000Z", ""},
		{"ga-agenda", "2020-04-01T12:00:00.000000Z", "Stanley Center"},
	} {
		if got := ownerOf(c.id, c.known); got != c.want {
			t.Errorf("owner of %s on 2020-12-31 as recorded at %q: %q, want %q", c.id, c.known, got, c.want)
		}
	}
}

// TestUpgradeFromVersion10MergedRetraction adds to a copy of the version-10
// fixture, still at version 10, an update and its retraction that the
// fixture's merge (batch 1, at 2020-04-01T12:00:00Z) brought from another
// tracker, which recorded both in February. Version 10 kept no batch for a
// retraction: the upgrade dates its receipt no earlier than its update's,
// the merge's time, never at its author's recorded_at, before this tracker
// had the update it retracts.
func TestUpgradeFromVersion10MergedRetraction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := copyFixture(t, "v10.db")
	v10, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = v10.ExecContext(ctx, `INSERT INTO updates (uid, recommendation_id, status, as_of, by, recorded_at, batch_id)
		VALUES ('fixture-merged-update', 'ga-agenda', 'stalled', '2020-01-15', 'other', '2020-02-01T09:00:00Z', 1);
		INSERT INTO retractions (uid, update_id, reason, as_of, by, recorded_at)
		VALUES ('fixture-merged-retraction', last_insert_rowid(), 'wrong', '2020-02-02', 'other', '2020-02-02T09:00:00Z')`)
	if err != nil {
		t.Fatal(err)
	}
	v10.Close()

	s := openUpgraded(t, path, 10)
	wantRows(t, s, "retractions", `SELECT x.recorded_at || ' ' || x.received_at || ' ' || u.received_at
		FROM retractions x JOIN updates u ON u.id = x.update_id ORDER BY x.id`, []string{
		"2020-02-02T09:00:00.000000Z 2020-04-01T12:00:00.000000Z 2020-04-01T12:00:00.000000Z",
	})
	if report, err := s.Check(ctx); err != nil || len(report.Problems) > 0 {
		t.Fatalf("db check: %v %v", err, report.Problems)
	}
}
