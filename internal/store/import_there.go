package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// An import is idempotent: an entry the tracker already holds (and has not
// retracted) is skipped and reported, so importing the same file twice
// records nothing the second time, as merging an export twice does. Rows
// apply in order, so a row repeated within one file is recorded once.

// updateThere says whether the tracker holds an update like nu: the same
// recommendation, day, kind, status (unless note-only), note and evidence refs.
func updateThere(ctx context.Context, tx querier, nu rtp.NewUpdate) (bool, error) {
	var refs any
	if len(nu.Evidence) > 0 {
		sorted := make([]string, len(nu.Evidence))
		for i, e := range nu.Evidence {
			sorted[i] = e.Ref
		}
		sort.Strings(sorted)
		refs = strings.Join(sorted, "\x1f")
	}
	return exists(ctx, tx, Query("import_update_there"), sql.Named("id", nu.RecommendationID),
		sql.Named("as_of", string(nu.AsOf)), sql.Named("note_only", nu.Status == ""),
		sql.Named("status", string(nu.Status)), sql.Named("note", nu.Note), sql.Named("refs", refs))
}

// evidenceThere says whether the tracker holds evidence on its own like ne.
func evidenceThere(ctx context.Context, tx querier, ne rtp.NewEvidence) (bool, error) {
	return exists(ctx, tx, Query("import_evidence_there"), sql.Named("id", ne.RecommendationID),
		sql.Named("date", string(ne.Date)), sql.Named("ref", ne.Ref))
}

// ownerThere returns the owner's name as the history spells it when the
// tracker holds the assignment a records, and "" when it does not.
func ownerThere(ctx context.Context, tx querier, a rtp.Assignment) (string, error) {
	var name string
	err := tx.QueryRowContext(ctx, Query("import_owner_there"), sql.Named("id", a.RecommendationID),
		sql.Named("owner_key", rtp.OwnerKey(a.Owner)), sql.Named("as_of", string(a.AsOf)),
		sql.Named("role", string(a.Role))).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}

func exists(ctx context.Context, tx querier, query string, args ...any) (bool, error) {
	var id int64
	err := tx.QueryRowContext(ctx, query, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
