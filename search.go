package rtp

import (
	"strings"
	"unicode"
)

// Search: rtp search WORDS over what the tracker holds in words, the
// recommendations' titles and text, update notes, evidence references,
// titles and notes, and owners' names, best match first.

// Highlight marks, around each matched word in SearchHit.Snippet: control
// characters no stored text holds (Validate refuses them), which a renderer
// turns into bold on a terminal and removes elsewhere.
const (
	HighlightStart = "\x02"
	HighlightEnd   = "\x03"
)

// Search kinds: what a hit was found in.
const (
	SearchRecommendation = "recommendation"
	SearchUpdate         = "update"
	SearchEvidence       = "evidence"
	SearchOwner          = "owner"
	SearchCheckAnswer    = "answer" // a recurring check's answer, by its note
)

// MaxSearchLimit is the most hits one search returns.
const MaxSearchLimit = 1000

// SearchQuery is what rtp search asks the store.
type SearchQuery struct {
	// Words: on a local file an FTS5 query (words, "a phrase", OR, NOT,
	// prefix*), written by FTS5Query; on PostgreSQL websearch syntax,
	// which means the same for words, phrases, OR and -word.
	Words string
	Limit int
	// IncludePrivate returns private notes and evidence too (on
	// PostgreSQL, only those the session may see at all).
	IncludePrivate bool
}

// SearchHit is one entry that matched.
type SearchHit struct {
	RecommendationID string `json:"recommendation"`
	Kind             string `json:"kind"`     // SearchRecommendation, SearchUpdate, …
	EntryID          int64  `json:"entry_id"` // the update's, evidence's, assignment's or answer's ID; 0 for a recommendation
	Snippet          string `json:"snippet"`  // the matching passage, matches between HighlightStart and HighlightEnd
	Private          bool   `json:"private,omitempty"`
}

// Validate checks a search before it reaches the store.
func (q SearchQuery) Validate() error {
	if strings.TrimSpace(q.Words) == "" {
		return FieldProblem("words", q.Words, "are empty: give the words to search for")
	}
	if err := checkLine("words", q.Words, MaxNoteBytes); err != nil {
		return err
	}
	if q.Limit < 1 || q.Limit > MaxSearchLimit {
		return Errorf(EINVALID, "invalid --limit %d: use 1 to %d", q.Limit, MaxSearchLimit)
	}
	return nil
}

// FTS5Query writes what a person types as an FTS5 query: words joined by
// spaces must all match, "quoted phrases", OR, AND, NOT, NEAR, parentheses
// and prefix* keep their FTS5 meaning, and a bare word FTS5 would not
// parse (COVID-19, A/72/884, undocs.org) becomes a phrase of its parts, as
// the index splits it. Unbalanced quotes and parentheses are left for FTS5
// to refuse.
func FTS5Query(words string) string {
	var out []string
	for _, field := range splitQuoted(words) {
		if isFTS5Bareword(field) {
			out = append(out, field)
			continue
		}
		out = append(out, `"`+strings.ReplaceAll(field, `"`, `""`)+`"`)
	}
	return strings.Join(out, " ")
}

// splitQuoted splits on spaces outside double quotes; a quoted phrase, or
// a run with an unbalanced quote, comes back whole.
func splitQuoted(s string) []string {
	var fields []string
	var b strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			b.WriteRune(r)
		case unicode.IsSpace(r) && !quoted:
			if b.Len() > 0 {
				fields = append(fields, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		fields = append(fields, b.String())
	}
	return fields
}

// isFTS5Bareword: a field FTS5 reads as it is: an operator, a parenthesis,
// a quoted phrase (or a broken one, for FTS5 to refuse), or letters and
// digits with an optional prefix star.
func isFTS5Bareword(f string) bool {
	switch f {
	case "AND", "OR", "NOT", "(", ")":
		return true
	}
	if strings.ContainsAny(f, `"`) || strings.HasPrefix(f, "NEAR(") {
		return true
	}
	core := strings.TrimLeft(strings.TrimRight(strings.TrimSuffix(f, "*"), ")"), "(")
	if core == "" {
		return true
	}
	for _, r := range core {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r < 0x80 {
			return false
		}
	}
	return true
}
