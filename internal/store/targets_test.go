package store_test

import (
	"context"
	neturl "net/url"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

// targetsInForce checks the rule for the target in force, on a tracker of
// either backend: the latest entry dated on or before the day, a moved
// target replacing the old one from its day on, a dropped one leaving none,
// and --as-recorded seeing only what had been received.
func targetsInForce(t *testing.T, s rtp.Tracker) {
	ctx := context.Background()
	set := func(nt rtp.NewTarget) rtp.Target {
		t.Helper()
		nt.RecommendationID, nt.By = "ga-agenda", "t"
		done, err := s.SetTarget(ctx, nt)
		if err != nil {
			t.Fatal(err)
		}
		return done
	}
	due := func(day rtp.Date, known rtp.Moment) rtp.Date {
		t.Helper()
		list, err := s.Targets(ctx, day, known)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) > 1 {
			t.Fatalf("%d targets in force on %s, want at most one", len(list), day)
		}
		if len(list) == 0 {
			return ""
		}
		return list[0].Due
	}
	first := set(rtp.NewTarget{Due: "2030-12-31", Status: rtp.StatusImplemented, AsOf: "2020-01-01"})
	set(rtp.NewTarget{Due: "2031-06-30", Status: rtp.StatusPartial, AsOf: "2021-01-01"})
	set(rtp.NewTarget{Clear: true, AsOf: "2022-01-01"})
	for _, c := range []struct {
		day   rtp.Date
		known rtp.Moment
		want  rtp.Date
	}{
		{"2019-12-31", "", ""}, {"2020-01-01", "", "2030-12-31"}, {"2020-12-31", "", "2030-12-31"},
		{"2021-01-01", "", "2031-06-30"}, {"2022-01-01", "", ""}, {"2026-01-01", "", ""},
		{"2026-01-01", rtp.Moment(first.RecordedAt), "2030-12-31"},
	} {
		if got := due(c.day, c.known); got != c.want {
			t.Errorf("target on %s (as recorded %q) is due %q, want %q", c.day, c.known, got, c.want)
		}
	}
	if _, err := s.SetTarget(ctx, rtp.NewTarget{RecommendationID: "ga-agenda", Clear: true, AsOf: "2023-01-01", By: "t"}); rtp.ErrorCode(err) != rtp.ENOTFOUND {
		t.Errorf("dropping a target not in force: %v, want ENOTFOUND", err)
	}
	if _, err := s.SetTarget(ctx, rtp.NewTarget{RecommendationID: "ga-agenda", Due: "2030-01-01", Status: rtp.StatusStalled, AsOf: "2023-01-01", By: "t"}); rtp.ErrorCode(err) != rtp.EINVALID {
		t.Errorf("a stalled target: %v, want EINVALID", err)
	}
}

func TestTargetsInForce(t *testing.T) {
	s := mustCreate(t)
	targetsInForce(t, s)
	db, err := sqlOpen(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{`UPDATE targets SET due = '2040-01-01'`, `DELETE FROM targets`} {
		if _, err := db.Exec(stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v; targets must be append-only", stmt, err)
		}
	}
}

func TestPGTargetsInForce(t *testing.T) {
	c, url := newPGTracker(t)
	s, err := store.OpenPG(context.Background(), url, memoOptions)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	targetsInForce(t, s)
	u, err := neturl.Parse(url)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`UPDATE rtp.targets SET due = '2040-01-01'`, `DELETE FROM rtp.targets`} {
		out, err := c.Psql("tracker_owner", strings.TrimPrefix(u.Path, "/"), stmt)
		if err == nil || !strings.Contains(out+err.Error(), "append-only") {
			t.Errorf("%s: %v %s; targets must be append-only", stmt, err, out)
		}
	}
}

// TestCheckFindsABadTarget: db check holds a target written past rtp to the
// rules every way in applies: a real due date, not set before its
// recommendation was made.
func TestCheckFindsABadTarget(t *testing.T) {
	s := mustCreate(t)
	db, err := sqlOpen(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.Exec(`INSERT INTO targets (uid, recommendation_id, due, status, as_of, by, recorded_at, received_at)
		VALUES ('0123456789abcdefBADTARGET', 'upr', '2027-02-30', 'implemented', '2016-01-01', 't', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')`)
	if err != nil {
		t.Fatal(err)
	}
	report, err := s.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(report.Problems, "\n")
	for _, want := range []string{`"2027-02-30": there is no such day`, "upr was made on 2017-09-07"} {
		if !strings.Contains(all, want) {
			t.Errorf("db check does not say %q; it says:\n%s", want, all)
		}
	}
}
