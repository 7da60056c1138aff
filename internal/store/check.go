package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// invariants are rtp's own rules on how the file is kept, each a query that returns one line per
// breach. SQLite's CHECK constraints enforce most of them on files rtp
// wrote, but a file received from elsewhere may have been made otherwise.
// The vocabularies come as parameters (:statuses, :roles), from rtp.Statuses and
// rtp.Roles; the kept state is compared with state_on, the rule itself.
var invariants = []invariant{
	{"update statuses are in the vocabulary", `SELECT 'update ' || id || ' has status ' || quote(status) FROM updates
		WHERE status NOT IN (SELECT value FROM json_each(:statuses))`},
	{"owner roles are lead, support or monitor", `SELECT 'assignment ' || id || ' has role ' || quote(role) FROM assignments
		WHERE (action = 'assign' AND role NOT IN (SELECT value FROM json_each(:roles))) OR action NOT IN ('assign', 'unassign')`},
	{"dates are real days", `SELECT kind || ' ' || id || ' has the date ' || quote(d) FROM (
		SELECT 'update' AS kind, id, as_of AS d FROM updates UNION ALL
		SELECT 'assignment', id, as_of FROM assignments UNION ALL
		SELECT 'evidence', id, date FROM evidence UNION ALL
		SELECT 'retraction', id, as_of FROM retractions UNION ALL
		SELECT 'source', rowid, date FROM sources)
		WHERE ` + notDate("d") + `
		`},
	{"recording times are RFC 3339 in UTC", `SELECT kind || ' ' || id || ' was recorded at ' || quote(t) FROM (
		SELECT 'update' AS kind, id, recorded_at AS t FROM updates UNION ALL
		SELECT 'assignment', id, recorded_at FROM assignments UNION ALL
		SELECT 'evidence', id, recorded_at FROM evidence UNION ALL
		SELECT 'retraction', id, recorded_at FROM retractions)
		WHERE ` + notStamp("t")},
	{"every entry was received by the tracker's clock, after it was created", `SELECT kind || ' ' || id || CASE
			WHEN t IS NULL OR t = '' THEN ' has no received_at'
			WHEN ` + notStamp("t") + ` THEN ' was received at the malformed ' || quote(t)
			WHEN t > (SELECT last_stamp FROM clock) THEN ' was received at ' || t || ', after the clock''s latest stamp ' || (SELECT last_stamp FROM clock)
			ELSE ' was received at ' || t || ', before the tracker was created at ' || (SELECT created_at FROM clock) END FROM (
		SELECT 'update' AS kind, id, received_at AS t FROM updates UNION ALL
		SELECT 'assignment', id, received_at FROM assignments UNION ALL
		SELECT 'evidence', id, received_at FROM evidence UNION ALL
		SELECT 'retraction', id, received_at FROM retractions UNION ALL
		SELECT 'rename', id, received_at FROM owner_renames)
		WHERE t IS NULL OR t = '' OR ` + notStamp("t") + ` OR t > (SELECT last_stamp FROM clock) OR t < (SELECT created_at FROM clock)`},
	{"the clock is one row of well-formed stamps", `SELECT 'the clock has ' || count(*) || ' rows' FROM clock HAVING count(*) <> 1
		UNION ALL SELECT 'the clock''s ' || name || ' is ' || quote(t) FROM (
			SELECT 'created_at' AS name, created_at AS t FROM clock UNION ALL SELECT 'last_stamp', last_stamp FROM clock)
		WHERE ` + notStamp("t") + `
		UNION ALL SELECT 'the clock was created at ' || created_at || ', after its latest stamp ' || last_stamp FROM clock WHERE created_at > last_stamp`},
	{"every entry belongs to a recommendation", `SELECT kind || ' ' || id || ' names the unknown recommendation ' || quote(r) FROM (
		SELECT 'update' AS kind, id, recommendation_id AS r FROM updates UNION ALL
		SELECT 'assignment', id, recommendation_id FROM assignments UNION ALL
		SELECT 'evidence', id, recommendation_id FROM evidence)
		WHERE r NOT IN (SELECT id FROM recommendations)`},
	{"a retraction retracts one existing entry", `SELECT 'retraction ' || x.id || ' retracts nothing that exists' FROM retractions x
		WHERE (x.update_id IS NULL) = (x.evidence_id IS NULL)
		OR (x.update_id IS NOT NULL AND x.update_id NOT IN (SELECT id FROM updates))
		OR (x.evidence_id IS NOT NULL AND x.evidence_id NOT IN (SELECT id FROM evidence))`},
	// An amended update is retracted, but its evidence keeps supporting the
	// update through its amendment: each unretracted piece of evidence is
	// followed along the chain of amendments of its update, and must not
	// reach a retracted update that nothing amends.
	{"the evidence of a retracted update is retracted with it", `WITH RECURSIVE chain(evidence_id, update_id) AS (
			SELECT e.id, e.update_id FROM evidence e WHERE e.update_id IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.evidence_id = e.id)
			UNION SELECT c.evidence_id, a.id FROM chain c JOIN updates a ON a.amends = c.update_id)
		SELECT 'evidence ' || c.evidence_id || ' still counts, but the update ' || c.update_id || ' it supports is retracted' FROM chain c
		WHERE EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = c.update_id)
			AND NOT EXISTS (SELECT 1 FROM updates a WHERE a.amends = c.update_id)`},
	{"the latest date is the latest of the history", Query("check_latest_date")},
	{"entry identifiers are unique", `SELECT 'the uid ' || quote(uid) || ' is used ' || n || ' times' FROM (
		SELECT uid, count(*) AS n FROM (SELECT uid FROM updates UNION ALL SELECT uid FROM assignments
			UNION ALL SELECT uid FROM evidence UNION ALL SELECT uid FROM retractions) GROUP BY uid HAVING count(*) > 1)`},
}

type invariant struct{ rule, query string }

// notDate is the SQL condition that column is not a real day as rtp
// writes them (YYYY-MM-DD).
func notDate(column string) string {
	return column + ` IS NOT date(` + column + `) OR typeof(` + column + `) <> 'text'`
}

// notStamp is the SQL condition that column is not a stamp as rtp writes
// them (rtp.StampLayout): a real instant, in UTC, with six fractional
// digits, so that stamps compare right as text.
func notStamp(column string) string {
	return `(typeof(` + column + `) <> 'text' OR ` + column + ` NOT GLOB
		'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'
		OR substr(` + column + `, 1, 19) || 'Z' IS NOT strftime('%Y-%m-%dT%H:%M:%SZ', substr(` + column + `, 1, 19)))`
}

// keptStateInvariant compares the state rtp keeps with the one rule
// applied to the history. An entry written behind rtp's back leaves the kept
// state behind it, and that is reported too: lists for today would not show
// it until rtp next writes that recommendation.
var keptStateInvariant = invariant{"the kept current state matches the history", Query("check_current_state")}

// Check verifies the tracker: SQLite's integrity and foreign keys, that its
// schema is rtp's own, and rtp's invariants. Problems are reported, not
// returned as an error; the error is for a check that could not run.
func (s *Store) Check(ctx context.Context) (rtp.CheckReport, error) {
	report := rtp.CheckReport{Counts: map[string]int{}}
	err := s.read(ctx, func(tx *sql.Tx) error {
		if s.pg != nil {
			// The server keeps its pages, foreign keys and types sound;
			// what may be wrong is how the schema is guarded.
			problems, err := pgSchemaProblems(ctx, tx)
			if err != nil {
				return err
			}
			report.Problems = append(report.Problems, problems...)
			return s.checkInvariants(ctx, tx, &report)
		}
		lines, err := column(ctx, tx, `SELECT integrity_check FROM pragma_integrity_check`)
		if err != nil {
			return err
		}
		if len(lines) != 1 || lines[0] != "ok" {
			damaged := false
			for _, l := range lines {
				report.Problems = append(report.Problems, "integrity: "+l)
				// A broken constraint is bad data in sound pages; anything
				// else is damage the other checks would trip over.
				damaged = damaged || !strings.Contains(l, "constraint failed")
			}
			if damaged {
				return nil
			}
		}
		fks, err := column(ctx, tx, `SELECT "table" || ' row ' || rowid || ' refers to a missing ' || parent FROM pragma_foreign_key_check`)
		if err != nil {
			return err
		}
		for _, l := range fks {
			report.Problems = append(report.Problems, "foreign key: "+l)
		}
		schema, err := s.schemaProblems(ctx, tx)
		if err != nil {
			return err
		}
		report.Problems = append(report.Problems, schema...)
		if len(schema) > 0 {
			return nil // the invariants' queries assume rtp's schema
		}
		if err := s.checkInvariants(ctx, tx, &report); err != nil {
			return err
		}
		var updates, evidence int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM updates WHERE private = 1), (SELECT count(*) FROM evidence WHERE private = 1)`).Scan(&updates, &evidence); err != nil {
			return err
		}
		if warning := s.exposedWarning(updates, evidence); warning != "" {
			report.Warnings = append(report.Warnings, warning)
		}
		return nil
	})
	return report, err
}

// checkInvariants adds to report the breaches of rtp's rules on what the
// tracker holds, and counts it.
func (s *Store) checkInvariants(ctx context.Context, tx *sql.Tx, report *rtp.CheckReport) error {
	args := append(stateArgs(afterAnyEntry, knownNow), sql.Named("statuses", mustJSON(rtp.Statuses)))
	checked := append(invariants, keptStateInvariant)
	if s.pg != nil && s.readsHistoryOnly() {
		// The kept state counts every entry; a session that does not see
		// them all cannot compare it with the history it sees.
		checked = invariants
		report.Warnings = append(report.Warnings, "the kept current state was not checked: "+s.pg.role+
			" does not see every entry (private entries of other organisations); an admin's db check compares it")
	}
	for _, inv := range checked {
		breaches, err := column(ctx, tx, inv.query, args...)
		if err != nil {
			return fmt.Errorf("checking that %s: %w", inv.rule, err)
		}
		for _, b := range breaches {
			report.Problems = append(report.Problems, inv.rule+": "+b)
		}
	}
	report.Problems = append(report.Problems, entryProblems(ctx, tx, rtp.DateOf(s.Now()))...)
	keys, err := ownerKeyProblems(ctx, tx)
	if err != nil {
		return fmt.Errorf("checking that %s: %w", ownerKeyRule, err)
	}
	report.Problems = append(report.Problems, keys...)
	documents, err := documentProblems(ctx, tx)
	if err != nil {
		return fmt.Errorf("checking that %s: %w", documentRule, err)
	}
	report.Problems = append(report.Problems, documents...)
	renames, err := renameCheckProblems(ctx, tx)
	if err != nil {
		return fmt.Errorf("checking that %s: %w", renameRule, err)
	}
	report.Problems = append(report.Problems, renames...)
	for _, table := range []string{"recommendations", "updates", "assignments", "evidence", "retractions", "owner_renames"} {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			return err
		}
		report.Counts[table] = n
	}
	// Amendments are updates and evidence too (counted there): this
	// says how many of them correct another.
	var amendments int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM updates WHERE amends IS NOT NULL) + (SELECT count(*) FROM evidence WHERE amends IS NOT NULL)`).Scan(&amendments); err != nil {
		return err
	}
	report.Counts["amendments"] = amendments
	return nil
}

// schemaProblems compares the file's tables, indexes and triggers with what
// schema.sql creates: a missing trigger would let history be edited.
func (s *Store) schemaProblems(ctx context.Context, tx *sql.Tx) ([]string, error) {
	want, err := referenceSchema(ctx)
	if err != nil {
		return nil, err
	}
	got, err := schemaOf(ctx, tx)
	if err != nil {
		return nil, err
	}
	var problems []string
	for name, sqlText := range want {
		switch have, ok := got[name]; {
		case !ok:
			problems = append(problems, "schema: "+name+" is missing")
		case normaliseSQL(have) != normaliseSQL(sqlText):
			problems = append(problems, "schema: "+name+" is not rtp's definition")
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			problems = append(problems, "schema: "+name+" is not part of rtp's schema")
		}
	}
	return problems, nil
}

// referenceSchema builds schema.sql in a memory database and reads it back.
func referenceSchema(ctx context.Context) (map[string]string, error) {
	db, err := sql.Open("sqlite", "file:reference?mode=memory")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, rtp.Schema); err != nil {
		return nil, err
	}
	return schemaOf(ctx, db)
}

func schemaOf(ctx context.Context, q querier) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT type || ' ' || name, COALESCE(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, text string
		if err := rows.Scan(&name, &text); err != nil {
			return nil, err
		}
		out[name] = text
	}
	return out, rows.Err()
}

// normaliseSQL drops comments and folds white space, so that a comment edited
// in schema.sql does not make older files look foreign.
func normaliseSQL(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		if i := strings.Index(line, "--"); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line + " ")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
