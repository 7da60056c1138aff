package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// Sources lists the source documents in their order.
func (s *Store) Sources(ctx context.Context) (out []rtp.SourceSummary, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		list, err := allSources(ctx, tx)
		if err != nil {
			return err
		}
		for _, src := range list {
			sum := rtp.SourceSummary{Source: src}
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM recommendations WHERE source_id = ?`, src.ID).Scan(&sum.Recommendations); err != nil {
				return err
			}
			out = append(out, sum)
		}
		return nil
	})
	return out, err
}

// AddSource stores a checked source document and its recommendations. A
// source ID or recommendation ID that is already used is an error naming
// both, and nothing is stored.
func (s *Store) AddSource(ctx context.Context, doc rtp.Document) error {
	if err := doc.Validate(rtp.DateOf(s.Now())); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := addSource(ctx, tx, doc); err != nil {
			return err
		}
		return s.renumber(ctx, tx)
	})
}

func addSource(ctx context.Context, tx *sql.Tx, doc rtp.Document) error {
	var existing string
	err := tx.QueryRowContext(ctx, `SELECT title FROM sources WHERE id = ?`, doc.ID).Scan(&existing)
	if err == nil {
		return rtp.Errorf(rtp.ECONFLICT, "the tracker already has a source %s (%q): give the new one another id", doc.ID, existing)
	}
	if err != sql.ErrNoRows {
		return err
	}
	var clashes []string
	for _, r := range doc.Recommendations {
		var source string
		var number int
		err := tx.QueryRowContext(ctx, `SELECT source_id, number FROM recommendations WHERE id = ?`, r.ID).Scan(&source, &number)
		if err == nil {
			clashes = append(clashes, r.ID+" (recommendation "+strconv.Itoa(r.Number)+" of "+doc.ID+") is already recommendation "+strconv.Itoa(number)+" of "+source)
		} else if err != sql.ErrNoRows {
			return err
		}
	}
	if len(clashes) > 0 {
		e := rtp.Errorf(rtp.ECONFLICT, "recommendation IDs are unique across the tracker, and %d of %s's are taken; nothing was added:", len(clashes), doc.ID)
		e.Details = clashes
		return e
	}
	var position int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(position), 0) + 1 FROM sources`).Scan(&position); err != nil {
		return err
	}
	// The caller renumbers once, after all the sources it adds.
	return insertDocument(ctx, tx, doc, position)
}

// renumber orders sources and recommendations the same way whatever order
// they were added in, so that trackers merged in either order list alike:
// the seed documents first, in their order (for rtp, the built-in memo),
// then by date and ID; within a source, by number. UPDATE … FROM numbers
// them in one pass: a subquery per row would number them all again for each
// row (PostgreSQL does: a 100k merge would never end).
func (s *Store) renumber(ctx context.Context, tx *sql.Tx) error {
	seed := []string{}
	for _, doc := range s.seedDocuments() {
		seed = append(seed, doc.ID)
	}
	_, err := tx.ExecContext(ctx, `
		UPDATE sources SET position = -position;
		UPDATE sources SET position = o.n FROM (
			SELECT src.id, row_number() OVER (ORDER BY IFNULL((SELECT key FROM json_each(:seed) WHERE value = src.id),
				json_array_length(:seed)), src.date, src.id) AS n FROM sources src) o WHERE o.id = sources.id;
		UPDATE recommendations SET position = -position;
		UPDATE recommendations SET position = o.n FROM (
			SELECT r.id, row_number() OVER (ORDER BY s.position, r.number) AS n
			FROM recommendations r JOIN sources s ON s.id = r.source_id) o WHERE o.id = recommendations.id;`,
		sql.Named("seed", mustJSON(seed)))
	return err
}

// CheckSource fails with a field error on "source" unless a source with
// that ID exists, listing those that do.
func (s *Store) CheckSource(ctx context.Context, id string) error {
	list, err := s.Sources(ctx)
	if err != nil {
		return err
	}
	var ids []string
	for _, src := range list {
		if src.ID == id {
			return nil
		}
		ids = append(ids, src.ID)
	}
	return rtp.FieldError("source", id, "use one of %s", strings.Join(ids, ", "))
}
