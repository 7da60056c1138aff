package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestUpgradeFromVersion11 upgrades a copy of the tracker written by schema
// version 11 (testdata/fixtures/v11.db) to which, still at version 11, the
// UN document A/72/250 that ga-agenda already cites by symbol was added by
// its undocs.org address, which version 11 counted as a second piece. The upgrade gives
// every piece of evidence its document (rtp.DocumentKey of its reference),
// keeps evidence append-only, and the kept state counts the document once.
func TestUpgradeFromVersion11(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := copyFixture(t, "v11.db")
	v11, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	const stamp = "2023-07-01T09:00:00.000000Z"
	_, err = v11.ExecContext(ctx, `INSERT INTO evidence (uid, recommendation_id, ref, date, by, recorded_at, received_at)
		VALUES ('fixture-address', 'ga-agenda', 'https://undocs.org/en/A/72/250', '2017-09-20', 'fixture', :stamp, :stamp);
		UPDATE clock SET last_stamp = :stamp`, sql.Named("stamp", stamp))
	if err != nil {
		t.Fatal(err)
	}
	var pieces int
	if err := v11.QueryRowContext(ctx, `SELECT count(*) FROM evidence WHERE recommendation_id = 'ga-agenda'`).Scan(&pieces); err != nil || pieces != 2 {
		t.Fatalf("ga-agenda has %d pieces of evidence (%v), want the symbol and the address", pieces, err)
	}
	v11.Close()

	s := openUpgraded(t, path, 11)
	wantRows(t, s, "evidence", `SELECT ref || ' ' || document FROM evidence ORDER BY id`, []string{
		"A/RES/75/277 A/RES/75/277",
		"internal-doc internal-doc",
		"A/72/250 A/72/250",
		"https://example.org/cs https://example.org/cs",
		"https://undocs.org/en/A/72/250 A/72/250",
	})
	wantAppendOnly(t, s, `UPDATE evidence SET document = ''`)
	// After any entry the list reads the kept state, before the latest
	// entry the history.
	for _, day := range []rtp.Date{"2099-01-01", "2020-01-01"} {
		kept, err := s.ReadsCurrentState(ctx, day)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Each(ctx, rtp.ListFilter{AsOf: day}, func(it rtp.Item) error {
			if it.ID == "ga-agenda" && it.EvidenceCount != 1 {
				t.Errorf("on %s (kept state: %v) ga-agenda counts %d pieces of evidence, want 1 document", day, kept, it.EvidenceCount)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestCheckFindsAWrongDocument: evidence written behind rtp's back with a
// document that is not its reference's is reported by db check.
func TestCheckFindsAWrongDocument(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openUpgradedFixture(t, "v11.db", 11)
	_, err := s.db.ExecContext(ctx, `INSERT INTO evidence (uid, recommendation_id, ref, document, date, by, recorded_at, received_at)
		VALUES ('behind-the-back', 'upr', 'https://undocs.org/A/72/884', 'https://undocs.org/A/72/884', '2019-01-01', 't',
			(SELECT last_stamp FROM clock), (SELECT last_stamp FROM clock))`)
	if err != nil {
		t.Fatal(err)
	}
	report, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := documentRule + `: evidence 5 of "https://undocs.org/A/72/884" has document "https://undocs.org/A/72/884", not "A/72/884"`
	if !strings.Contains(strings.Join(report.Problems, "\n"), want) {
		t.Errorf("check problems:\n%s\nwant among them:\n%s", strings.Join(report.Problems, "\n"), want)
	}
}
