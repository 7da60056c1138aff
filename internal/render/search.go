package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/rtp-tracker/rtp"
)

// SearchFormats are the --format values of rtp search.
var SearchFormats = []string{"table", "json", "csv"}

// The matched words on a terminal: bold and reverse video, which every
// terminal shows and which survives a monochrome one.
const (
	highlightOn  = "\x1b[1;7m"
	highlightOff = "\x1b[0m"
)

// Search writes the hits of rtp search. highlight marks the matched words
// (on a terminal only: a pipe gets the plain text); opts.Width, when set,
// shortens each passage to fit the line.
func Search(w io.Writer, format string, hits []rtp.SearchHit, highlight bool, opts Options) error {
	if err := CheckFormat(format, SearchFormats); err != nil {
		return err
	}
	switch format {
	case "json":
		plain := make([]rtp.SearchHit, len(hits))
		for i, h := range hits {
			h.Snippet = plainSnippet(h.Snippet)
			plain[i] = h
		}
		return writeJSON(w, plain)
	case "csv":
		cw := csv.NewWriter(w)
		cw.UseCRLF = true
		if err := cw.Write([]string{"recommendation", "kind", "entry_id", "private", "snippet"}); err != nil {
			return err
		}
		for _, h := range hits {
			if err := cw.Write([]string{CSVCell(h.RecommendationID), h.Kind, strconv.FormatInt(h.EntryID, 10), yesOrEmpty(h.Private), CSVCell(plainSnippet(h.Snippet))}); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	if len(hits) == 0 {
		_, err := io.WriteString(w, "No entry matches.\n")
		return err
	}
	// The passage is last and unpadded: its marks have no width.
	where := make([]string, len(hits))
	idWidth, whereWidth := 0, 0
	for i, h := range hits {
		where[i] = foundIn(h)
		idWidth = max(idWidth, twwidth.Width(Terminal(h.RecommendationID, false)))
		whereWidth = max(whereWidth, twwidth.Width(where[i]))
	}
	room := 0 // the passage's width; 0 for all of it
	if opts.Width > 0 {
		room = max(opts.Width-idWidth-whereWidth-4, 20)
	}
	var b strings.Builder
	for i, h := range hits {
		id := Terminal(h.RecommendationID, false)
		fmt.Fprintf(&b, "%s%s  %s%s  %s\n", id, strings.Repeat(" ", idWidth-twwidth.Width(id)),
			where[i], strings.Repeat(" ", whereWidth-twwidth.Width(where[i])), terminalSnippet(shortSnippet(h.Snippet, room), highlight))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// foundIn says where a hit was found: the entry, by the number other
// commands take.
func foundIn(h rtp.SearchHit) string {
	var s string
	switch h.Kind {
	case rtp.SearchRecommendation:
		s = "text"
	case rtp.SearchOwner:
		s = "owner (assignment " + strconv.FormatInt(h.EntryID, 10) + ")"
	default:
		s = h.Kind + " " + strconv.FormatInt(h.EntryID, 10)
	}
	if h.Private {
		s += " (private)"
	}
	return s
}

// shortSnippet cuts a passage to width columns of its text, with an
// ellipsis, closing a match it cuts; its marks take no width. 0 keeps it
// whole.
func shortSnippet(s string, width int) string {
	if width <= 0 || twwidth.Width(Terminal(plainSnippet(s), false)) <= width {
		return s
	}
	var b strings.Builder
	used, open := 0, false
	for _, r := range s {
		switch string(r) {
		case rtp.HighlightStart:
			open = true
			b.WriteRune(r)
			continue
		case rtp.HighlightEnd:
			open = false
			b.WriteRune(r)
			continue
		}
		w := twwidth.Width(Terminal(string(r), false))
		if used+w > width-1 {
			break
		}
		used += w
		b.WriteRune(r)
	}
	if open {
		b.WriteString(rtp.HighlightEnd)
	}
	return b.String() + "…"
}

// plainSnippet is the passage without its marks.
func plainSnippet(s string) string {
	return strings.NewReplacer(rtp.HighlightStart, "", rtp.HighlightEnd, "").Replace(s)
}

// terminalSnippet makes the passage safe for a terminal, its matches
// highlighted if asked.
func terminalSnippet(s string, highlight bool) string {
	on, off := "", ""
	if highlight {
		on, off = highlightOn, highlightOff
	}
	var b strings.Builder
	for i, part := range strings.Split(s, rtp.HighlightStart) {
		if i == 0 {
			b.WriteString(Terminal(plainSnippet(part), false))
			continue
		}
		match, rest, _ := strings.Cut(part, rtp.HighlightEnd)
		b.WriteString(on + Terminal(plainSnippet(match), false) + off + Terminal(plainSnippet(rest), false))
	}
	return b.String()
}
