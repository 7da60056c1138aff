package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// RetractBatch retracts, in one transaction, every update and piece of
// evidence that the import or merge nb.Batch recorded and no retraction
// names yet, each by its own retraction entry with nb's reason, as `rtp
// track retract` would one by one. The amendments of those entries go with
// them, wherever they were recorded: they corrected entries that should not
// have been recorded at all.
//
// Assignments cannot be retracted (an unassignment is not the same: it
// would also end an owner's follow-up that an earlier entry recorded), so a
// batch that recorded owners is refused, naming them, and nothing is
// retracted: unassigning them, and retracting the rest one by one, stays
// the user's choice.
func (s *Store) RetractBatch(ctx context.Context, nb rtp.NewBatchRetraction) (done rtp.BatchRetracted, err error) {
	if err := nb.Validate(rtp.DateOf(s.Now())); err != nil {
		return done, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		done = rtp.BatchRetracted{}
		err := tx.QueryRowContext(ctx, `SELECT kind, source FROM batches WHERE id = ?`, nb.Batch).Scan(&done.Kind, &done.Source)
		if errors.Is(err, sql.ErrNoRows) {
			return rtp.Errorf(rtp.ENOTFOUND, "there is no batch %d: rtp log lists the imports and merges with theirs", nb.Batch)
		}
		if err != nil {
			return err
		}
		if err := refuseOwners(ctx, tx, nb.Batch); err != nil {
			return err
		}
		if err := refuseCheckEntries(ctx, tx, nb.Batch); err != nil {
			return err
		}
		seen := map[string]bool{}
		collect := func(table string, ids *[]int64) error {
			column := map[string]string{"updates": "update_id", "evidence": "evidence_id"}[table]
			return scanAll(ctx, tx, `WITH RECURSIVE chain(id) AS (SELECT id FROM `+table+` WHERE batch_id = ?
					UNION SELECT a.id FROM `+table+` a JOIN chain c ON a.amends = c.id)
				SELECT t.id, t.recommendation_id FROM `+table+` t WHERE t.id IN (SELECT id FROM chain)
				AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.`+column+` = t.id) ORDER BY t.id`, func(rows *sql.Rows) error {
				var id int64
				var rec string
				err := rows.Scan(&id, &rec)
				*ids = append(*ids, id)
				if !seen[rec] {
					seen[rec] = true
					done.Recommendations = append(done.Recommendations, rec)
				}
				return err
			}, nb.Batch)
		}
		if err := collect("updates", &done.Updates); err != nil {
			return err
		}
		if err := collect("evidence", &done.Evidence); err != nil {
			return err
		}
		if len(done.Updates)+len(done.Evidence) == 0 {
			// A merge may have brought only retractions: a retraction is not
			// itself retracted.
			var entries int
			if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM updates WHERE batch_id = ?1)
				+ (SELECT count(*) FROM evidence WHERE batch_id = ?1)`, nb.Batch).Scan(&entries); err != nil {
				return err
			}
			if entries == 0 {
				return rtp.Errorf(rtp.ECONFLICT, "batch %d (%s %s) recorded only retractions, which cannot be retracted: nothing changed", nb.Batch, done.Kind, done.Source)
			}
			return rtp.Errorf(rtp.ECONFLICT, "batch %d (%s %s) is already retracted: nothing changed", nb.Batch, done.Kind, done.Source)
		}
		for _, e := range []struct {
			column string
			ids    []int64
		}{{"update_id", done.Updates}, {"evidence_id", done.Evidence}} {
			for _, id := range e.ids {
				if err := insertRetraction(ctx, tx, e.column, id, nb.Reason, nb.AsOf, nb.By); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return done, err
}

// refuseOwners fails, naming them, if the batch recorded assignments or
// owner renames.
func refuseOwners(ctx context.Context, tx *sql.Tx, batch int64) error {
	var owners []string
	err := scanAll(ctx, tx, `SELECT recommendation_id, owner, action FROM (
		SELECT 0 AS k, id, recommendation_id, owner, action FROM assignments WHERE batch_id = ?1
		UNION ALL SELECT 1, id, 'the owners', old_name || ' to ' || new_name, 'rename' FROM owner_renames WHERE batch_id = ?1)
		ORDER BY k, id`, func(rows *sql.Rows) error {
		var rec, owner, action string
		err := rows.Scan(&rec, &owner, &action)
		owners = append(owners, fmt.Sprintf("%s %s of %s", action, owner, rec))
		return err
	}, batch)
	if err != nil || len(owners) == 0 {
		return err
	}
	const shown = 5
	list := strings.Join(owners[:min(len(owners), shown)], ", ")
	if len(owners) > shown {
		list += fmt.Sprintf(" and %d more", len(owners)-shown)
	}
	return rtp.Errorf(rtp.ECONFLICT, "batch %d recorded owners, which cannot be retracted (%s): nothing was retracted; unassign them with rtp track unassign and retract the updates one by one", batch, list)
}
