package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// RenameOwner records that the owner called r.Old is called r.New from
// r.AsOf. It refuses a name that owns nothing, a new name that is already
// another owner, a rename back to one of the owner's own names (a cycle), and
// a date before the owner's first assignment or latest rename.
func (s *Store) RenameOwner(ctx context.Context, r rtp.NewOwnerRename) (done rtp.OwnerRename, err error) {
	if err := r.Validate(rtp.DateOf(s.Now())); err != nil {
		return done, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		done, err = renameOwner(ctx, tx, r)
		return err
	})
	return done, err
}

// renameOwner records the rename r, recorded at the transaction's stamp.
func renameOwner(ctx context.Context, tx *sql.Tx, r rtp.NewOwnerRename) (rtp.OwnerRename, error) {
	oldKey, newKey := rtp.OwnerKey(r.Old), rtp.OwnerKey(r.New)
	old, err := ownerNames(ctx, tx, oldKey)
	if err != nil {
		return rtp.OwnerRename{}, err
	}
	if old.first == "" {
		return rtp.OwnerRename{}, rtp.Errorf(rtp.ENOTFOUND, "%q is not an owner of any recommendation", r.Old)
	}
	newIdentity, err := identityOf(ctx, tx, newKey)
	if err != nil {
		return rtp.OwnerRename{}, err
	}
	if old.identity == newIdentity {
		return rtp.OwnerRename{}, rtp.Errorf(rtp.ECONFLICT, "renaming %q to %q would form a cycle: %q is already one of its names", r.Old, r.New, r.New)
	}
	other, err := ownerNames(ctx, tx, newKey)
	if err != nil {
		return rtp.OwnerRename{}, err
	}
	if other.first != "" {
		return rtp.OwnerRename{}, rtp.Errorf(rtp.ECONFLICT, "cannot rename %q to %q: %q is already an owner of its own; a rename needs a name no one has", r.Old, r.New, r.New)
	}
	if r.AsOf < old.first {
		return rtp.OwnerRename{}, dateConflict(r.AsOf, "is before %q was first assigned, on %s", r.Old, old.first)
	}
	if r.AsOf < old.renamed {
		return rtp.OwnerRename{}, dateConflict(r.AsOf, "is before the latest rename of %q, on %s", r.Old, old.renamed)
	}
	now, err := stampOf(ctx, tx)
	if err != nil {
		return rtp.OwnerRename{}, err
	}
	done := rtp.OwnerRename{UID: newUID(), OldName: old.spelled, NewName: r.New, AsOf: r.AsOf, By: r.By, RecordedAt: rtp.Stamp(now)}
	if err := insertRename(ctx, tx, done, nil); err != nil {
		return rtp.OwnerRename{}, err
	}
	// The rules a merge and db check hold the whole history to: the checks
	// above refuse most of it with a plainer message first.
	problems, err := renameProblems(ctx, tx)
	if err != nil || len(problems) == 0 {
		return done, err
	}
	return rtp.OwnerRename{}, rtp.Errorf(rtp.ECONFLICT, "%q cannot be renamed to %q: %s", r.Old, r.New, problems[0])
}

// ownerFacts are what a rename needs to know of one name's owner.
type ownerFacts struct {
	identity string
	first    rtp.Date // its first assignment under any name; "" if none
	renamed  rtp.Date // its latest rename; "" if none
	spelled  string   // the name as the history spells it
}

func ownerNames(ctx context.Context, tx *sql.Tx, key string) (f ownerFacts, err error) {
	if f.identity, err = identityOf(ctx, tx, key); err != nil {
		return f, err
	}
	keys := sql.Named("owner_key", key)
	var first, renamed sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT min(as_of) FROM assignments WHERE owner_key IN (`+Query("owner_keys")+`)`, keys).Scan(&first)
	if err != nil {
		return f, err
	}
	err = tx.QueryRowContext(ctx, `SELECT max(as_of) FROM owner_renames WHERE new_key IN (`+Query("owner_keys")+`)`, keys).Scan(&renamed)
	if err != nil {
		return f, err
	}
	f.first, f.renamed = rtp.Date(first.String), rtp.Date(renamed.String)
	// The name as a rename gave it, else as its first assignment spelled it.
	err = tx.QueryRowContext(ctx, `SELECT name FROM (
		SELECT new_name AS name, 0 AS rank, as_of, recorded_at, uid FROM owner_renames WHERE new_key = :owner_key
		UNION ALL SELECT owner, 1, as_of, recorded_at, uid FROM assignments WHERE owner_key = :owner_key)
		ORDER BY rank, as_of, recorded_at, uid LIMIT 1`, keys).Scan(&f.spelled)
	if err == sql.ErrNoRows {
		err = nil
	}
	return f, err
}

// identityOf is the identity of an owner key: the key of the owner's first
// name (owner_identities).
func identityOf(ctx context.Context, tx querier, key string) (string, error) {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT identity FROM owner_identities WHERE key = ?`, key).Scan(&id)
	if err == sql.ErrNoRows {
		return key, nil
	}
	return id, err
}

// insertRename records a rename, in batch batchID (nil for none), and works
// out again the owners' identities and the kept state of what its owner
// follows up.
func insertRename(ctx context.Context, tx writer, r rtp.OwnerRename, batchID any) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO owner_renames (uid, old_key, old_name, new_name, new_key, as_of, by, recorded_at, batch_id, received_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, `+stampNow+`)`, r.UID, rtp.OwnerKey(r.OldName), r.OldName, r.NewName, rtp.OwnerKey(r.NewName), r.AsOf, r.By, r.RecordedAt, batchID); err != nil {
		return err
	}
	if err := keepOwnerIdentities(ctx, tx); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, Query("keep_state_owner"), keepStateOwnerArgs(rtp.OwnerKey(r.NewName))...)
	return err
}

func keepStateOwnerArgs(ownerKey string) []any {
	return append(stateArgs(afterAnyEntry, knownNow), sql.Named("owner_key", ownerKey))
}

// OwnerRenames lists every rename recorded, oldest first by as-of date.
func (s *Store) OwnerRenames(ctx context.Context) (out []rtp.OwnerRename, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		out, err = ownerRenames(ctx, tx)
		return err
	})
	return out, err
}

func ownerRenames(ctx context.Context, tx querier) ([]rtp.OwnerRename, error) {
	out := []rtp.OwnerRename{}
	rows, err := tx.QueryContext(ctx, `SELECT uid, old_name, new_name, as_of, by, recorded_at, received_at FROM owner_renames ORDER BY as_of, recorded_at, uid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r rtp.OwnerRename
		if err := rows.Scan(&r.UID, &r.OldName, &r.NewName, &r.AsOf, &r.By, &r.RecordedAt, &r.ReceivedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// dateConflict is a problem with the as-of date that the history, not the
// date itself, makes: a conflict, named as a field so that each way in can
// call the date by its name.
func dateConflict(asOf rtp.Date, problem string, args ...any) *rtp.Error {
	e := rtp.FieldError("as_of", string(asOf), problem, args...)
	e.Code = rtp.ECONFLICT
	return e
}

const resetOwnerIdentities = `DELETE FROM owner_identities`

// keepOwnerIdentities works out owner_identities again from every rename:
// a rename can join what were two chains, so the whole small table is
// rewritten rather than a row added.
func keepOwnerIdentities(ctx context.Context, tx writer) error {
	if _, err := tx.ExecContext(ctx, resetOwnerIdentities); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, Query("keep_owner_identities"))
	return err
}

// Rename adds an owner rename.
func (l *Loader) Rename(r rtp.ExportRename) error {
	batchID, err := l.batch.idFor(l.ctx, l.tx)
	if err != nil {
		return err
	}
	return insertRename(l.ctx, l.tx, r, batchID)
}

// renameProblems lists what is wrong across the tracker's renames
// (rtp.RenameProblems) and between them and the assignments
// (rename_owner_rules): rules on the set of entries, so that a merge gives
// the same answer in every order and direction.
func renameProblems(ctx context.Context, tx querier) ([]string, error) {
	renames, err := ownerRenames(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := rtp.RenameProblems(renames)
	err = scanAll(ctx, tx, Query("rename_owner_rules"), func(rows *sql.Rows) error {
		var problem string
		err := rows.Scan(&problem)
		out = append(out, problem)
		return err
	})
	return out, err
}
