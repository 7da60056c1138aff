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
	req.Filter.AsOf = req.AsOf
	return s.read(ctx, func(tx *sql.Tx) error {
		rep := rtp.Report{AsOf: req.AsOf, StaleBefore: req.StaleBefore, Changes: []rtp.Change{}, Stale: []rtp.StaleRow{},
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
			return s.eachRow(ctx, tx, req.Filter, &req, fn)
		}
		if req.RowsOnly {
			return fn(rep, rows)
		}
		// A first, light pass: the summary must come before the rows, and
		// the changes belong to the recommendations the filter keeps.
		counts := map[rtp.Status]int{}
		kept := map[string]bool{}
		err = s.eachRow(ctx, tx, req.Filter, nil, func(row rtp.ReportRow) error {
			it := row.Item
			counts[it.Status]++
			rep.Summary.Total++
			if rep.Filtered {
				kept[it.ID] = true
			}
			if it.LastUpdate == nil || *it.LastUpdate < req.StaleBefore {
				rep.Stale = append(rep.Stale, rtp.StaleRow{RecommendationID: it.ID, Number: it.Number, Title: it.Title,
					Status: it.Status, LastUpdate: it.LastUpdate})
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, st := range rtp.Statuses {
			rep.Summary.ByStatus = append(rep.Summary.ByStatus, rtp.StatusCount{Status: st, Count: counts[st]})
		}
		rep.Summary.ImplementedOrPartial = counts[rtp.StatusImplemented] + counts[rtp.StatusPartial]
		if rep.Summary.Total > 0 {
			rep.Summary.Share = float64(rep.Summary.ImplementedOrPartial) * 100 / float64(rep.Summary.Total)
		}
		if req.Since != "" {
			if rep.Changes, err = changes(ctx, tx, req, func(id string) bool { return !rep.Filtered || kept[id] }); err != nil {
				return err
			}
		}
		if rep.Summary.Total <= rtp.TimelineLimit {
			all := req
			all.Since = ""
			if rep.History, err = changes(ctx, tx, all, func(id string) bool { return !rep.Filtered || kept[id] }); err != nil {
				return err
			}
		}
		return fn(rep, rows)
	})
}

func changes(ctx context.Context, tx *sql.Tx, req rtp.ReportRequest, keep func(string) bool) ([]rtp.Change, error) {
	rows, err := tx.QueryContext(ctx, Query("changes"), sql.Named("as_of", string(req.AsOf)), sql.Named("since", string(req.Since)),
		sql.Named("include_private", req.IncludePrivate))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []rtp.Change{}
	for rows.Next() {
		var c rtp.Change
		if err := rows.Scan(&c.RecommendationID, &c.Number, &c.Title, &c.From, &c.To, &c.Date, &c.By, &c.Note, &c.UpdateID); err != nil {
			return nil, err
		}
		if keep(c.RecommendationID) {
			out = append(out, c)
		}
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
