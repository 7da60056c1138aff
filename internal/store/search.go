package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"modernc.org/sqlite"

	"github.com/rtp-tracker/rtp"
)

// Search returns the entries that match q, best first (queries/search.sql
// on a file, queries/pg/search.sql on PostgreSQL). On a file the words are
// an FTS5 query; one FTS5 cannot parse is refused in a line (EINVALID),
// not as an SQL error.
func (s *Store) Search(ctx context.Context, q rtp.SearchQuery) (hits []rtp.SearchHit, err error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	words := q.Words
	if s.pg == nil {
		words = rtp.FTS5Query(words)
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		return scanAll(ctx, tx, Query("search"), func(rows *sql.Rows) error {
			var h rtp.SearchHit
			err := rows.Scan(&h.RecommendationID, &h.Kind, &h.EntryID, &h.Private, &h.Snippet)
			hits = append(hits, h)
			return err
		}, sql.Named("words", words), sql.Named("include_private", q.IncludePrivate), sql.Named("limit", q.Limit))
	})
	if err != nil && s.pg == nil && isFTS5SyntaxError(err) {
		return nil, rtp.Errorf(rtp.EINVALID, "invalid search %q: %s; put words with other characters in double quotes", q.Words, ftsProblem(err))
	}
	return hits, err
}

// isFTS5SyntaxError tells a query FTS5 could not parse from other failures:
// SQLite gives both the generic result code (SQLITE_ERROR), so the message
// is all there is to go by.
func isFTS5SyntaxError(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) || se.Code() != 1 {
		return false
	}
	msg := se.Error()
	return strings.Contains(msg, "fts5:") || strings.Contains(msg, "unterminated string") ||
		strings.Contains(msg, "no such column") || strings.Contains(msg, "unknown special query")
}

// ftsProblem is FTS5's own words for what is wrong, without the driver's
// prefix and result code.
func ftsProblem(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "fts5: "); i >= 0 {
		msg = msg[i+len("fts5: "):]
	} else if i := strings.LastIndex(msg, "SQL logic error: "); i >= 0 {
		msg = msg[i+len("SQL logic error: "):]
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(msg), "(1)"))
}
