package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// Export reads the whole tracker, in one snapshot, in its exchange form.
func (s *Store) Export(ctx context.Context) (exp rtp.Export, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		exp, err = export(ctx, tx)
		return err
	})
	return exp, err
}

func export(ctx context.Context, tx *sql.Tx) (rtp.Export, error) {
	exp := rtp.Export{Format: rtp.ExportFormat, Version: rtp.ExportVersion, Sources: []rtp.ExportSource{},
		Updates: []rtp.ExportUpdate{}, Assignments: []rtp.ExportAssignment{}, Evidence: []rtp.ExportEvidence{}, Retractions: []rtp.ExportRetraction{}}
	list, err := allSources(ctx, tx)
	if err != nil {
		return exp, err
	}
	bySource := map[string]int{}
	for i, src := range list {
		bySource[src.ID] = i
		exp.Sources = append(exp.Sources, rtp.ExportSource{Source: src, Recommendations: []rtp.Recommendation{}})
	}
	err = scanAll(ctx, tx, `SELECT r.id, r.source_id, r.number, r.section, r.title, r.heading, r.text,
		(SELECT json_group_array(actor) FROM (SELECT actor FROM recommendation_actors WHERE recommendation_id = r.id ORDER BY position)),
		(SELECT json_group_array(theme) FROM (SELECT theme FROM recommendation_themes WHERE recommendation_id = r.id ORDER BY position))
		FROM recommendations r ORDER BY r.position`, func(rows *sql.Rows) error {
		var r rtp.Recommendation
		var actors, themes string
		if err := rows.Scan(&r.ID, &r.Source, &r.Number, &r.Section, &r.Title, &r.Heading, &r.Text, &actors, &themes); err != nil {
			return err
		}
		if err := unmarshalAll(actors, &r.Actors, themes, &r.Themes); err != nil {
			return err
		}
		i := bySource[r.Source]
		exp.Sources[i].Recommendations = append(exp.Sources[i].Recommendations, r)
		return nil
	})
	if err != nil {
		return exp, err
	}
	err = scanAll(ctx, tx, `SELECT uid, recommendation_id, status, note, as_of, by, recorded_at FROM updates ORDER BY recorded_at, uid`,
		func(rows *sql.Rows) error {
			var u rtp.ExportUpdate
			err := rows.Scan(&u.UID, &u.RecommendationID, &u.Status, &u.Note, &u.AsOf, &u.By, &u.RecordedAt)
			exp.Updates = append(exp.Updates, u)
			return err
		})
	if err != nil {
		return exp, err
	}
	err = scanAll(ctx, tx, `SELECT uid, recommendation_id, owner, action, COALESCE(role, ''), as_of, by, recorded_at FROM assignments ORDER BY recorded_at, uid`,
		func(rows *sql.Rows) error {
			var a rtp.ExportAssignment
			err := rows.Scan(&a.UID, &a.RecommendationID, &a.Owner, &a.Action, &a.Role, &a.AsOf, &a.By, &a.RecordedAt)
			exp.Assignments = append(exp.Assignments, a)
			return err
		})
	if err != nil {
		return exp, err
	}
	err = scanAll(ctx, tx, `SELECT e.uid, e.recommendation_id, COALESCE(u.uid, ''), e.ref, e.title, e.date, e.note, e.private, e.by, e.recorded_at
		FROM evidence e LEFT JOIN updates u ON u.id = e.update_id ORDER BY e.recorded_at, e.uid`,
		func(rows *sql.Rows) error {
			var e rtp.ExportEvidence
			err := rows.Scan(&e.UID, &e.RecommendationID, &e.Update, &e.Ref, &e.Title, &e.Date, &e.Note, &e.Private, &e.By, &e.RecordedAt)
			exp.Evidence = append(exp.Evidence, e)
			return err
		})
	if err != nil {
		return exp, err
	}
	err = scanAll(ctx, tx, `SELECT x.uid, COALESCE(u.uid, ''), COALESCE(e.uid, ''), x.reason, x.as_of, x.by, x.recorded_at
		FROM retractions x LEFT JOIN updates u ON u.id = x.update_id LEFT JOIN evidence e ON e.id = x.evidence_id
		ORDER BY x.recorded_at, x.uid`,
		func(rows *sql.Rows) error {
			var x rtp.ExportRetraction
			err := rows.Scan(&x.UID, &x.Update, &x.Evidence, &x.Reason, &x.AsOf, &x.By, &x.RecordedAt)
			exp.Retractions = append(exp.Retractions, x)
			return err
		})
	return exp, err
}

// scanAll runs a query and calls fn for each row.
func scanAll(ctx context.Context, q querier, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
