package store

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestUpgradeFromVersion8 opens a tracker written by schema version 8
// (testdata/fixtures/v8.db: local updates, a merge, an import and a
// retraction of a back-dated mistake, times in whole seconds). The upgrade
// gives every entry received_at (its batch's time for what a merge or an
// import recorded, else its recorded_at), writes recorded_at with six
// digits, keeps the history append-only, and starts the clock at the
// first entry; the retraction then reaches every day, and the tracker as
// recorded before it still holds the mistake.
func TestUpgradeFromVersion8(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openUpgradedFixture(t, "v8.db", 8)
	err := s.read(ctx, func(tx *sql.Tx) error {
		var got []string
		err := scanAll(ctx, tx, `SELECT 'update ' || id || ' ' || recorded_at || ' ' || received_at FROM updates
			UNION ALL SELECT 'evidence ' || id || ' ' || recorded_at || ' ' || received_at FROM evidence
			UNION ALL SELECT 'retraction ' || id || ' ' || recorded_at || ' ' || received_at FROM retractions
			UNION ALL SELECT 'clock ' || created_at || ' ' || last_stamp FROM clock`, func(rows *sql.Rows) error {
			var line string
			err := rows.Scan(&line)
			got = append(got, line)
			return err
		})
		want := []string{
			"update 1 2020-01-10T09:00:00.000000Z 2020-01-10T09:00:00.000000Z",
			"update 2 2020-03-01T10:00:00.000000Z 2020-03-01T10:00:00.000000Z",
			// Merged: its author's time travels, this tracker got it later.
			"update 3 2020-02-01T08:00:00.000000Z 2020-04-01T12:00:00.000000Z",
			"update 4 2020-05-01T12:00:00.000000Z 2020-05-01T12:00:00.000000Z",
			"evidence 1 2020-03-01T10:00:00.000000Z 2020-03-01T10:00:00.000000Z",
			"evidence 2 2020-02-01T08:00:00.000000Z 2020-04-01T12:00:00.000000Z",
			"evidence 3 2020-05-01T12:00:00.000000Z 2020-05-01T12:00:00.000000Z",
			"retraction 1 2021-06-01T09:00:00.000000Z 2021-06-01T09:00:00.000000Z",
			"retraction 2 2021-06-01T09:00:00.000000Z 2021-06-01T09:00:00.000000Z",
			"clock 2020-01-10T09:00:00.000000Z 2021-06-01T09:00:00.000000Z",
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("after the upgrade:\n got %q\nwant %q", got, want)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The triggers lifted for the migration are back (db check compares
	// their definitions): an entry cannot be changed.
	for _, table := range []string{"updates", "evidence", "retractions"} {
		_, err := s.db.ExecContext(ctx, `UPDATE `+table+` SET received_at = ''`)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("changing %s after the upgrade: %v, want it refused as append-only", table, err)
		}
	}
	var triggers int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN
		('updates_append_only_u', 'assignments_append_only_u', 'evidence_append_only_u', 'retractions_append_only_u', 'owner_renames_append_only_u')`).Scan(&triggers); err != nil || triggers != 5 {
		t.Errorf("%d of the 5 append-only triggers on UPDATE lifted by the migration are back (%v)", triggers, err)
	}
	status := func(asOf rtp.Date, known rtp.Moment) rtp.Status {
		var st rtp.Status
		err := s.Each(ctx, rtp.ListFilter{AsOf: asOf, AsRecorded: known}, func(it rtp.Item) error {
			if it.ID == "gender-lens" {
				st = it.Status
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	// Version 8 listed gender-lens implemented on 2020-12-31 (its retraction
	// is dated 2021-06-01); now it never was, unless asked as recorded then.
	if got := status("2020-12-31", ""); got != rtp.StatusUnassessed {
		t.Errorf("gender-lens on 2020-12-31 as known now: %s, want unassessed", got)
	}
	if got := status("2020-12-31", "2021-05-31T23:59:59.999999Z"); got != rtp.StatusImplemented {
		t.Errorf("gender-lens on 2020-12-31 as recorded before the retraction: %s, want implemented", got)
	}
	// The merged update counts from when this tracker received it.
	var ga rtp.Status
	for known, want := range map[rtp.Moment]rtp.Status{"2020-03-31T00:00:00.000000Z": rtp.StatusUnassessed, "2020-04-01T12:00:00.000000Z": rtp.StatusImplemented} {
		err := s.Each(ctx, rtp.ListFilter{AsOf: "2020-12-31", AsRecorded: known}, func(it rtp.Item) error {
			if it.ID == "ga-agenda" {
				ga = it.Status
			}
			return nil
		})
		if err != nil || ga != want {
			t.Errorf("ga-agenda as recorded at %s: %s (%v), want %s", known, ga, err, want)
		}
	}
}
