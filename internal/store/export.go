package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// Export reads the whole tracker into memory, for merging a tracker file.
func (s *Store) Export(ctx context.Context) (rtp.Export, error) {
	c := &collector{exp: rtp.Export{Format: rtp.ExportFormat, Version: rtp.ExportVersion, Updates: []rtp.ExportUpdate{},
		Assignments: []rtp.ExportAssignment{}, Evidence: []rtp.ExportEvidence{}, Retractions: []rtp.ExportRetraction{}}}
	err := s.ExportEach(ctx, "", c)
	return c.exp, err
}

type collector struct{ exp rtp.Export }

func (c *collector) Sources(s []rtp.ExportSource) error { c.exp.Sources = s; return nil }
func (c *collector) Update(u rtp.ExportUpdate) error {
	c.exp.Updates = append(c.exp.Updates, u)
	return nil
}
func (c *collector) Assignment(a rtp.ExportAssignment) error {
	c.exp.Assignments = append(c.exp.Assignments, a)
	return nil
}
func (c *collector) Evidence(e rtp.ExportEvidence) error {
	c.exp.Evidence = append(c.exp.Evidence, e)
	return nil
}
func (c *collector) Retraction(x rtp.ExportRetraction) error {
	c.exp.Retractions = append(c.exp.Retractions, x)
	return nil
}
func (c *collector) Rename(r rtp.ExportRename) error {
	c.exp.Renames = append(c.exp.Renames, r)
	return nil
}
func (c *collector) Check(x rtp.ExportCheck) error {
	c.exp.Checks = append(c.exp.Checks, x)
	return nil
}
func (c *collector) CheckAnswer(x rtp.ExportCheckAnswer) error {
	c.exp.CheckAnswers = append(c.exp.CheckAnswers, x)
	return nil
}
func (c *collector) CheckRetraction(x rtp.ExportCheckRetraction) error {
	c.exp.CheckRetractions = append(c.exp.CheckRetractions, x)
	return nil
}
func (c *collector) Target(t rtp.ExportTarget) error {
	c.exp.Targets = append(c.exp.Targets, t)
	return nil
}

// ExportEach streams the whole tracker, in one snapshot, to v: sources with
// their recommendations, then updates, assignments, evidence, retractions
// and owner renames, each by recording time then uid. With a moment, only
// what the tracker had received by then: what it would have exported then.
func (s *Store) ExportEach(ctx context.Context, known rtp.Moment, v rtp.ExportVisitor) error {
	return s.read(ctx, func(tx *sql.Tx) error {
		knownAt, err := knownAt(ctx, tx, known)
		if err != nil {
			return err
		}
		return exportEach(ctx, tx, knownAt, v)
	})
}

func exportEach(ctx context.Context, tx *sql.Tx, knownAt string, v rtp.ExportVisitor) error {
	at := sql.Named("known_at", knownAt)
	list, err := allSources(ctx, tx)
	if err != nil {
		return err
	}
	srcs := []rtp.ExportSource{}
	bySource := map[string]int{}
	for i, src := range list {
		bySource[src.ID] = i
		srcs = append(srcs, rtp.ExportSource{Source: src, Recommendations: []rtp.Recommendation{}})
	}
	err = scanAll(ctx, tx, exportRecommendationsSQL, func(rows *sql.Rows) error {
		var r rtp.Recommendation
		var actors, themes sql.NullString
		if err := rows.Scan(&r.ID, &r.Source, &r.Number, &r.Section, &r.Title, &r.Heading, &r.Text, &actors, &themes); err != nil {
			return err
		}
		r.Actors, r.Themes = splitList(actors), splitList(themes)
		i := bySource[r.Source]
		srcs[i].Recommendations = append(srcs[i].Recommendations, r)
		return nil
	})
	if err != nil {
		return err
	}
	if err := v.Sources(srcs); err != nil {
		return err
	}
	err = scanAll(ctx, tx, exportUpdatesSQL,
		func(rows *sql.Rows) error {
			var u rtp.ExportUpdate
			if err := rows.Scan(&u.UID, &u.RecommendationID, &u.Status, &u.Note, &u.AsOf, &u.By, &u.RecordedAt, &u.NoteOnly, &u.Private, &u.Amends, &u.Actor); err != nil {
				return err
			}
			return v.Update(u)
		}, at)
	if err != nil {
		return err
	}
	err = scanAll(ctx, tx, exportAssignmentsSQL,
		func(rows *sql.Rows) error {
			var a rtp.ExportAssignment
			if err := rows.Scan(&a.UID, &a.RecommendationID, &a.Owner, &a.Action, &a.Role, &a.AsOf, &a.By, &a.RecordedAt); err != nil {
				return err
			}
			return v.Assignment(a)
		}, at)
	if err != nil {
		return err
	}
	err = scanAll(ctx, tx, exportEvidenceSQL,
		func(rows *sql.Rows) error {
			var e rtp.ExportEvidence
			if err := rows.Scan(&e.UID, &e.RecommendationID, &e.Update, &e.Ref, &e.Title, &e.Date, &e.Note, &e.Private, &e.By, &e.RecordedAt, &e.Amends); err != nil {
				return err
			}
			return v.Evidence(e)
		}, at)
	if err != nil {
		return err
	}
	err = scanAll(ctx, tx, exportRetractionsSQL,
		func(rows *sql.Rows) error {
			var x rtp.ExportRetraction
			if err := rows.Scan(&x.UID, &x.Update, &x.Evidence, &x.Reason, &x.AsOf, &x.By, &x.RecordedAt); err != nil {
				return err
			}
			return v.Retraction(x)
		}, at)
	if err != nil {
		return err
	}
	err = scanAll(ctx, tx, exportRenamesSQL,
		func(rows *sql.Rows) error {
			var r rtp.ExportRename
			if err := rows.Scan(&r.UID, &r.OldName, &r.NewName, &r.AsOf, &r.By, &r.RecordedAt); err != nil {
				return err
			}
			return v.Rename(r)
		}, at)
	if err != nil {
		return err
	}
	if err := exportChecks(ctx, tx, at, v); err != nil {
		return err
	}
	return scanAll(ctx, tx, exportTargetsSQL,
		func(rows *sql.Rows) error {
			var t rtp.ExportTarget
			if err := rows.Scan(&t.UID, &t.RecommendationID, &t.Due, &t.Status, &t.Note, &t.AsOf, &t.By, &t.RecordedAt); err != nil {
				return err
			}
			return v.Target(t)
		}, at)
}

// The export's queries, one per section in the order it writes them; the
// benchmark gives them to the sqlite3 shell (ExportSQL).
const (
	exportRecommendationsSQL = `SELECT r.id, r.source_id, r.number, r.section, r.title, r.heading, r.text,
		(SELECT group_concat(actor, char(31)) FROM (SELECT actor FROM recommendation_actors WHERE recommendation_id = r.id ORDER BY position)),
		(SELECT group_concat(theme, char(31)) FROM (SELECT theme FROM recommendation_themes WHERE recommendation_id = r.id ORDER BY position))
		FROM recommendations r ORDER BY r.position`
	exportUpdatesSQL = `SELECT u.uid, u.recommendation_id, u.status, u.note, u.as_of, u.by, u.recorded_at, u.note_only, u.private,
		COALESCE((SELECT a.uid FROM updates a WHERE a.id = u.amends), ''), COALESCE(u.actor, '') FROM updates u
		WHERE u.received_at <= :known_at ORDER BY u.recorded_at, u.uid`
	exportAssignmentsSQL = `SELECT uid, recommendation_id, owner, action, COALESCE(role, ''), as_of, by, recorded_at FROM assignments
		WHERE received_at <= :known_at ORDER BY recorded_at, uid`
	exportEvidenceSQL = `SELECT e.uid, e.recommendation_id, COALESCE(u.uid, ''), e.ref, e.title, e.date, e.note, e.private, e.by, e.recorded_at,
		COALESCE((SELECT a.uid FROM evidence a WHERE a.id = e.amends), '')
		FROM evidence e LEFT JOIN updates u ON u.id = e.update_id
		WHERE e.received_at <= :known_at ORDER BY e.recorded_at, e.uid`
	exportRetractionsSQL = `SELECT x.uid, COALESCE(u.uid, ''), COALESCE(e.uid, ''), x.reason, x.as_of, x.by, x.recorded_at
		FROM retractions x LEFT JOIN updates u ON u.id = x.update_id LEFT JOIN evidence e ON e.id = x.evidence_id
		WHERE x.received_at <= :known_at ORDER BY x.recorded_at, x.uid`
	exportRenamesSQL = `SELECT uid, old_name, new_name, as_of, by, recorded_at FROM owner_renames
		WHERE received_at <= :known_at ORDER BY recorded_at, uid`
	exportTargetsSQL = `SELECT uid, recommendation_id, COALESCE(due, ''), COALESCE(status, ''), note, as_of, by, recorded_at FROM targets
		WHERE received_at <= :known_at ORDER BY recorded_at, uid`
)

// sourcesSQL is what allSources reads.
const sourcesSQL = `SELECT id, kind, title, date, organisers, description FROM sources ORDER BY position`

// ExportSQL is the SQL of rtp export, its statements in the order it runs
// them, with the parameter :known_at: for the benchmark's sqlite3 shell to
// select the same rows.
func ExportSQL() string {
	return strings.Join([]string{sourcesSQL, exportRecommendationsSQL, exportUpdatesSQL, exportAssignmentsSQL,
		exportEvidenceSQL, exportRetractionsSQL, exportRenamesSQL, exportTargetsSQL}, ";\n") + ";"
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
