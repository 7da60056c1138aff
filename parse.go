package rtp

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Date is a calendar day written YYYY-MM-DD. Written that way, dates sort as
// text, which is how SQLite compares them.
type Date string

// DateLayout is the only date format rtp reads and writes.
const DateLayout = "2006-01-02"

// EarliestDate guards against typos such as 0217-09-15; it is older than any
// document an RtoP tracker cites.
const EarliestDate Date = "1900-01-01"

// Limits on free text, so that a runaway pipe cannot fill the tracker.
const (
	MaxNoteBytes  = 64 << 10
	MaxNameBytes  = 200
	MaxTitleBytes = 500
	MaxRefBytes   = 2048
)

// DateOf returns the calendar day of t in UTC, whatever t's location. It is
// rtp's one rule for what day it is: entries are recorded with a UTC time
// (recorded_at), so "today" is the UTC day of now everywhere (default dates,
// what counts as "in the future", stale cutoffs, the dates of imports and
// evidence). East of UTC the local day can be a day ahead: taking it would
// date an entry after it was recorded, which db check rejects and every
// colleague's tracker refuses as "in the future".
func DateOf(t time.Time) Date { return Date(t.UTC().Format(DateLayout)) }

// Time returns midnight UTC at the start of d. d must be valid.
func (d Date) Time() time.Time {
	t, _ := time.Parse(DateLayout, string(d))
	return t
}

// The patterns are compiled on first use, not at start-up: most commands
// need none of them.
var datePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`) })

// ParseDate reads a YYYY-MM-DD date given for label (a flag such as
// "--as-of"). The day must exist, and lie between EarliestDate and today.
func ParseDate(label, s string, today Date) (Date, error) {
	if err := checkDate(label, Date(s), today); err != nil {
		return "", err
	}
	return Date(s), nil
}

func checkDate(field string, d Date, today Date) *Error {
	s := string(d)
	if !datePattern().MatchString(s) {
		return FieldError(field, s, "dates are written YYYY-MM-DD, e.g. 2017-09-15")
	}
	if _, err := time.Parse(DateLayout, s); err != nil {
		return FieldError(field, s, "there is no such day")
	}
	if d < EarliestDate {
		return FieldError(field, s, "dates before %s are not accepted", EarliestDate)
	}
	if d > today {
		return FieldError(field, s, "it is in the future (today is %s)", today)
	}
	return nil
}

var durationPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([1-9][0-9]{0,4})([dwmy])$`) })

// wordyPeriod is a period written out, as people say it: "6 months", "90 days".
var wordyPeriod = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s*([1-9][0-9]{0,4})\s*(d|days?|w|wks?|weeks?|m|mos?|months?|y|yrs?|years?)\s*$`)
})

// CheckPeriod checks a period such as 90d, 12w, 6m or 1y given for label;
// one written out ("6 months") is refused with the short form as a hint.
func CheckPeriod(label, s string) error {
	if durationPattern().MatchString(s) {
		return nil
	}
	e := FieldError(label, s, "use a whole number and a unit d, w, m or y, e.g. 90d, 6m, 1y")
	if m := wordyPeriod().FindStringSubmatch(s); m != nil {
		e.Hint = fmt.Sprintf("(did you mean %s %s?)", label, m[1]+strings.ToLower(m[2][:1]))
	}
	return e
}

// StaleCutoff reads a duration such as 90d, 12w, 6m or 1y given for label and
// returns the day that far before asOf: updates older than it are stale.
func StaleCutoff(label, s string, asOf Date) (Date, error) {
	if err := CheckPeriod(label, s); err != nil {
		return "", err
	}
	cutoff := shiftByPeriod(asOf, s, -1)
	if cutoff < EarliestDate {
		return "", Errorf(EINVALID, "invalid %s %q: it reaches back before %s", label, s, EarliestDate)
	}
	return cutoff, nil
}

// shiftByPeriod returns day moved by the period s (checked by
// CheckPeriod) forwards (sign 1) or backwards (-1).
func shiftByPeriod(day Date, s string, sign int) Date {
	m := durationPattern().FindStringSubmatch(s)
	n, _ := strconv.Atoi(m[1])
	n *= sign
	t := day.Time()
	switch m[2] {
	case "d":
		t = t.AddDate(0, 0, n)
	case "w":
		t = t.AddDate(0, 0, 7*n)
	case "m":
		t = t.AddDate(0, n, 0)
	case "y":
		t = t.AddDate(n, 0, 0)
	}
	return DateOf(t)
}

// ParseStatus reads a status from the vocabulary, exactly as written there.
func ParseStatus(label, s string) (Status, error) {
	if err := checkStatus(label, s); err != nil {
		return "", err
	}
	return Status(s), nil
}

func checkStatus(field, s string) *Error {
	for _, st := range Statuses {
		if s == string(st) {
			return nil
		}
	}
	return withSuggestion(FieldError(field, s, "use one of %s", joinNames(Statuses)), s, Statuses)
}

// withSuggestion adds to e the name s was most likely meant to be
// (Suggest).
func withSuggestion[T ~string](e *Error, s string, names []T) *Error {
	if best := Suggest(s, names); best != "" {
		e.Hint = fmt.Sprintf("(did you mean %q?)", best)
	}
	return e
}

// Suggest returns the name s was most likely meant to be: the one nearest
// by edit distance, ignoring case and spaces around, when it is near enough
// (a typo, not another word) and no other name is as near; "" otherwise.
func Suggest[T ~string](s string, names []T) string {
	typed := strings.ToLower(strings.TrimSpace(s))
	best, bestDistance, tie := "", -1, false
	for _, n := range names {
		name := string(n)
		d := editDistance(typed, name)
		switch {
		case bestDistance < 0 || d < bestDistance:
			best, bestDistance, tie = name, d, false
		case d == bestDistance:
			tie = true
		}
	}
	if best != "" && !tie && bestDistance <= 2 && bestDistance < utf8.RuneCountInString(best)/2 {
		return best
	}
	return ""
}

// editDistance is the number of runes to insert, delete, change or swap
// with the next (optimal string alignment: "laed" is one from "lead").
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// ParseStatuses reads a comma-separated list of statuses, as from a repeated
// or comma-separated --status flag.
func ParseStatuses(label string, values []string) ([]Status, error) {
	var out []Status
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			st, err := ParseStatus(label, part)
			if err != nil {
				return nil, err
			}
			out = append(out, st)
		}
	}
	return out, nil
}

// joinNames lists names as messages give them: "a, b, c".
func joinNames[T ~string](list []T) string {
	parts := make([]string, len(list))
	for i, v := range list {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

// ParseRole reads an owner role.
func ParseRole(label, s string) (Role, error) {
	if err := checkRole(label, s); err != nil {
		return "", err
	}
	return Role(s), nil
}

func checkRole(field, s string) *Error {
	for _, r := range Roles {
		if s == string(r) {
			return nil
		}
	}
	return withSuggestion(FieldError(field, s, "use lead, support or monitor"), s, Roles)
}

// CheckText accepts free text such as a note: valid UTF-8, no NUL byte, at
// most max bytes. Newlines and other characters are stored as given.
func CheckText(label, s string, max int) error { return orNil(checkText(label, s, max)) }

func checkText(field, s string, max int) *Error {
	if len(s) > max {
		return FieldProblem(field, s, "is %d bytes long: the limit is %d", len(s), max)
	}
	if !utf8.ValidString(s) {
		return FieldProblem(field, s, "is not valid UTF-8 text (%s)", firstInvalidByte(s))
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		return FieldProblem(field, s, "contains a NUL byte at offset %d: text may not contain NUL", i)
	}
	return nil
}

func firstInvalidByte(s string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Sprintf("byte 0x%02x at offset %d", s[i], i)
		}
		i += size
	}
	return "no invalid byte"
}

// CheckLine accepts a one-line value such as a name or a title: text that is
// not empty, has no control characters, no invisible characters (IsInvisible)
// and no word mixing lookalike alphabets, and does not start or end with
// spaces: two values that look the same are the same.
func CheckLine(label, s string, max int) error { return orNil(checkLine(label, s, max)) }

func checkLine(field, s string, max int) *Error {
	if err := checkText(field, s, max); err != nil {
		return err
	}
	if strings.TrimSpace(s) == "" {
		return FieldProblem(field, s, "is empty: give a value")
	}
	if strings.TrimSpace(s) != s {
		return FieldError(field, s, "remove the spaces at its start or end")
	}
	if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
		return FieldError(field, s, "control characters such as line breaks are not allowed")
	}
	if i := strings.IndexFunc(s, IsInvisible); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return FieldError(field, s, "it contains %s, an invisible character: remove it", CharName(r))
	}
	if problem := lookalikeProblem(s); problem != "" {
		return FieldError(field, s, "%s", problem)
	}
	return nil
}

var (
	schemePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:[^ ]`) })
	// Schemes that run code or read local files are refused even where a
	// space after the colon would make the text look like a citation.
	dangerousScheme = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^\s*(javascript|vbscript|data|file)\s*:`) })
)

// CheckRef accepts an evidence reference typed or imported now: an http or
// https URL, or a citation such as the UN document symbol A/RES/72/1.
// Anything that looks like another kind of link (javascript:, file:,
// mailto:) is refused, because reports turn references into links; so is a
// web address without its scheme (www.globalr2p.org), with the https://
// address to give instead, and a link with a typo (https// without its
// colon, a comma in its host name) that would print as a dead link.
func CheckRef(label, s string) error { return orNil(checkNewRef(label, s)) }

// refCheck is the rule for an evidence reference: checkRef for one already
// in a history, checkNewRef for new input.
func refCheck(recorded bool) func(field, s string) *Error {
	if recorded {
		return checkRef
	}
	return checkNewRef
}

// checkNewRef is checkRef with the typo checks added on 2026-11-30. An
// entry recorded before them stays valid, so that a tracker that held one
// can still be checked and merged: history cannot be edited, only added to.
func checkNewRef(field, s string) *Error {
	if err := checkRef(field, s); err != nil {
		return err
	}
	if lower := strings.ToLower(s); strings.HasPrefix(lower, "http//") || strings.HasPrefix(lower, "https//") {
		// A link typed without its colon would be kept as a citation
		// that no report links.
		scheme, rest, _ := strings.Cut(s, "//")
		return FieldError(field, s, "the link lacks the colon after %s: give %s://%s", scheme, scheme, rest)
	}
	if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") && !validHost(u.Hostname()) {
		return FieldError(field, s, "%q is not a host name: use letters, digits, hyphens and dots between them, such as undocs.org", u.Hostname())
	}
	return nil
}

// checkRef is the rule every evidence reference in a history meets.
func checkRef(field, s string) *Error {
	if err := checkLine(field, s, MaxRefBytes); err != nil {
		return err
	}
	if schemelessWebAddress().MatchString(s) {
		// Stored as it is, it would be a citation that no report links.
		return FieldError(field, s, "a web address needs its scheme: give https://%s", s)
	}
	if !schemePattern().MatchString(s) && !dangerousScheme().MatchString(s) {
		return nil // a citation
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return FieldError(field, s, "links must start with http:// or https://; otherwise give a citation such as A/RES/72/1")
	}
	if u.Host == "" {
		return FieldError(field, s, "the link has no host name")
	}
	return nil
}

// validHost accepts an IP address or a host name whose labels, between
// single dots, are letters and marks (any script: internationalised
// names), digits, hyphens and underscores. URL syntax allows commas and
// other punctuation there, so a typo such as undocs,org would otherwise
// become a link that reports print and nobody can follow.
func validHost(host string) bool {
	if address, _, _ := strings.Cut(host, "%"); net.ParseIP(address) != nil { // an IPv6 zone follows %
		return true
	}
	host = strings.TrimSuffix(host, ".") // a fully qualified name
	for label := range strings.SplitSeq(host, ".") {
		if label == "" || strings.IndexFunc(label, func(r rune) bool {
			// Marks: the vowel signs of Indic and Thai names.
			return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) && r != '-' && r != '_'
		}) >= 0 {
			return false
		}
	}
	return true
}

var (
	idPattern     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })
	numberPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+$`) })
)

// CheckID accepts a source or recommendation ID: lower-case letters and
// digits in words joined by single hyphens, at most 64 characters, so that
// people can type it and it never looks like a number or a flag.
func CheckID(label, id string) error { return orNil(checkID(label, id)) }

func checkID(field, id string) *Error {
	if len(id) > 64 || !idPattern().MatchString(id) || numberPattern().MatchString(id) {
		return FieldError(field, id, "use lower-case letters, digits and single hyphens, such as ga-agenda, at most 64 characters, not only digits")
	}
	return nil
}

// orNil keeps a nil *Error from becoming a non-nil error.
func orNil(e *Error) error {
	if e == nil {
		return nil
	}
	return e
}
