package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/rtp-tracker/rtp"
)

var numberPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[1-9][0-9]{0,8}$`) })

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
	case numberPattern().MatchString(key):
		byNumber = true
		number, _ := strconv.Atoi(key) // nine digits at most: it fits
		matches, err = column(ctx, tx, `SELECT id FROM recommendations WHERE number = ? ORDER BY position LIMIT 10`, number)
	default:
		matches, err = column(ctx, tx, `SELECT id FROM recommendations WHERE id = ?`, key)
		if err == nil && len(matches) == 0 {
			// Prefix search on the primary key: U+10FFFF, the last code
			// point, sorts after any that could follow the prefix in an ID.
			matches, err = column(ctx, tx, `SELECT id FROM recommendations WHERE id >= ? AND id < ? ORDER BY position LIMIT 10`, key, key+"\U0010FFFF")
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
	var ids []string
	if count <= maxSuggested {
		if ids, err = column(ctx, tx, `SELECT id FROM recommendations ORDER BY position`); err != nil {
			return "", err
		}
	}
	unknown := fmt.Sprintf("unknown recommendation %q", arg)
	if best := rtp.Suggest(key, ids); best != "" {
		unknown += fmt.Sprintf(" (did you mean %s?)", best)
	}
	if count > 12 {
		return "", &rtp.Error{Code: rtp.ENOTFOUND, Err: rtp.ErrUnknownRecommendation,
			Message: unknown + ": use an ID, a number or an unambiguous ID prefix"}
	}
	return "", rtp.Errorf(rtp.ENOTFOUND, "%s: use one of %s, a number from 1 to %d, or an unambiguous prefix", unknown, strings.Join(ids, ", "), count)
}

// maxSuggested is the most recommendations an unknown ID is compared with
// for a "did you mean": a typo on a tracker of 100,000 is not worth reading
// them all.
const maxSuggested = 20000

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
		"actor": `SELECT actor FROM (SELECT actor FROM recommendation_actors UNION SELECT actor FROM actor_additions) AS a
			GROUP BY actor ORDER BY actor COLLATE NOCASE, actor`,
		"theme": `SELECT theme FROM recommendation_themes GROUP BY theme ORDER BY theme COLLATE NOCASE, theme`,
	}[kind]
	err = s.read(ctx, func(tx *sql.Tx) error {
		values, err = column(ctx, tx, query)
		return err
	})
	return values, err
}

// Each calls fn with every recommendation that passes the filter, in order,
// with its state on filter.AsOf. It streams: memory does not grow with the
// number of recommendations.
func (s *Store) Each(ctx context.Context, filter rtp.ListFilter, fn func(rtp.Item) error) error {
	return s.read(ctx, func(tx *sql.Tx) error {
		// The actor's own statuses, read once for the whole list rather
		// than by a query per row.
		var ofActor map[string]rtp.ActorStatus
		if filter.Actor != "" {
			statuses, err := reportActors(ctx, tx, rtp.ReportRequest{AsOf: filter.AsOf, AsRecorded: filter.AsRecorded}, func(string) bool { return true })
			if err != nil {
				return err
			}
			ofActor = map[string]rtp.ActorStatus{}
			for _, a := range statuses {
				if _, seen := ofActor[a.RecommendationID]; !seen && strings.EqualFold(a.Actor, filter.Actor) {
					ofActor[a.RecommendationID] = a.ActorStatus
				}
			}
		}
		return s.eachRow(ctx, tx, filter, nil, func(r rtp.ReportRow) error {
			if a, ok := ofActor[r.Item.ID]; ok {
				r.Item.ActorStatus = &a
			}
			return fn(r.Item)
		})
	})
}

// ReadsCurrentState reports whether a list on asOf reads the kept current
// state (one row per recommendation) rather than working the state out from
// the history: it does when no entry is dated after asOf.
func (s *Store) ReadsCurrentState(ctx context.Context, asOf rtp.Date) (current bool, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		current, err = s.readsCurrentState(ctx, tx, asOf)
		return err
	})
	return current, err
}

func (s *Store) readsCurrentState(ctx context.Context, tx *sql.Tx, asOf rtp.Date) (bool, error) {
	return s.readsCurrentStateAt(ctx, tx, asOf, "")
}

// readsHistoryOnly reports whether every read works its state out from
// the history: in tests, or for a session that does not see every entry
// (private entries of other organisations), which the kept state counts.
func (s *Store) readsHistoryOnly() bool { return s.historyOnly || s.view.partial.Load() }

// readsCurrentStateAt is readsCurrentState for what was known at a moment:
// the kept state is as known now, so an earlier moment never reads it. It
// checks that the tracker existed at the moment.
func (s *Store) readsCurrentStateAt(ctx context.Context, tx *sql.Tx, asOf rtp.Date, known rtp.Moment) (bool, error) {
	if _, err := knownAt(ctx, tx, known); err != nil {
		return false, err
	}
	if s.readsHistoryOnly() || known != "" {
		return false, nil
	}
	var latest string
	if err := tx.QueryRowContext(ctx, `SELECT date FROM latest_date`).Scan(&latest); err != nil {
		return false, err
	}
	return string(asOf) >= latest, nil
}

// eachRow runs the list query for the filter, with the report's columns
// when report is set.
func (s *Store) eachRow(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, report *rtp.ReportRequest, fn func(rtp.ReportRow) error) error {
	current, err := s.readsCurrentStateAt(ctx, tx, f.AsOf, f.AsRecorded)
	if err != nil {
		return err
	}
	return s.scanItems(ctx, tx, ListQuery(current, report != nil), ListArgs(f, report), report != nil, func(r rtp.ReportRow) error {
		if report != nil {
			if err := publicLastUpdate(ctx, tx, f, report.IncludePrivate, &r.Item); err != nil {
				return err
			}
			// Reports leave private entries out rather than mark them.
			r.Private = false
		}
		return fn(r)
	})
}

// publicLastUpdate gives a report's row the last update a report shows:
// without private entries a private note on its own is left out whole
// (period_entries), its date too. Only a row whose update in force is
// private (it.Private, as item_columns reads it) can differ.
func publicLastUpdate(ctx context.Context, tx *sql.Tx, f rtp.ListFilter, includePrivate bool, it *rtp.Item) error {
	if includePrivate || !it.Private {
		return nil
	}
	var last sql.NullString
	err := tx.QueryRowContext(ctx, Query("public_last_update"), sql.Named("id", it.ID), sql.Named("as_of", string(f.AsOf)),
		sql.Named("known_at", f.AsRecorded.KnownAt())).Scan(&last)
	it.LastUpdate = nullDate(last)
	return err
}

// scanItems runs a named query that selects item_columns and calls fn with
// each row.
func (s *Store) scanItems(ctx context.Context, tx *sql.Tx, name string, args []any, report bool, fn func(rtp.ReportRow) error) error {
	stmt, err := s.prepared(ctx, tx, name)
	if err != nil {
		return err
	}
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r rtp.ReportRow
		it := &r.Item
		var lastUpdate, since, note, evidence, actors, themes, owners sql.NullString
		if err := rows.Scan(&it.ID, &it.Source, &it.Number, &it.Section, &it.Title, &it.Heading,
			&it.Status, &lastUpdate, &since, &actors, &themes, &owners, &it.EvidenceCount, &it.Private, &note, &evidence); err != nil {
			return err
		}
		it.LastUpdate, it.AsOf = nullDate(lastUpdate), nullDate(since)
		it.Actors, it.Themes = splitList(actors), splitList(themes)
		it.Owners = splitOwners(owners)
		if report {
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

// splitOwners reads the owners column of state_on: name char(30) role,
// joined by char(31).
func splitOwners(owners sql.NullString) []rtp.Owner {
	out := []rtp.Owner{}
	for _, o := range splitList(owners) {
		name, role, _ := strings.Cut(o, "\x1e")
		out = append(out, rtp.Owner{Name: name, Role: rtp.Role(role)})
	}
	return out
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
	refs, err := splitEvidence(evidence.String)
	if err != nil {
		return err
	}
	r.EvidenceRefs = rtp.OnePerDocument(refs)
	// A report counts the evidence it cites: private evidence is left out
	// of both unless the report includes it, so that every format agrees.
	r.EvidenceCount = len(r.EvidenceRefs)
	return nil
}

// splitEvidence reads report_columns' evidence: pieces joined by char(30),
// each its ref, title, date and private flag joined by char(31).
func splitEvidence(text string) ([]rtp.EvidenceRef, error) {
	refs := []rtp.EvidenceRef{}
	if text == "" {
		return refs, nil
	}
	for piece := range strings.SplitSeq(text, "\x1e") {
		fields := strings.Split(piece, "\x1f")
		if len(fields) != 4 || fields[3] != "0" && fields[3] != "1" {
			return nil, rtp.Errorf(rtp.EINTERNAL, "a report's evidence %q is not ref, title, date and private flag", piece)
		}
		refs = append(refs, rtp.EvidenceRef{Ref: fields[0], Title: fields[1], Date: rtp.Date(fields[2]), Private: fields[3] == "1"})
	}
	return refs, nil
}

// ListQuery names the query of a list, or of a report's rows: on the kept
// current state if current, else on the history.
func ListQuery(current, report bool) string {
	switch {
	case current && report:
		return "report_rows_current"
	case report:
		return "report_rows_history"
	case current:
		return "items_current"
	}
	return "items_history"
}

// ListArgs gives the parameters of the list queries (ListQuery, and
// item_current and item_history with :id) for a filter: every condition
// the filter does not set is NULL, which turns it off; report, if set,
// says whether private entries (a private update's note and evidence,
// private evidence) are shown.
func ListArgs(f rtp.ListFilter, report *rtp.ReportRequest) []any {
	args := stateArgs(f.AsOf, f.AsRecorded.KnownAt())
	var statuses any
	if len(f.Statuses) > 0 {
		statuses = mustJSON(f.Statuses)
	}
	return append(args,
		sql.Named("source", nullable(f.Source)),
		sql.Named("statuses", statuses),
		sql.Named("actor", nullable(f.Actor)),
		sql.Named("theme", nullable(f.Theme)),
		sql.Named("owner_key", nullable(rtp.OwnerKey(f.Owner))),
		sql.Named("stale_before", nullable(string(f.StaleBefore))),
		sql.Named("include_private", report != nil && report.IncludePrivate))
}

// nullable is NULL for the empty string: a filter that is not set.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
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

// Detail returns everything about one recommendation, with its state on
// asOf, as the tracker said it at moment known (zero: as known now).
func (s *Store) Detail(ctx context.Context, id string, asOf rtp.Date, known rtp.Moment) (d rtp.Detail, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		d, err = s.detail(ctx, tx, id, asOf, known)
		return err
	})
	return d, err
}

// Item returns one recommendation with its state on asOf: what a command
// that changed it prints, without reading its whole history as Detail does.
func (s *Store) Item(ctx context.Context, id string, asOf rtp.Date) (it rtp.Item, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		it, err = s.item(ctx, tx, id, asOf, "")
		return err
	})
	return it, err
}

func (s *Store) item(ctx context.Context, tx *sql.Tx, id string, asOf rtp.Date, known rtp.Moment) (rtp.Item, error) {
	current, err := s.readsCurrentStateAt(ctx, tx, asOf, known)
	if err != nil {
		return rtp.Item{}, err
	}
	name := "item_history"
	if current {
		name = "item_current"
	}
	var it rtp.Item
	found := false
	args := append(ListArgs(rtp.ListFilter{AsOf: asOf, AsRecorded: known}, nil), sql.Named("id", id))
	err = s.scanItems(ctx, tx, name, args, false, func(r rtp.ReportRow) error {
		it, found = r.Item, true
		return nil
	})
	if err == nil && !found {
		err = rtp.Errorf(rtp.ENOTFOUND, "unknown recommendation %q", id)
	}
	return it, err
}

func (s *Store) detail(ctx context.Context, tx *sql.Tx, id string, asOf rtp.Date, known rtp.Moment) (rtp.Detail, error) {
	var d rtp.Detail
	var err error
	if d.Item, err = s.item(ctx, tx, id, asOf, known); err != nil {
		return d, err
	}
	if err := tx.QueryRowContext(ctx, Query("detail_text"), sql.Named("id", id)).Scan(&d.Text); err != nil {
		return d, err
	}
	d.Updates = []rtp.Update{}
	d.Evidence = []rtp.Evidence{}
	if d.ActorStatuses, err = actorStatuses(ctx, tx, id, asOf, known); err != nil {
		return d, err
	}
	rows, err := tx.QueryContext(ctx, Query("detail_updates"), sql.Named("id", id), sql.Named("known_at", known.KnownAt()))
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
		var amends, aID sql.NullInt64
		var aBy, aRecorded sql.NullString
		if err := rows.Scan(&u.ID, &u.Status, &u.Note, &u.AsOf, &u.By, &recorded, &u.Private, &xID, &xReason, &xAsOf, &xBy, &xRecorded,
			&amends, &aID, &aBy, &aRecorded, &u.NoteOnly, &u.Actor); err != nil {
			return d, err
		}
		u.Amends = amends.Int64
		if u.AmendedBy, err = amendment(aID, aBy, aRecorded); err != nil {
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
	evidence, err := tx.QueryContext(ctx, Query("detail_evidence"), sql.Named("id", id), sql.Named("known_at", known.KnownAt()))
	if err != nil {
		return d, err
	}
	defer evidence.Close()
	for evidence.Next() {
		var e rtp.Evidence
		var xID sql.NullInt64
		var xReason, xAsOf, xBy, xRecorded sql.NullString
		var amends, aID sql.NullInt64
		var aBy, aRecorded sql.NullString
		if err := evidence.Scan(&e.ID, &e.UpdateID, &e.Ref, &e.Title, &e.Date, &e.Note, &e.Private, &e.By,
			&xID, &xReason, &xAsOf, &xBy, &xRecorded, &amends, &aID, &aBy, &aRecorded); err != nil {
			return d, err
		}
		e.Amends = amends.Int64
		if e.AmendedBy, err = amendment(aID, aBy, aRecorded); err != nil {
			return d, err
		}
		if e.Retracted, err = retraction(xID, xReason, xAsOf, xBy, xRecorded); err != nil {
			return d, err
		}
		// Evidence keeps supporting its update once amended: it is shown
		// with the latest amendment.
		if i, ok := index[e.UpdateID]; ok {
			for d.Updates[i].AmendedBy != nil {
				next, ok := index[d.Updates[i].AmendedBy.ID]
				if !ok {
					break
				}
				i = next
			}
			d.Updates[i].Evidence = append(d.Updates[i].Evidence, e)
		} else {
			d.Evidence = append(d.Evidence, e)
		}
	}
	return d, evidence.Err()
}
