package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// The two questions a write asks about what is in force, answered without
// working out a recommendation's whole state: asked for every row of an
// import, the whole state would cost as much as the recommendation's history
// on each row, and the import would grow with the square of its rows.

// statusOf is the status of recommendation id in force on asOf as known
// now, by the rule (state_on).
func statusOf(ctx context.Context, tx querier, id string, asOf rtp.Date) (rtp.Status, error) {
	var status rtp.Status
	args := append(stateArgs(asOf, knownNow), sql.Named("id", id))
	err := tx.QueryRowContext(ctx, Query("status_of"), args...).Scan(&status)
	if err == sql.ErrNoRows {
		return "", rtp.Errorf(rtp.ENOTFOUND, "unknown recommendation %q", id)
	}
	return status, err
}

// ownerOn tells whether owner (in any case or Unicode form, under any of its
// names) follows up recommendation id on asOf, and with which role and
// which name: its name on the day, as lists show it.
func ownerOn(ctx context.Context, tx querier, id, owner string, asOf rtp.Date) (name string, role rtp.Role, assigned bool, err error) {
	var action string
	err = tx.QueryRowContext(ctx, Query("owner_on"), sql.Named("id", id), sql.Named("owner_key", rtp.OwnerKey(owner)), sql.Named("as_of", string(asOf))).
		Scan(&name, &action, &role)
	if err == sql.ErrNoRows {
		return "", "", false, nil
	}
	return name, role, action == "assign", err
}
