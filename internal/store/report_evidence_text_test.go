package store_test

import (
	"context"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestReportSurvivesSeparatorsInEvidence: a ref or title holding the
// characters that join the report's evidence column (char(30), char(31)),
// which no way in accepts but a hand-edited file can hold, shows U+FFFD
// there; the report neither fails nor reads a piece of evidence that is
// not there.
func TestReportSurvivesSeparatorsInEvidence(t *testing.T) {
	t.Parallel()
	s := mustCreate(t)
	db, err := sqlOpen(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO evidence (uid, recommendation_id, ref, title, date, by, recorded_at, received_at)
		VALUES ('AAAAAAAAAAAA', 'upr', 'A/1' || char(30), 'a' || char(31) || '2018-01-01' || char(31) || '0' || char(30) || 'FAKE', '2018-02-01', 'me',
		'2020-01-01T10:00:00Z', '2020-01-01T10:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	var refs []rtp.EvidenceRef
	err = s.Report(context.Background(), rtp.ReportRequest{AsOf: "2026-11-29", StaleBefore: "2026-06-01"}, func(_ rtp.Report, rows rtp.ReportRows) error {
		return rows(func(r rtp.ReportRow) error {
			if r.ID == "upr" {
				refs = r.EvidenceRefs
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 1 || refs[0].Ref != "A/1\uFFFD" || refs[0].Title != "a\uFFFD2018-01-01\uFFFD0\uFFFDFAKE" {
		t.Errorf("evidence of upr read as %+v", refs)
	}
}
