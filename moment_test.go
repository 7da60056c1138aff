package rtp_test

import (
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
)

func TestParseMoment(t *testing.T) {
	t.Parallel()
	now := time.Date(2020, 1, 15, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ in, want string }{
		{"2020-01-14", "2020-01-14T23:59:59.999999Z"},
		{"2020-01-15", "2020-01-15T23:59:59.999999Z"}, // today: the day is not in the future
		{"2020-01-15T10:30:00+01:00", "2020-01-15T09:30:00.000000Z"},
		{"2020-01-15T11:59:59.1234567Z", "2020-01-15T11:59:59.123456Z"},
	} {
		got, err := rtp.ParseMoment("as_recorded", tc.in, now)
		if err != nil || string(got) != tc.want {
			t.Errorf("ParseMoment(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2020-01-16", "2020-01-15T12:00:01Z", "2020-01-15 10:00:00Z", " 2020-01-14T10:00:00Z", "2020-02-30"} {
		if got, err := rtp.ParseMoment("as_recorded", bad, now); err == nil || rtp.ErrorCode(err) != rtp.EINVALID {
			t.Errorf("ParseMoment(%q) = %q, %v; want an EINVALID error", bad, got, err)
		}
	}
}

func TestNormaliseRecordedAt(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"2019-09-18T10:00:00Z":        "2019-09-18T10:00:00.000000Z",
		"2019-09-18T10:00:00.000042Z": "2019-09-18T10:00:00.000042Z",
	} {
		if got, ok := rtp.NormaliseRecordedAt(in); !ok || got != want {
			t.Errorf("NormaliseRecordedAt(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"2019-09-18T10:00:00+02:00", "2019-09-18T10:00:00.5Z", "2019-09-18", "x"} {
		if got, ok := rtp.NormaliseRecordedAt(bad); ok {
			t.Errorf("NormaliseRecordedAt(%q) = %q, true; want refused", bad, got)
		}
	}
}
