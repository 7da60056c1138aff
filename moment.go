package rtp

import (
	"strings"
	"time"
)

// Transaction time: when this tracker received an entry (received_at), as
// against the day the entry speaks of (as_of, valid time). Every write is
// stamped once from a clock kept in the tracker, so stamps are strictly
// increasing even when the system clock is fixed or steps back, and a
// moment names exactly what the tracker had received by then.

// StampLayout is how recorded_at and received_at are written: RFC 3339 in
// UTC with six fixed fractional digits, so that text order is time order.
const StampLayout = "2006-01-02T15:04:05.000000Z"

// Stamp writes t in StampLayout.
func Stamp(t time.Time) string { return t.UTC().Format(StampLayout) }

// NormaliseRecordedAt returns a recorded_at in StampLayout: older exports
// wrote whole seconds (2019-09-18T10:00:00Z). It reports false for anything
// else than those two forms in UTC.
func NormaliseRecordedAt(s string) (string, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || (s != t.UTC().Format(time.RFC3339) && s != Stamp(t)) {
		return "", false
	}
	return Stamp(t), true
}

// Moment is a point of transaction time: what the tracker said then, every
// entry and retraction received after it left out. The zero Moment is now,
// everything received.
type Moment string

// Knows reports whether an entry received at receivedAt (StampLayout) had
// been received by the moment.
func (m Moment) Knows(receivedAt string) bool { return m == "" || receivedAt <= string(m) }

// KnownAt is the moment as the store compares it with received_at: the
// zero Moment stands for a time after any stamp.
func (m Moment) KnownAt() string {
	if m == "" {
		return "9999-12-31T23:59:59.999999Z"
	}
	return string(m)
}

// ParseMoment reads a moment given for field (--as-recorded): a date, which
// stands for the end of that day in UTC, or an RFC 3339 time with any
// offset. A date after today or a time after now is refused; whether the
// tracker existed then only the tracker can say (the store checks it).
func ParseMoment(field, s string, now time.Time) (Moment, error) {
	today := DateOf(now)
	if datePattern().MatchString(s) {
		if err := checkDate(field, Date(s), today); err != nil {
			return "", err
		}
		day, _ := time.Parse(DateLayout, s)
		return Moment(Stamp(day.Add(24*time.Hour - time.Microsecond))), nil
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil || strings.TrimSpace(s) != s {
		return "", FieldError(field, s, "give a date (YYYY-MM-DD, the end of that day UTC) or an RFC 3339 time such as 2020-01-15T17:30:00+01:00")
	}
	if t.After(now) {
		return "", FieldError(field, s, "it is in the future (now is %s)", now.UTC().Format(time.RFC3339))
	}
	return Moment(Stamp(t)), nil
}

// TooEarly is the error for a moment before the tracker existed, created
// at (StampLayout). It names the moment as worked out; a caller that has
// the value as typed puts that in its place.
func TooEarly(field string, m Moment, created string) error {
	at := created
	if t, err := time.Parse(StampLayout, created); err == nil {
		at = t.Format(time.RFC3339Nano)
	}
	return FieldError(field, string(m), "the tracker was created at %s; give a moment after it", at)
}
