package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/rtp-tracker/rtp"
)

// Report builds a progress report within one read transaction, so that every
// part of it describes the same moment even while others write. fn receives
// the report's summary, changes and stale list, and the rows to stream.
func (s *Store) Report(ctx context.Context, req rtp.ReportRequest, fn func(rtp.Report, rtp.ReportRows) error) error {
	req.Filter.AsOf, req.Filter.AsRecorded = req.AsOf, req.AsRecorded
	return s.read(ctx, func(tx *sql.Tx) error {
		rep := rtp.Report{AsOf: req.AsOf, StaleBefore: req.StaleBefore, StaleAll: req.StaleAll, DetailFull: req.DetailFull, Changes: []rtp.Change{}, Stale: []rtp.StaleRow{},
			Filtered: len(req.Filter.Statuses) > 0 || req.Filter.Owner != "" || req.Filter.Theme != "" || req.Filter.Actor != "" || req.Filter.Source != ""}
		if req.Since != "" {
			since := req.Since
			rep.Since = &since
		}
		var err error
		if rep.Sources, err = allSources(ctx, tx); err != nil {
			return err
		}
		if req.Filter.Source != "" {
			for _, src := range rep.Sources {
				if src.ID == req.Filter.Source {
					rep.Sources = []rtp.Source{src}
				}
			}
		}
		rows := func(fn func(rtp.ReportRow) error) error {
			if !req.DetailFull {
				return s.eachRow(ctx, tx, req.Filter, &req, fn)
			}
			return s.eachRow(ctx, tx, req.Filter, &req, func(row rtp.ReportRow) error {
				var err error
				if row.Notes, err = periodNotes(ctx, tx, req, row.ID); err != nil {
					return err
				}
				return fn(row)
			})
		}
		if req.RowsOnly {
			return fn(rep, rows)
		}
		// A first, light pass: the summary must come before the rows, and
		// the changes belong to the recommendations the filter keeps.
		counts := map[rtp.Status]int{}
		kept := map[string]bool{}
		bySource := map[string]map[rtp.Status]int{}
		err = s.eachRow(ctx, tx, req.Filter, nil, func(row rtp.ReportRow) error {
			it := row.Item
			// The stale list dates each row as the report's rows do.
			if err := publicLastUpdate(ctx, tx, req.Filter, req.IncludePrivate, &it); err != nil {
				return err
			}
			counts[it.Status]++
			if bySource[it.Source] == nil {
				bySource[it.Source] = map[rtp.Status]int{}
			}
			bySource[it.Source][it.Status]++
			if rep.Filtered {
				kept[it.ID] = true
			}
			if (it.LastUpdate == nil || *it.LastUpdate < req.StaleBefore) && (req.StaleAll || it.Status != rtp.StatusImplemented) {
				rep.Stale = append(rep.Stale, rtp.StaleRow{RecommendationID: it.ID, Source: it.Source, Number: it.Number, Title: it.Title,
					Status: it.Status, LastUpdate: it.LastUpdate})
			}
			return nil
		})
		if err != nil {
			return err
		}
		rep.Summary = summaryOf(counts)
		if len(bySource) > 1 {
			for _, src := range rep.Sources {
				if c, ok := bySource[src.ID]; ok {
					rep.BySource = append(rep.BySource, rtp.SourceSummaryCount{Source: src.ID, Title: src.Title, Summary: summaryOf(c)})
				}
			}
		}
		keep := func(id string) bool { return !rep.Filtered || kept[id] }
		switch {
		case req.Since != "" && req.StreamChanges:
			rep.Changes = nil
			rep.ChangeRows = func(fn func(rtp.Change) error) error { return periodEntries(ctx, tx, req, keep, fn) }
		case req.Since != "":
			err := periodEntries(ctx, tx, req, keep, func(c rtp.Change) error { rep.Changes = append(rep.Changes, c); return nil })
			if err != nil {
				return err
			}
		}
		if rep.Actors, err = reportActors(ctx, tx, req, keep); err != nil {
			return err
		}
		if rep.Summary.Total <= rtp.TimelineLimit {
			all := req
			all.Since = ""
			if rep.History, err = changes(ctx, tx, all, keep); err != nil {
				return err
			}
		}
		return fn(rep, rows)
	})
}

// changes lists the status changes up to the reporting date (changes.sql),
// for the timeline.
func changes(ctx context.Context, tx *sql.Tx, req rtp.ReportRequest, keep func(string) bool) ([]rtp.Change, error) {
	out := []rtp.Change{}
	err := reportEntries(ctx, tx, "changes", req, keep, func(rows *sql.Rows, c *rtp.Change) error {
		c.Kind = rtp.ChangeStatus
		return rows.Scan(&c.RecommendationID, &c.Number, &c.Title, &c.From, &c.To, &c.Date, &c.By, &c.Note, &c.EntryID)
	}, func(c rtp.Change) error { out = append(out, c); return nil })
	return out, err
}

// periodEntries passes every entry of the report's period, of every kind
// (status, note, evidence, owner, retraction), for the recommendations keep
// keeps, to fn as the query reads it.
func periodEntries(ctx context.Context, tx *sql.Tx, req rtp.ReportRequest, keep func(string) bool, fn func(rtp.Change) error) error {
	return reportEntries(ctx, tx, "period_entries", req, keep, func(rows *sql.Rows, c *rtp.Change) error {
		return rows.Scan(&c.RecommendationID, &c.Source, &c.Number, &c.Title, &c.Kind, &c.From, &c.To, &c.Date, &c.By, &c.Detail, &c.Note, &c.EntryID)
	}, fn)
}

// reportEntries runs a query of a report's entries, scanning each row with
// scan, and passes those of the recommendations keep keeps to fn.
func reportEntries(ctx context.Context, tx *sql.Tx, query string, req rtp.ReportRequest, keep func(string) bool,
	scan func(*sql.Rows, *rtp.Change) error, fn func(rtp.Change) error) error {
	rows, err := tx.QueryContext(ctx, Query(query), sql.Named("as_of", string(req.AsOf)), sql.Named("since", string(req.Since)),
		sql.Named("known_at", req.AsRecorded.KnownAt()),
		sql.Named("include_private", req.IncludePrivate))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c rtp.Change
		if err := scan(rows, &c); err != nil {
			return err
		}
		if keep(c.RecommendationID) {
			if err := fn(c); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// summaryOf counts recommendations by status, every status of the
// vocabulary in its order.
func summaryOf(counts map[rtp.Status]int) rtp.Summary {
	var sum rtp.Summary
	for _, st := range rtp.Statuses {
		sum.ByStatus = append(sum.ByStatus, rtp.StatusCount{Status: st, Count: counts[st]})
		sum.Total += counts[st]
	}
	sum.ImplementedOrPartial = counts[rtp.StatusImplemented] + counts[rtp.StatusPartial]
	if sum.Total > 0 {
		sum.Share = float64(sum.ImplementedOrPartial) * 100 / float64(sum.Total)
	}
	return sum
}

// periodNotes lists every note of recommendation id in the report's
// period, for --detail full.
func periodNotes(ctx context.Context, tx *sql.Tx, req rtp.ReportRequest, id string) ([]rtp.DatedNote, error) {
	rows, err := tx.QueryContext(ctx, Query("period_notes"), sql.Named("id", id), sql.Named("as_of", string(req.AsOf)),
		sql.Named("since", string(req.Since)), sql.Named("known_at", req.AsRecorded.KnownAt()), sql.Named("include_private", req.IncludePrivate))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []rtp.DatedNote{}
	for rows.Next() {
		var n rtp.DatedNote
		if err := rows.Scan(&n.Date, &n.By, &n.Note); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// allSources lists the source documents in their order.
func allSources(ctx context.Context, tx *sql.Tx) ([]rtp.Source, error) {
	rows, err := tx.QueryContext(ctx, sourcesSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []rtp.Source
	for rows.Next() {
		var src rtp.Source
		var organisers string
		if err := rows.Scan(&src.ID, &src.Kind, &src.Title, &src.Date, &organisers, &src.Description); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(organisers), &src.Organisers); err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, rows.Err()
}
