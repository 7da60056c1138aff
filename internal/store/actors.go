package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// actorsOf returns the actors recommendation id addresses: those its source
// names, in its order, then those added knowingly (actor_additions).
func actorsOf(ctx context.Context, tx querier, id string) ([]string, error) {
	return column(ctx, tx, `SELECT actor FROM (
		SELECT actor, position AS n, 0 AS added FROM recommendation_actors WHERE recommendation_id = ?
		UNION ALL SELECT actor, id, 1 FROM actor_additions WHERE recommendation_id = ?) AS a ORDER BY added, n`, id, id)
}

// actorOfUpdate returns the actor an update about nu.Actor is recorded
// under: the recommendation's own spelling of it, or, with NewActor, the
// name as given, added to its actors in the same transaction. An actor it
// does not address is refused, naming those it does.
func actorOfUpdate(ctx context.Context, tx writer, nu rtp.NewUpdate) (any, error) {
	if nu.Actor == "" {
		return nil, nil
	}
	actors, err := actorsOf(ctx, tx, nu.RecommendationID)
	if err != nil {
		return nil, err
	}
	if actor, ok := rtp.MatchActor(actors, nu.Actor); ok {
		return actor, nil
	}
	if !nu.NewActor {
		return nil, rtp.NotAddressedError(nu.RecommendationID, nu.Actor, actors)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO actor_additions (uid, recommendation_id, actor, by, recorded_at, received_at)
		VALUES (?, ?, ?, ?, `+stampNow+`, `+stampNow+`)`, newUID(), nu.RecommendationID, nu.Actor, nu.By)
	return nu.Actor, err
}

// actorStatuses reads each actor's latest status on a recommendation
// (queries/actor_statuses.sql).
func actorStatuses(ctx context.Context, tx querier, id string, asOf rtp.Date, known rtp.Moment) ([]rtp.ActorStatus, error) {
	var out []rtp.ActorStatus
	err := scanAll(ctx, tx, Query("actor_statuses"), func(rows *sql.Rows) error {
		var a rtp.ActorStatus
		err := rows.Scan(&a.Actor, &a.Status, &a.AsOf, &a.Addressed)
		out = append(out, a)
		return err
	}, sql.Named("id", id), sql.Named("as_of", asOf), sql.Named("known_at", known.KnownAt()))
	return out, err
}

// reportActors reads the actors' latest statuses of the recommendations a
// report keeps (queries/report_actor_statuses.sql).
func reportActors(ctx context.Context, tx querier, req rtp.ReportRequest, keep func(string) bool) ([]rtp.ReportActor, error) {
	var out []rtp.ReportActor
	err := scanAll(ctx, tx, Query("report_actor_statuses"), func(rows *sql.Rows) error {
		var a rtp.ReportActor
		if err := rows.Scan(&a.RecommendationID, &a.Actor, &a.Status, &a.AsOf, &a.Addressed); err != nil {
			return err
		}
		if keep(a.RecommendationID) {
			out = append(out, a)
		}
		return nil
	}, sql.Named("as_of", req.AsOf), sql.Named("known_at", req.AsRecorded.KnownAt()))
	return out, err
}
