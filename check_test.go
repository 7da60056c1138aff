package rtp

import (
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	good := []struct {
		every       Cadence
		in          string
		start, next string
	}{
		{EveryYear, "2024", "2024-01-01", "2025"},
		{EverySession, "72", "2017-09-01", "73"},
		{EveryQuarter, "2024-Q4", "2024-10-01", "2025-Q1"},
		{EveryMonth, "2024-12", "2024-12-01", "2025-01"},
	}
	for _, c := range good {
		p, err := ParsePeriod(c.every, c.in)
		if err != nil {
			t.Fatalf("ParsePeriod(%s, %q): %v", c.every, c.in, err)
		}
		if p.String() != c.in || string(p.Start()) != c.start || p.Next().String() != c.next {
			t.Errorf("%s %q: got %s starting %s, next %s; want start %s, next %s", c.every, c.in, p, p.Start(), p.Next(), c.start, c.next)
		}
	}
	bad := []struct {
		every Cadence
		in    string
	}{
		{EveryMonth, "2024-13"}, {EveryMonth, "2024-00"}, {EveryQuarter, "Q5"}, {EveryQuarter, "2024-Q5"},
		{EveryQuarter, "2024-Q0"}, {EveryYear, "24"}, {EverySession, "0"}, {EverySession, "2017"},
		{EveryYear, "2024-01"}, {EveryYear, "1899"}, {EveryMonth, " 2024-01"},
	}
	for _, c := range bad {
		if p, err := ParsePeriod(c.every, c.in); err == nil {
			t.Errorf("ParsePeriod(%s, %q) = %s, want an error", c.every, c.in, p)
		}
	}
}

func TestDueDay(t *testing.T) {
	cases := []struct {
		every       Cadence
		period, due string
		want        Date
	}{
		{EveryYear, "2023", "02-29", "2023-02-28"},
		{EveryYear, "2024", "02-29", "2024-02-29"},
		{EverySession, "72", "09-30", "2017-09-30"},
		{EverySession, "72", "06-30", "2018-06-30"},
		{EveryQuarter, "2024-Q1", "03-31", "2024-03-31"},
		{EveryQuarter, "2024-Q2", "01-31", "2024-04-30"},
		{EveryQuarter, "2024-Q4", "04-15", "2025-01-15"},
		{EveryMonth, "2024-02", "01-31", "2024-02-29"},
	}
	for _, c := range cases {
		p, err := ParsePeriod(c.every, c.period)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.DueDay(c.due); got != c.want {
			t.Errorf("%s %s due %s: got %s, want %s", c.every, c.period, c.due, got, c.want)
		}
	}
	for _, due := range []string{"02-30", "13-01", "00-10", "9-30", "04-31"} {
		if checkDue("due", due) == nil {
			t.Errorf("due %q accepted", due)
		}
	}
}

func TestCheckPeriods(t *testing.T) {
	c := Check{ID: "ga", Every: EverySession, Due: "09-30", From: "72"}
	at := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	answers := []CheckAnswer{
		{CheckID: "ga", Period: "72", Answer: AnswerNo, AsOf: "2017-10-01", RecordedAt: at, UID: "a"},
		{CheckID: "ga", Period: "72", Answer: AnswerYes, AsOf: "2017-10-02", RecordedAt: at, UID: "b"},
		{CheckID: "ga", Period: "74", Answer: AnswerYes, AsOf: "2019-10-01", RecordedAt: at, UID: "c", Retracted: &Retraction{}},
	}
	got := CheckPeriods(c, answers, "2019-10-01")
	if len(got.Periods) != 3 || got.Periods[0].Answer == nil || got.Periods[0].Answer.Answer != AnswerYes ||
		!got.Periods[1].Missing("2019-10-01") || !got.Periods[2].Missing("2019-10-01") {
		t.Fatalf("got %+v", got.Periods)
	}
	due := ChecksDue([]Check{c}, answers, "2019-10-01", "2020-09-30")
	if len(due) != 3 || due[2].Period != "75" || due[2].Overdue || !due[0].Overdue {
		t.Fatalf("due: %+v", due)
	}
}

// FuzzParsePeriod holds that every period read writes back as it was read
// and lies in order with the next.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2024", "72", "2024-Q1", "2024-03", "2024-13", "Q5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, every := range Cadences {
			p, err := ParsePeriod(every, s)
			if err != nil {
				continue
			}
			if p.String() != s {
				t.Fatalf("%s %q reads back as %q", every, s, p)
			}
			if p.Next().Start() <= p.Start() || PeriodOn(every, p.Start()) != p {
				t.Fatalf("%s %q: next %s starts %s, not after %s", every, s, p.Next(), p.Next().Start(), p.Start())
			}
		}
	})
}
