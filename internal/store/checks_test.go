package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
)

// TestChecksAnswersAndDBCheck records a check and its answers through the
// store, reads the period's answer back as amended, and has db check flag
// an answer written behind rtp's back for a period its cadence does not have.
func TestChecksAnswersAndDBCheck(t *testing.T) {
	ctx := context.Background()
	s := mustCreate(t)
	c, err := s.AddCheck(ctx, rtp.NewCheck{ID: "ga-agenda-session", RecommendationID: "ga-agenda", Question: "On the agenda?",
		Every: rtp.EverySession, Due: "09-30", From: "72", By: "t"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.RecordCheckAnswer(ctx, rtp.NewCheckAnswer{CheckID: c.ID, Period: "72", Answer: rtp.AnswerNo, AsOf: "2017-09-15", By: "t"})
	if err != nil {
		t.Fatal(err)
	}
	yes := rtp.AnswerYes
	if _, _, err := s.AmendCheckAnswer(ctx, rtp.NewCheckAmendment{AnswerID: a.ID, Answer: &yes, By: "t"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordCheckAnswer(ctx, rtp.NewCheckAnswer{CheckID: c.ID, Period: "2017", Answer: rtp.AnswerNo, AsOf: "2017-09-15", By: "t"}); rtp.ErrorCode(err) != rtp.EINVALID {
		t.Fatalf("a year for a session check: got %v, want it refused", err)
	}
	checks, answers, err := s.Checks(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	got := rtp.CheckPeriods(checks[0], answers, "2018-10-01")
	if len(got.Periods) != 2 || got.Periods[0].Answer == nil || got.Periods[0].Answer.Answer != rtp.AnswerYes || got.Periods[1].Answer != nil {
		t.Fatalf("periods: %+v", got.Periods)
	}
	mustSound(t, s)

	db, err := sqlOpen(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO check_answers (uid, check_id, period, answer, as_of, by, recorded_at) VALUES ('behindthebackuid', 'ga-agenda-session', '2024-Q5', 'yes', '2024-10-01', 't', '2026-11-29T12:00:00.000000Z')`); err != nil {
		t.Fatal(err)
	}
	report, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(report.Problems, "\n"), `(behindthebackuid): invalid period "2024-Q5"`) {
		t.Fatalf("db check did not flag the bad period: %q", report.Problems)
	}
}

// TestDueChecks: the periods rtp due lists, from the store: the overdue
// one and the one coming due, not the one answered nor one due later; as
// recorded before the answer arrived, the answered one too, and before the
// check was added, none.
func TestDueChecks(t *testing.T) {
	ctx := context.Background()
	s := mustCreate(t)
	// Entries are received in January 2027, after the tracker was made.
	at := func(day int) { s.Now = func() time.Time { return time.Date(2027, 1, day, 12, 0, 0, 0, time.UTC) } }
	at(10)
	if _, err := s.AddCheck(ctx, rtp.NewCheck{ID: "q", RecommendationID: "upr", Question: "UPR raised?",
		Every: rtp.EveryQuarter, Due: "03-31", From: "2026-Q1", By: "t"}); err != nil {
		t.Fatal(err)
	}
	at(20)
	if _, err := s.RecordCheckAnswer(ctx, rtp.NewCheckAnswer{CheckID: "q", Period: "2026-Q2", Answer: rtp.AnswerNA, AsOf: "2026-06-30", By: "t"}); err != nil {
		t.Fatal(err)
	}
	at(29)
	for known, want := range map[rtp.Moment]string{
		"":                     "q 2026-Q1 2026-03-31 true|q 2026-Q3 2026-09-30 true|q 2026-Q4 2026-12-31 true|q 2027-Q1 2027-03-31 false",
		"2027-01-15T00:00:00Z": "q 2026-Q1 2026-03-31 true|q 2026-Q2 2026-06-30 true|q 2026-Q3 2026-09-30 true|q 2026-Q4 2026-12-31 true|q 2027-Q1 2027-03-31 false",
		"2027-01-05T00:00:00Z": "",
	} {
		due, err := rtp.DueItems(ctx, s, "2027-01-29", "2027-03-31", known)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range due {
			if d.Kind == "check" {
				got = append(got, fmt.Sprintf("%s %s %v", d.What, d.Due, d.Overdue))
			}
		}
		if strings.Join(got, "|") != want {
			t.Errorf("due as known at %q: %q, want %q", known, strings.Join(got, "|"), want)
		}
	}
}
