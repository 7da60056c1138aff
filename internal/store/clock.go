package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rtp-tracker/rtp"
)

// The one place a write transaction is stamped. Store.write calls stamp
// before anything is recorded; every insert then writes the stamp kept in
// the clock row, (SELECT last_stamp FROM clock), as its received_at (and
// its recorded_at when recorded here), so whatever records entries inside
// a write inherits it.

// stampNow is the SQL value of the transaction's stamp, for inserts.
const stampNow = `(SELECT last_stamp FROM clock)`

// stamp takes the transaction's stamp: the clock's time, or one
// microsecond after the previous stamp if the clock is not past it (fixed
// by RTP_NOW, or stepped back), so stamps increase strictly.
// It returns what the clock said before, for unstampIfUnchanged.
func (s *Store) stamp(ctx context.Context, tx *sql.Tx) (clockBefore, error) {
	var before clockBefore
	if s.pg != nil {
		// The server's function: its clock, unless the owner trusts the
		// client's (tests).
		err := tx.QueryRowContext(ctx, `SELECT take_stamp(?)`, rtp.Stamp(s.Now().UTC().Truncate(time.Microsecond))).Scan(&before.stamp)
		return before, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT last_stamp, total_changes() FROM clock`).Scan(&before.stamp, &before.changes); err != nil {
		return before, err
	}
	next := s.Now().UTC().Truncate(time.Microsecond)
	if prev, err := time.Parse(rtp.StampLayout, before.stamp); err == nil && !next.After(prev) {
		next = prev.Add(time.Microsecond)
	}
	_, err := tx.ExecContext(ctx, `UPDATE clock SET last_stamp = ?`, rtp.Stamp(next))
	return before, err
}

// clockBefore is the clock's stamp before a write took its own, and the
// connection's count of changed rows then.
type clockBefore struct {
	stamp   string
	changes int64
}

// unstampIfUnchanged puts the clock back if the write changed no row but
// the clock's own: a write that records nothing leaves no trace.
func (s *Store) unstampIfUnchanged(ctx context.Context, tx *sql.Tx, before clockBefore) error {
	if s.pg != nil {
		_, err := tx.ExecContext(ctx, `SELECT unstamp()`)
		return err
	}
	var changes int64
	if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&changes); err != nil {
		return err
	}
	if changes > before.changes+1 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE clock SET last_stamp = ?`, before.stamp)
	return err
}

// stampOf returns the stamp of the write transaction tx.
func stampOf(ctx context.Context, tx querier) (time.Time, error) {
	var last string
	if err := tx.QueryRowContext(ctx, `SELECT last_stamp FROM clock`).Scan(&last); err != nil {
		return time.Time{}, err
	}
	return time.Parse(rtp.StampLayout, last)
}

// knownAt checks that the tracker existed at moment m and returns the
// value state_on's :known_at takes for it.
func knownAt(ctx context.Context, tx querier, m rtp.Moment) (string, error) {
	if m == "" {
		return m.KnownAt(), nil
	}
	var created string
	if err := tx.QueryRowContext(ctx, `SELECT created_at FROM clock`).Scan(&created); err != nil {
		return "", err
	}
	if string(m) < created {
		return "", rtp.TooEarly("as_recorded", m, created)
	}
	return m.KnownAt(), nil
}
