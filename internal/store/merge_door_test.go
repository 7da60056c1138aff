package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// Every entry a tracker file could hold that db check flags is refused by a
// merge of that tracker, with the same words, and nothing is written: a
// crafted file cannot bring into the receiver's append-only history what
// Validate refuses (issue 11, findings 3 and 4).
func TestMergeRefusesWhatCheckFlags(t *testing.T) {
	t.Parallel()
	const at = "'2020-01-01T10:00:00Z'"
	for _, c := range []struct{ name, insert, want string }{
		{"HugeNote", `INSERT INTO updates (uid, recommendation_id, status, note, as_of, by, recorded_at)
			VALUES ('AAAAAAAAAAAA', 'upr', 'partial', printf('%.*c', 2097152, 'x'), '2020-01-01', 'me', ` + at + `)`,
			"note is 2097152 bytes long"},
		{"Date2099", `INSERT INTO updates (uid, recommendation_id, status, as_of, by, recorded_at)
			VALUES ('AAAAAAAAAAAA', 'upr', 'partial', '2099-01-01', 'me', '2099-01-01T10:00:00Z')`,
			`invalid as_of "2099-01-01": it is in the future`},
		{"JavascriptLink", `INSERT INTO evidence (uid, recommendation_id, ref, date, by, recorded_at)
			VALUES ('AAAAAAAAAAAA', 'upr', 'javascript:alert(1)', '2020-01-01', 'me', ` + at + `)`,
			"links must start with http:// or https://"},
		{"ControlCharacter", `INSERT INTO updates (uid, recommendation_id, status, as_of, by, recorded_at)
			VALUES ('AAAAAAAAAAAA', 'upr', 'partial', '2020-01-01', 'me' || char(27) || '[31m', ` + at + `)`,
			"control characters"},
		{"EmptyOwner", `INSERT INTO assignments (uid, recommendation_id, owner, action, role, as_of, by, recorded_at)
			VALUES ('AAAAAAAAAAAA', 'upr', '', 'assign', 'lead', '2020-01-01', 'me', ` + at + `)`,
			"owner is empty"},
		{"DatedAfterRecorded", `INSERT INTO updates (uid, recommendation_id, status, as_of, by, recorded_at)
			VALUES ('AAAAAAAAAAAA', 'upr', 'partial', '2020-01-02', 'me', ` + at + `)`,
			`invalid as_of "2020-01-02": it is after the day the entry was recorded (2020-01-01)`},
		{"DatedBeforeSource", `INSERT INTO assignments (uid, recommendation_id, owner, action, role, as_of, by, recorded_at)
			VALUES ('AAAAAAAAAAAA', 'upr', 'FES', 'assign', 'lead', '2001-01-01', 'me', ` + at + `)`,
			`invalid as_of "2001-01-01": upr was made on 2017-09-07`},
		{"RecordedInFuture", `INSERT INTO updates (uid, recommendation_id, status, as_of, by, recorded_at)
			VALUES ('AAAAAAAAAAAA', 'upr', 'partial', '2020-01-01', 'me', '2030-01-01T00:00:00Z')`,
			`invalid recorded_at "2030-01-01T00:00:00Z": it is in the future`},
		{"EvidenceOfAnotherUpdate", `INSERT INTO updates (uid, recommendation_id, status, as_of, by, recorded_at)
			VALUES ('AAAAAAAAAAAA', 'upr', 'partial', '2020-01-01', 'me', ` + at + `);
			INSERT INTO evidence (uid, recommendation_id, update_id, ref, date, by, recorded_at)
			VALUES ('BBBBBBBBBBBB', 'ga-agenda', last_insert_rowid(), 'A/74/250', '2020-01-01', 'me', ` + at + `)`,
			"the evidence of ga-agenda supports the update AAAAAAAAAAAA of upr"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			sender := mustCreate(t)
			db, err := sqlOpen(sender.Path())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(c.insert); err != nil {
				t.Fatal(err)
			}
			db.Close()
			report, err := sender.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !containsLine(report.Problems, c.want) {
				t.Errorf("db check does not flag it; problems:\n%s", strings.Join(report.Problems, "\n"))
			}
			exp, err := sender.Export(ctx)
			if err != nil {
				t.Fatal(err)
			}
			receiver := mustCreate(t)
			_, err = receiver.Merge(ctx, rtp.BatchOrigin{Source: "t.json", By: "x"}, exp, nil)
			if !containsLine(rtp.Messages(err), c.want) {
				t.Errorf("merge: %v, want a problem with %q", err, c.want)
			}
			if n := countRows(t, receiver, "SELECT count(*) FROM updates") + countRows(t, receiver, "SELECT count(*) FROM evidence") +
				countRows(t, receiver, "SELECT count(*) FROM assignments"); n != 0 {
				t.Errorf("the refused merge wrote %d entries", n)
			}
		})
	}
}

// An entry naming a recommendation neither tracker holds is refused in the
// domain's words, not with SQLite's "FOREIGN KEY constraint failed"; so is
// evidence tied to an update the receiver holds for another recommendation.
func TestMergeRefusesUnknownRecommendationAndForeignUpdate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	receiver := mustCreate(t)
	u := mustUpdate(t, receiver, "ga-agenda", rtp.StatusPartial, "2020-01-01")
	var uid string
	db, err := sqlOpen(receiver.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT uid FROM updates WHERE id = ?`, u.ID).Scan(&uid); err != nil {
		t.Fatal(err)
	}
	exp := rtp.Export{Format: rtp.ExportFormat, Version: rtp.ExportVersion, Updates: []rtp.ExportUpdate{{UID: "AAAAAAAAAAAA",
		RecommendationID: "nope", Status: rtp.StatusPartial, AsOf: "2020-01-01", By: "me", RecordedAt: "2020-01-01T10:00:00Z"}}}
	_, err = receiver.Merge(ctx, rtp.BatchOrigin{Source: "t.json", By: "x"}, exp, nil)
	if want := `update 1 (AAAAAAAAAAAA): unknown recommendation "nope"`; !containsLine(rtp.Messages(err), want) {
		t.Errorf("merge: %v, want %q", err, want)
	}
	exp = rtp.Export{Format: rtp.ExportFormat, Version: rtp.ExportVersion, Evidence: []rtp.ExportEvidence{{UID: "BBBBBBBBBBBB",
		RecommendationID: "upr", Update: uid, Ref: "A/74/250", Date: "2020-01-01", By: "me", RecordedAt: "2020-01-01T10:00:00Z"}}}
	_, err = receiver.Merge(ctx, rtp.BatchOrigin{Source: "t.json", By: "x"}, exp, nil)
	if want := "the evidence of upr supports the update " + uid + " of ga-agenda"; !containsLine(rtp.Messages(err), want) {
		t.Errorf("merge: %v, want %q", err, want)
	}
	if n := countRows(t, receiver, "SELECT count(*) FROM evidence"); n != 0 {
		t.Errorf("the refused merges wrote %d evidence", n)
	}
}

func containsLine(lines []string, part string) bool {
	for _, l := range lines {
		if strings.Contains(l, part) {
			return true
		}
	}
	return false
}

func countRows(tb testing.TB, s interface{ Path() string }, query string) int {
	tb.Helper()
	db, err := sqlOpen(s.Path())
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}
