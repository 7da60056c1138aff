package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/rtp-tracker/rtp"
)

// afterAnyEntry is a day after every entry a tracker can hold: the state on
// it is the state on any day from the latest entry on, which current_state
// keeps.
const afterAnyEntry = rtp.Date("9999-12-31")

// knownNow is state_on's :known_at for "as known now": after any stamp.
var knownNow = rtp.Moment("").KnownAt()

// stateArgs are the parameters of state_on: the day, the moment it is known
// at (knownAt, rtp.Moment.KnownAt), and the owner roles in their order.
func stateArgs(asOf rtp.Date, knownAt string) []any {
	return []any{sql.Named("as_of", string(asOf)), sql.Named("known_at", knownAt),
		sql.Named("roles", mustJSON(rtp.Roles))}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// historyMarks are the newest row of each history table when a write began.
type historyMarks struct{ recommendations, updates, assignments, evidence, retractions int64 }

func (s *Store) markHistory(ctx context.Context, tx *sql.Tx) (m historyMarks, err error) {
	stmt, err := s.prepared(ctx, tx, "history_marks")
	if err != nil {
		return m, err
	}
	err = stmt.QueryRowContext(ctx).Scan(&m.recommendations, &m.updates, &m.assignments, &m.evidence, &m.retractions)
	return m, err
}

// keepState brings current_state up to date for every recommendation a
// write added or added an entry to since the marks were taken, with state_on:
// the kept state follows the rule because it is the rule's own result.
// Zero marks work out every recommendation's state.
func (s *Store) keepState(ctx context.Context, tx *sql.Tx, m historyMarks) error {
	stmt, err := s.prepared(ctx, tx, "keep_state")
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx, keepStateArgs(m)...)
	return err
}

func keepStateArgs(m historyMarks) []any {
	return append(stateArgs(afterAnyEntry, knownNow),
		sql.Named("recommendations", m.recommendations), sql.Named("updates", m.updates),
		sql.Named("assignments", m.assignments), sql.Named("evidence", m.evidence), sql.Named("retractions", m.retractions))
}

// resetState works out the whole kept state and the latest date again: for a
// new or upgraded tracker, whose schema is not committed yet, so that no
// statement prepared outside tx can see it.
func resetState(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM current_state`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, Query("reset_latest_date")); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, Query("keep_state"), keepStateArgs(historyMarks{})...)
	return err
}

// stateOf reads one recommendation's status and owners on asOf, as known
// now.
func stateOf(ctx context.Context, tx *sql.Tx, id string, asOf rtp.Date) (rtp.Status, []rtp.Owner, error) {
	var status rtp.Status
	var owners sql.NullString
	args := append(stateArgs(asOf, knownNow), sql.Named("id", id))
	err := tx.QueryRowContext(ctx, Query("state_of"), args...).Scan(&status, &owners)
	if err == sql.ErrNoRows {
		return "", nil, rtp.Errorf(rtp.ENOTFOUND, "unknown recommendation %q", id)
	}
	return status, splitOwners(owners), err
}
