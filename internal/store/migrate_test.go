package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestUpgradeFromVersion3 opens a tracker written by schema version 3 (its
// state kept by a view and triggers; testdata/fixtures/v3.db, made by that rtp with
// back-dated and note-only updates, owners, evidence and a retraction): the
// upgrade gives rtp's schema, a kept state that db check finds right, and
// the lists that rtp showed before it.
func TestUpgradeFromVersion3(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openUpgradedFixture(t, "v3.db", 3)
	// What rtp 3 listed on this file (rtp track list --format tsv); its
	// retraction is dated 2026-11-30.
	want := map[rtp.Date][]string{
		"2026-12-31": {"gender-lens unassessed - - [] 1", "upr partial 2019-01-01 2019-06-01 [{ICRtoP lead}] 1",
			"ga-agenda implemented 2017-09-15 2017-09-15 [] 1"},
		"2019-03-01": {"gender-lens unassessed - - [] 0", "upr partial 2019-01-01 2019-01-01 [{ICRtoP lead}] 1",
			"ga-agenda implemented 2017-09-15 2017-09-15 [] 1"},
		// rtp 3 still counted the retracted update (ga-agenda stalled from
		// 2020-01-01) before the retraction's date; since version 11 a
		// retraction reaches every day, as known now.
		"2020-06-01": {"gender-lens unassessed - - [] 1", "upr partial 2019-01-01 2019-06-01 [{ICRtoP lead}] 1",
			"ga-agenda implemented 2017-09-15 2017-09-15 [] 1"},
		"2018-06-01": {"gender-lens unassessed - - [] 0", "upr in-progress 2018-01-01 2018-01-01 [{ICRtoP lead} {FES monitor}] 0",
			"ga-agenda implemented 2017-09-15 2017-09-15 [] 1"},
	}
	for day, lines := range want {
		var got []string
		err := s.Each(ctx, rtp.ListFilter{AsOf: day}, func(it rtp.Item) error {
			if it.ID == "gender-lens" || it.ID == "upr" || it.ID == "ga-agenda" {
				got = append(got, strings.Join([]string{it.ID, string(it.Status), deref(it.AsOf), deref(it.LastUpdate),
					ownersText(it.Owners), strconv.Itoa(it.EvidenceCount)}, " "))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, lines) {
			t.Errorf("on %s after the upgrade:\n got %q\nwant %q", day, got, lines)
		}
	}
}

// openUpgradedFixture opens a copy of testdata/fixtures/name, written by
// schema version from: the store upgrades it to the current version, and db
// check must find the result sound.
func openUpgradedFixture(t *testing.T, name string, from int) *Store {
	t.Helper()
	return openUpgraded(t, copyFixture(t, name), from)
}

// copyFixture copies testdata/fixtures/name into a temporary folder and
// returns the copy's path.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// openUpgraded opens the tracker at path, of schema version from, which
// the opening upgrades, and checks it.
func openUpgraded(t *testing.T, path string, from int) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if s.Upgraded == nil || s.Upgraded.From != from || s.Upgraded.To != rtp.SchemaVersion {
		t.Fatalf("Upgraded = %+v, want from %d to %d", s.Upgraded, from, rtp.SchemaVersion)
	}
	report, err := s.Check(ctx)
	if err != nil || len(report.Problems) > 0 {
		t.Fatalf("check after the upgrade: %v %v", report.Problems, err)
	}
	return s
}

func ownersText(owners []rtp.Owner) string {
	var parts []string
	for _, o := range owners {
		parts = append(parts, "{"+o.Name+" "+string(o.Role)+"}")
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// wantRows checks that query, run on s, gives want, one string a row.
func wantRows(t *testing.T, s *Store, what, query string, want []string) {
	t.Helper()
	ctx := context.Background()
	var got []string
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		got, err = column(ctx, tx, query)
		return err
	})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("%s after the upgrade (%v):\n got %q\nwant %q", what, err, got, want)
	}
}

// wantAppendOnly checks that the change update is refused as append-only.
func wantAppendOnly(t *testing.T, s *Store, update string) {
	t.Helper()
	if _, err := s.db.ExecContext(context.Background(), update); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("%s after the upgrade: %v, want it refused as append-only", update, err)
	}
}
