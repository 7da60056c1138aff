package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/rtp-tracker/rtp"
)

var numberPattern = regexp.MustCompile(`^[1-9][0-9]{0,8}$`)

// Resolve turns what a user typed for a recommendation into its ID: the ID
// itself, its number in its source, or an unambiguous prefix of the ID.
func (s *Store) Resolve(ctx context.Context, arg string) (id string, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		id, err = resolve(ctx, tx, arg)
		return err
	})
	return id, err
}

func resolve(ctx context.Context, tx *sql.Tx, arg string) (string, error) {
	if arg == "" {
		return "", rtp.Errorf(rtp.EINVALID, "no recommendation given: use an ID such as ga-agenda, or its number")
	}
	key := strings.ToLower(arg)
	var byNumber bool
	var matches []string
	var err error
	switch {
	case numberPattern.MatchString(key):
		byNumber = true
		matches, err = column(ctx, tx, `SELECT id FROM recommendations WHERE number = ? ORDER BY position LIMIT 10`, key)
	default:
		matches, err = column(ctx, tx, `SELECT id FROM recommendations WHERE id = ?`, key)
		if err == nil && len(matches) == 0 {
			// Prefix search on the primary key: 0xFF never occurs in UTF-8.
			matches, err = column(ctx, tx, `SELECT id FROM recommendations WHERE id >= ? AND id < ? ORDER BY position LIMIT 10`, key, key+"\xff")
		}
	}
	if err != nil {
		return "", err
	}
	switch {
	case len(matches) == 1:
		return matches[0], nil
	case len(matches) > 1 && byNumber:
		return "", rtp.Errorf(rtp.ENOTFOUND, "recommendation number %s is ambiguous: it could be %s; give the ID", arg, strings.Join(matches, ", "))
	case len(matches) > 1:
		return "", rtp.Errorf(rtp.ENOTFOUND, "recommendation %q is ambiguous: it could be %s; give more of the ID", arg, strings.Join(matches, ", "))
	}
	var count int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM recommendations`).Scan(&count); err != nil {
		return "", err
	}
	if count > 12 {
		return "", rtp.Errorf(rtp.ENOTFOUND, "unknown recommendation %q: use an ID, a number or an unambiguous ID prefix (see rtp track list)", arg)
	}
	ids, err := column(ctx, tx, `SELECT id FROM recommendations ORDER BY position`)
	if err != nil {
		return "", err
	}
	return "", rtp.Errorf(rtp.ENOTFOUND, "unknown recommendation %q: use one of %s, a number from 1 to %d, or an unambiguous prefix", arg, strings.Join(ids, ", "), count)
}

// column runs a query that returns one text column.
func column(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Vocabulary returns the actors or themes in use, for error messages that
// list what is allowed. kind is "actor" or "theme".
func (s *Store) Vocabulary(ctx context.Context, kind string) (values []string, err error) {
	query := map[string]string{
		"actor": `SELECT DISTINCT actor FROM recommendation_actors ORDER BY actor COLLATE NOCASE`,
		"theme": `SELECT DISTINCT theme FROM recommendation_themes ORDER BY theme COLLATE NOCASE`,
	}[kind]
	err = s.read(ctx, func(tx *sql.Tx) error {
		values, err = column(ctx, tx, query)
		return err
	})
	return values, err
}

// inForce selects a recommendation's updates that count on day :as_of:
// those dated on or before it and not retracted by then.
const inForce = `recommendation_id = r.id AND as_of <= :as_of
	AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.update_id = updates.id AND x.as_of <= :as_of)`

// evidenceInForce selects a recommendation's evidence that counts on day
// :as_of: dated on or before it and not retracted by then.
const evidenceInForce = `recommendation_id = r.id AND date <= :as_of
	AND NOT EXISTS (SELECT 1 FROM retractions x WHERE x.evidence_id = evidence.id AND x.as_of <= :as_of)`

// reportColumns are what a report adds to a list row: the latest note in
// force and the evidence it cites (private evidence only if
// :include_private).
const reportColumns = `,
	(SELECT json_array(note, as_of) FROM updates WHERE ` + inForce + ` AND note <> ''
		ORDER BY as_of DESC, id DESC LIMIT 1),
	(SELECT json_group_array(json_object('ref', ref, 'title', title, 'date', date, 'private', json(CASE private WHEN 1 THEN 'true' ELSE 'false' END)))
		FROM (SELECT * FROM evidence WHERE ` + evidenceInForce + ` AND (private = 0 OR :include_private) ORDER BY date, id))`

// currentUpdate finds the update in force for a recommendation on day :as_of:
// the latest that counts. It is an index seek on updates_by_recommendation.
const currentUpdate = `SELECT id FROM updates WHERE ` + inForce + ` ORDER BY as_of DESC, id DESC LIMIT 1`

// ownersOn lists a recommendation's owners on day :as_of: those whose latest
// assignment row at or before it assigns them. (A NOT EXISTS on the index
// costs less here than a window function per recommendation.)
const ownersOn = `SELECT a.owner AS owner, a.role AS role FROM assignments a
	WHERE a.recommendation_id = r.id AND a.as_of <= :as_of AND a.action = 'assign'
	AND NOT EXISTS (SELECT 1 FROM assignments b WHERE b.recommendation_id = a.recommendation_id
		AND b.owner = a.owner COLLATE NOCASE AND b.as_of <= :as_of AND (b.as_of, b.id) > (a.as_of, a.id))`

const itemQuery = `
SELECT r.id, r.source_id, r.number, r.section, r.title, r.heading,
	COALESCE(u.status, 'unassessed'), u.as_of,
	-- Since when: the first update of the latest run of this status, so that
	-- a note that re-asserts a status does not move its start.
	(SELECT as_of FROM updates WHERE ` + inForce + `
		AND (p.id IS NULL OR (as_of, id) > (p.as_of, p.id)) ORDER BY as_of, id LIMIT 1),
	-- The lists come joined by the unit separator (names never hold control
	-- characters), which is cheaper to split than JSON to decode; they are
	-- built from ordered subqueries rather than with ORDER BY inside the
	-- aggregate, which older sqlite3 shells do not know.
	(SELECT group_concat(actor, char(31)) FROM (SELECT actor FROM recommendation_actors WHERE recommendation_id = r.id ORDER BY position)),
	(SELECT group_concat(theme, char(31)) FROM (SELECT theme FROM recommendation_themes WHERE recommendation_id = r.id ORDER BY position)),
	(SELECT group_concat(owner || char(30) || role, char(31)) FROM (` + ownersOn + `
		ORDER BY CASE role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END, owner COLLATE NOCASE)),
	(SELECT count(*) FROM evidence WHERE ` + evidenceInForce + `)
	%s
FROM recommendations r
LEFT JOIN updates u ON u.id = (` + currentUpdate + `)
LEFT JOIN updates p ON p.id = (SELECT id FROM updates WHERE ` + inForce + `
	AND status <> u.status ORDER BY as_of DESC, id DESC LIMIT 1)
WHERE %s
ORDER BY r.position`

// currentItemQuery is itemQuery reading the state that triggers keep in
// current_state: one row per recommendation, for any day on or after the
// latest date of the history (see schema.sql). A report's columns are read
// as in itemQuery.
const currentItemQuery = `
SELECT r.id, r.source_id, r.number, r.section, r.title, r.heading,
	c.status, c.last_update, c.since, c.actors, c.themes, c.owners, c.evidence_count
	%s
FROM recommendations r
JOIN current_state c ON c.recommendation_id = r.id
WHERE %s
ORDER BY r.position`

// useCurrentState lets the tests compare the two ways to the same list.
var useCurrentState = true

// itemSQL picks the query for a list on day asOf: the kept current state
// when no entry is dated after that day, else the history.
func itemSQL(ctx context.Context, tx *sql.Tx, asOf rtp.Date) (query string, current bool, err error) {
	if !useCurrentState {
		return itemQuery, false, nil
	}
	var latest string
	if err := tx.QueryRowContext(ctx, `SELECT date FROM latest_date`).Scan(&latest); err != nil {
		return "", false, err
	}
	if string(asOf) >= latest {
		return currentItemQuery, true, nil
	}
	return itemQuery, false, nil
}

// Each calls fn with every recommendation that passes the filter, in order,
// with its state on filter.AsOf. It streams: memory does not grow with the
// number of recommendations.
func (s *Store) Each(ctx context.Context, filter rtp.ListFilter, fn func(rtp.Item) error) error {
	return s.read(ctx, func(tx *sql.Tx) error {
		return eachItem(ctx, tx, filter, "", fn)
	})
}

// eachItem runs itemQuery with the filter's conditions; onlyID, if set,
// narrows it to one recommendation.
func eachItem(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, onlyID string, fn func(rtp.Item) error) error {
	return eachRow(ctx, tx, f, onlyID, nil, func(r rtp.ReportRow) error { return fn(r.Item) })
}

// eachRow is eachItem that also reads the report's columns when report is
// set.
func eachRow(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, onlyID string, report *rtp.ReportRequest, fn func(rtp.ReportRow) error) error {
	query, current, err := itemSQL(ctx, tx, f.AsOf)
	if err != nil {
		return err
	}
	where, args := filterWhere(f, current)
	if onlyID != "" {
		where = append(where, "r.id = :id")
		args = append(args, sql.Named("id", onlyID))
	}
	extra := ""
	if report != nil {
		extra = reportColumns
		args = append(args, sql.Named("include_private", report.IncludePrivate))
	}
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(query, extra, strings.Join(where, " AND ")), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r rtp.ReportRow
		it := &r.Item
		var lastUpdate, since, note, evidence, actors, themes, owners sql.NullString
		dest := []any{&it.ID, &it.Source, &it.Number, &it.Section, &it.Title, &it.Heading,
			&it.Status, &lastUpdate, &since, &actors, &themes, &owners, &it.EvidenceCount}
		if report != nil {
			dest = append(dest, &note, &evidence)
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		it.LastUpdate, it.AsOf = nullDate(lastUpdate), nullDate(since)
		it.Actors, it.Themes = splitList(actors), splitList(themes)
		it.Owners = []rtp.Owner{}
		for _, o := range splitList(owners) {
			name, role, _ := strings.Cut(o, "\x1e")
			it.Owners = append(it.Owners, rtp.Owner{Name: name, Role: rtp.Role(role)})
		}
		if report != nil {
			if err := reportFields(&r, note, evidence); err != nil {
				return err
			}
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// reportFields decodes the report's columns into a row.
func reportFields(r *rtp.ReportRow, note, evidence sql.NullString) error {
	if note.Valid {
		var pair [2]string
		if err := json.Unmarshal([]byte(note.String), &pair); err != nil {
			return err
		}
		d := rtp.Date(pair[1])
		r.LatestNote, r.LatestNoteDate = pair[0], &d
	}
	r.EvidenceRefs = []rtp.EvidenceRef{}
	return json.Unmarshal([]byte(evidence.String), &r.EvidenceRefs)
}

// filterWhere turns a list filter into SQL conditions on itemQuery, or on
// currentItemQuery if current, with parameters only.
func filterWhere(f rtp.ListFilter, current bool) (where []string, args []any) {
	status, lastUpdate := "COALESCE(u.status, 'unassessed')", "u.as_of"
	if current {
		status, lastUpdate = "c.status", "c.last_update"
	}
	where = []string{"1"}
	args = []any{sql.Named("as_of", string(f.AsOf))}
	if f.Source != "" {
		where = append(where, "r.source_id = :source")
		args = append(args, sql.Named("source", f.Source))
	}
	if len(f.Statuses) > 0 {
		marks := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			name := fmt.Sprintf("status%d", i)
			marks[i] = ":" + name
			args = append(args, sql.Named(name, string(st)))
		}
		where = append(where, status+" IN ("+strings.Join(marks, ", ")+")")
	}
	if f.Actor != "" {
		where = append(where, "EXISTS (SELECT 1 FROM recommendation_actors WHERE recommendation_id = r.id AND actor = :actor COLLATE NOCASE)")
		args = append(args, sql.Named("actor", f.Actor))
	}
	if f.Theme != "" {
		where = append(where, "EXISTS (SELECT 1 FROM recommendation_themes WHERE recommendation_id = r.id AND theme = :theme COLLATE NOCASE)")
		args = append(args, sql.Named("theme", f.Theme))
	}
	if f.Owner != "" {
		where = append(where, "EXISTS (SELECT 1 FROM ("+ownersOn+") WHERE owner = :owner COLLATE NOCASE)")
		args = append(args, sql.Named("owner", f.Owner))
	}
	if f.StaleBefore != "" {
		where = append(where, "("+lastUpdate+" IS NULL OR "+lastUpdate+" < :stale_before)")
		args = append(args, sql.Named("stale_before", string(f.StaleBefore)))
	}
	return where, args
}

// splitList splits a list joined by the unit separator; never nil, so that
// JSON shows an empty list as [].
func splitList(s sql.NullString) []string {
	if !s.Valid || s.String == "" {
		return []string{}
	}
	return strings.Split(s.String, "\x1f")
}

func nullDate(s sql.NullString) *rtp.Date {
	if !s.Valid {
		return nil
	}
	d := rtp.Date(s.String)
	return &d
}

func jsonArray(values []string) (string, error) {
	if values == nil {
		values = []string{}
	}
	b, err := json.Marshal(values)
	return string(b), err
}

// Detail returns everything about one recommendation, with its state on asOf.
func (s *Store) Detail(ctx context.Context, id string, asOf rtp.Date) (d rtp.Detail, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		d, err = detail(ctx, tx, id, asOf)
		return err
	})
	return d, err
}

// The history of one recommendation, :id, for `rtp track show`: its
// updates oldest first and its evidence, each with its retraction if any.
const (
	detailTextQuery    = `SELECT text FROM recommendations WHERE id = :id`
	detailUpdatesQuery = `SELECT u.id, u.status, u.note, u.as_of, u.by, u.recorded_at,
		x.id, x.reason, x.as_of, x.by, x.recorded_at
		FROM updates u LEFT JOIN retractions x ON x.update_id = u.id
		WHERE u.recommendation_id = :id ORDER BY u.as_of, u.id`
	detailEvidenceQuery = `SELECT e.id, COALESCE(e.update_id, 0), e.ref, e.title, e.date, e.note, e.private, e.by,
		x.id, x.reason, x.as_of, x.by, x.recorded_at
		FROM evidence e LEFT JOIN retractions x ON x.evidence_id = e.id
		WHERE e.recommendation_id = :id ORDER BY e.date, e.id`
)

// Item returns one recommendation with its state on asOf: what a command
// that changed it prints, without reading its whole history as Detail does.
func (s *Store) Item(ctx context.Context, id string, asOf rtp.Date) (it rtp.Item, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		it, err = item(ctx, tx, id, asOf)
		return err
	})
	return it, err
}

func item(ctx context.Context, tx *sql.Tx, id string, asOf rtp.Date) (rtp.Item, error) {
	var it rtp.Item
	found := false
	err := eachItem(ctx, tx, rtp.ListFilter{AsOf: asOf}, id, func(i rtp.Item) error {
		it, found = i, true
		return nil
	})
	if err == nil && !found {
		err = rtp.Errorf(rtp.ENOTFOUND, "unknown recommendation %q", id)
	}
	return it, err
}

func detail(ctx context.Context, tx *sql.Tx, id string, asOf rtp.Date) (rtp.Detail, error) {
	var d rtp.Detail
	var err error
	if d.Item, err = item(ctx, tx, id, asOf); err != nil {
		return d, err
	}
	if err := tx.QueryRowContext(ctx, detailTextQuery, sql.Named("id", id)).Scan(&d.Text); err != nil {
		return d, err
	}
	d.Updates = []rtp.Update{}
	d.Evidence = []rtp.Evidence{}
	rows, err := tx.QueryContext(ctx, detailUpdatesQuery, sql.Named("id", id))
	if err != nil {
		return d, err
	}
	defer rows.Close()
	index := map[int64]int{}
	for rows.Next() {
		u := rtp.Update{RecommendationID: id, Evidence: []rtp.Evidence{}}
		var recorded string
		var xID sql.NullInt64
		var xReason, xAsOf, xBy, xRecorded sql.NullString
		if err := rows.Scan(&u.ID, &u.Status, &u.Note, &u.AsOf, &u.By, &recorded, &xID, &xReason, &xAsOf, &xBy, &xRecorded); err != nil {
			return d, err
		}
		if u.RecordedAt, err = parseTimestamp(recorded); err != nil {
			return d, err
		}
		if u.Retracted, err = retraction(xID, xReason, xAsOf, xBy, xRecorded); err != nil {
			return d, err
		}
		index[u.ID] = len(d.Updates)
		d.Updates = append(d.Updates, u)
	}
	if err := rows.Err(); err != nil {
		return d, err
	}
	evidence, err := tx.QueryContext(ctx, detailEvidenceQuery, sql.Named("id", id))
	if err != nil {
		return d, err
	}
	defer evidence.Close()
	for evidence.Next() {
		var e rtp.Evidence
		var xID sql.NullInt64
		var xReason, xAsOf, xBy, xRecorded sql.NullString
		if err := evidence.Scan(&e.ID, &e.UpdateID, &e.Ref, &e.Title, &e.Date, &e.Note, &e.Private, &e.By,
			&xID, &xReason, &xAsOf, &xBy, &xRecorded); err != nil {
			return d, err
		}
		if e.Retracted, err = retraction(xID, xReason, xAsOf, xBy, xRecorded); err != nil {
			return d, err
		}
		if i, ok := index[e.UpdateID]; ok {
			d.Updates[i].Evidence = append(d.Updates[i].Evidence, e)
		} else {
			d.Evidence = append(d.Evidence, e)
		}
	}
	return d, evidence.Err()
}
