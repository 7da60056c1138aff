package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// Assign makes a.Owner a follow-up owner of a recommendation with a.Role from
// a.AsOf, and returns the owner's name as the history spells it: an owner
// already there under another case or Unicode form (one rtp.OwnerKey) keeps
// its spelling, and assigning it again with another role changes the role.
// It reports false, and writes nothing, if the owner already has that role.
func (s *Store) Assign(ctx context.Context, a rtp.Assignment) (owner string, changed bool, err error) {
	if err := a.Validate(rtp.DateOf(s.Now())); err != nil {
		return "", false, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		owner, changed, err = assign(ctx, tx, a)
		return err
	})
	return owner, changed, err
}

func assign(ctx context.Context, tx writer, a rtp.Assignment) (string, bool, error) {
	if err := checkNotBeforeSource(ctx, tx, a.RecommendationID, a.AsOf); err != nil {
		return "", false, err
	}
	name, role, assigned, err := ownerOn(ctx, tx, a.RecommendationID, a.Owner, a.AsOf)
	if err != nil {
		return "", false, err
	}
	if name != "" {
		a.Owner = name
	}
	if assigned && role == a.Role {
		return a.Owner, false, nil
	}
	return a.Owner, true, insertAssignment(ctx, tx, a, "assign")
}

// Unassign ends a.Owner's follow-up of a recommendation from a.AsOf, and
// returns the owner's name as the history spells it. The assignment stays in
// the history.
func (s *Store) Unassign(ctx context.Context, a rtp.Assignment) (owner string, err error) {
	if err := a.Validate(rtp.DateOf(s.Now())); err != nil {
		return "", err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := checkNotBeforeSource(ctx, tx, a.RecommendationID, a.AsOf); err != nil {
			return err
		}
		name, _, assigned, err := ownerOn(ctx, tx, a.RecommendationID, a.Owner, a.AsOf)
		if err != nil {
			return err
		}
		if assigned {
			a.Owner, owner = name, name // keep the spelling the history uses
			a.Role = ""
			return insertAssignment(ctx, tx, a, "unassign")
		}
		// Not an owner: the message lists who is.
		owners, err := owners(ctx, tx, a.RecommendationID, a.AsOf)
		if err != nil {
			return err
		}
		var names []string
		for _, o := range owners {
			names = append(names, o.Name)
		}
		if len(names) == 0 {
			return rtp.Errorf(rtp.ENOTFOUND, "%q is not an owner of %s on %s: it has no owners", a.Owner, a.RecommendationID, a.AsOf)
		}
		return rtp.Errorf(rtp.ENOTFOUND, "%q is not an owner of %s on %s: its owners are %s", a.Owner, a.RecommendationID, a.AsOf, strings.Join(names, ", "))
	})
	return owner, err
}

func insertAssignment(ctx context.Context, tx writer, a rtp.Assignment, action string) error {
	var role any
	if action == "assign" {
		role = string(a.Role)
	}
	if err := checkNotRenamedLater(ctx, tx, a); err != nil {
		return err
	}
	batchID, err := batchOf(ctx, tx)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO assignments (uid, recommendation_id, owner, action, role, as_of, by, recorded_at, received_at, owner_key, batch_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, `+stampNow+`, `+stampNow+`, ?, ?)`, newUID(), a.RecommendationID, a.Owner, action, role, a.AsOf, a.By, rtp.OwnerKey(a.Owner), batchID)
	return err
}

// owners lists a recommendation's owners on a day, by name.
func owners(ctx context.Context, tx *sql.Tx, id string, asOf rtp.Date) ([]rtp.Owner, error) {
	_, list, err := stateOf(ctx, tx, id, asOf)
	slices.SortFunc(list, func(a, b rtp.Owner) int { return strings.Compare(rtp.OwnerKey(a.Name), rtp.OwnerKey(b.Name)) })
	return list, err
}

// checkNotRenamedLater refuses an assignment to a name that a rename gives
// an owner only after a.AsOf: on that day the name was not the renamed
// owner's, and the rule merges hold the history to (rename_owner_rules)
// would take it for another owner.
func checkNotRenamedLater(ctx context.Context, tx writer, a rtp.Assignment) error {
	var oldName string
	var from rtp.Date
	err := tx.QueryRowContext(ctx, `SELECT old_name, as_of FROM owner_renames WHERE new_key = ? AND as_of > ?
		ORDER BY as_of, recorded_at, uid LIMIT 1`, rtp.OwnerKey(a.Owner), a.AsOf).Scan(&oldName, &from)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	e := rtp.FieldError("as_of", string(a.AsOf), "is before %q was renamed %q, on %s: on %s give the name %q", oldName, a.Owner, from, a.AsOf, oldName)
	e.Code = rtp.ECONFLICT
	return e
}
