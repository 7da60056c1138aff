package rtp

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A recurring check is a question asked again every period, such as "Is
// RtoP on the formal agenda of this GA session?": the memo's own example of
// follow-up that is not a one-off status. Each period gets its answer
// (append-only, retractable and amendable); a period whose due day has
// passed without an answer is missing.

// Cadence is how often a check is asked.
type Cadence string

// The cadences. A session is a session of the UN General Assembly: session
// N opens in September of year N+1945 (the 72nd in September 2017) and
// runs until the next one opens; its periods are written "72". Years are
// written "2024", quarters "2024-Q1" and months "2024-03".
const (
	EveryYear    Cadence = "year"
	EverySession Cadence = "session"
	EveryQuarter Cadence = "quarter"
	EveryMonth   Cadence = "month"
)

// Cadences lists the cadences, longest first.
var Cadences = []Cadence{EveryYear, EverySession, EveryQuarter, EveryMonth}

// Answer is the answer a check got for one period.
type Answer string

// The answer vocabulary.
const (
	AnswerYes    Answer = "yes"
	AnswerNo     Answer = "no"
	AnswerPartly Answer = "partly"
	AnswerNA     Answer = "n/a"
)

// Answers lists the answer vocabulary.
var Answers = []Answer{AnswerYes, AnswerNo, AnswerPartly, AnswerNA}

// AnswerSymbols are the symbols of answers in Markdown and CSV matrices;
// AnswerMissing marks a period due and unanswered.
var AnswerSymbols = map[Answer]string{AnswerYes: "✓", AnswerNo: "✗", AnswerPartly: "◐", AnswerNA: "–"}

// AnswerMissing is the symbol of a period due and unanswered.
const AnswerMissing = "?"

// CheckLegend says what the matrix symbols mean, for every report that shows them.
const CheckLegend = "✓ yes, ✗ no, ◐ partly, – n/a, ? due and unanswered"

// Check is a recurring question about a recommendation.
type Check struct {
	ID               string    `json:"id"` // typed by people: "ga-agenda-session"
	UID              string    `json:"uid"`
	RecommendationID string    `json:"recommendation"`
	Question         string    `json:"question"`
	Every            Cadence   `json:"every"`
	Due              string    `json:"due"`  // MM-DD: see DueDay
	From             string    `json:"from"` // the first period asked
	By               string    `json:"by"`
	RecordedAt       time.Time `json:"recorded_at"`
}

// NewCheck is what `rtp check add` asks the store to record.
type NewCheck struct {
	ID               string
	RecommendationID string
	Question         string
	Every            Cadence
	Due              string
	From             string
	By               string
}

// Validate checks a new check's fields; the store checks that its
// recommendation exists and its ID is free.
func (nc NewCheck) Validate(today Date) error {
	var p Problems
	p.add(checkID("id", nc.ID))
	p.add(checkID("recommendation", nc.RecommendationID))
	p.add(checkLine("question", nc.Question, MaxTitleBytes))
	p.add(checkLine("by", nc.By, MaxNameBytes))
	if !slices.Contains(Cadences, nc.Every) {
		p.add(FieldError("every", string(nc.Every), "use one of %s", joinNames(Cadences)))
		return p.err()
	}
	p.add(checkDue("due", nc.Due))
	if from, err := ParsePeriod(nc.Every, nc.From); err != nil {
		p.add(FieldError("from", nc.From, "%s", err.Problem))
	} else if from.Start() > today {
		p.add(FieldError("from", nc.From, "it has not begun yet (today is %s)", today))
	}
	return p.err()
}

// CheckAnswer is one answer to a check for one period.
type CheckAnswer struct {
	ID         int64       `json:"id"`
	UID        string      `json:"uid"`
	CheckID    string      `json:"check"`
	Period     string      `json:"period"`
	Answer     Answer      `json:"answer"`
	Note       string      `json:"note,omitempty"`
	Evidence   string      `json:"evidence,omitempty"`
	AsOf       Date        `json:"as_of"`
	By         string      `json:"by"`
	RecordedAt time.Time   `json:"recorded_at"`
	Amends     int64       `json:"amends,omitempty"`
	Retracted  *Retraction `json:"retracted,omitempty"`
}

// NewCheckAnswer is what `rtp check record` asks the store to record.
type NewCheckAnswer struct {
	CheckID  string
	Period   string
	Answer   Answer
	Note     string
	Evidence string // a URL or citation, or empty
	AsOf     Date
	By       string
	recorded bool // already in a history: see NewEvidence.recorded
}

// Validate checks an answer's own fields; the period is checked against
// its check's cadence by ValidateFor.
func (na NewCheckAnswer) Validate(today Date) error { return na.problems(today).err() }

func (na NewCheckAnswer) problems(today Date) Problems {
	var p Problems
	p.add(checkID("check", na.CheckID))
	if !slices.Contains(Answers, na.Answer) {
		p.add(FieldError("answer", string(na.Answer), "use one of %s", joinNames(Answers)))
	}
	p.add(checkText("note", na.Note, MaxNoteBytes))
	if na.Evidence != "" {
		p.add(refCheck(na.recorded)("evidence", na.Evidence))
	}
	return append(p, stampProblems(na.AsOf, na.By, today)...)
}

// ValidateFor checks the answer's period against the check it answers:
// it fits the cadence, is not before the check's first period, and has
// begun on the answer's day.
func (na NewCheckAnswer) ValidateFor(c Check, today Date) error {
	p := na.problems(today)
	p.add(periodProblem(c, na.Period, na.AsOf))
	return p.err()
}

func periodProblem(c Check, period string, asOf Date) *Error {
	pr, err := ParsePeriod(c.Every, period)
	if err != nil {
		return err
	}
	if from, ferr := ParsePeriod(c.Every, c.From); ferr == nil && pr.index < from.index {
		return FieldError("period", period, "check %s is asked from %s on", c.ID, c.From)
	}
	if pr.Start() > asOf {
		return FieldError("period", period, "it begins on %s, after the answer's day %s", pr.Start(), asOf)
	}
	return nil
}

// NewCheckRetraction says that an answer was a mistake.
type NewCheckRetraction struct {
	AnswerID int64
	Reason   string
	AsOf     Date
	By       string
}

// Validate checks a retraction of an answer.
func (nr NewCheckRetraction) Validate(today Date) error {
	p := retractionProblems(nr.Reason, nr.AsOf, nr.By, today)
	if nr.AnswerID <= 0 {
		p.add(Errorf(EINVALID, "a retraction names one answer"))
	}
	return p.err()
}

// NewCheckAmendment corrects an answer: the fields given (nil: copied)
// are recorded in a new answer naming the old, which is retracted with it.
type NewCheckAmendment struct {
	AnswerID int64
	Period   *string
	Answer   *Answer
	Note     *string
	Evidence *string
	AsOf     *Date
	Reason   string // empty: DefaultAmendReason
	By       string
}

// Validate checks that the amendment changes something, each field by the
// rules of a new answer; Apply gives the answer it records.
func (na NewCheckAmendment) Validate(today Date) error {
	var p Problems
	if na.AnswerID <= 0 {
		p.add(Errorf(EINVALID, "an amendment names one answer"))
	}
	if na.Period == nil && na.Answer == nil && na.Note == nil && na.Evidence == nil && na.AsOf == nil {
		p.add(Errorf(EINVALID, "nothing to amend: give at least one field to change"))
	}
	if na.Reason != "" {
		p.add(checkLine("reason", na.Reason, MaxTitleBytes))
	}
	p.add(checkLine("by", na.By, MaxNameBytes))
	if na.AsOf != nil {
		p.add(checkDate("as_of", *na.AsOf, today))
	}
	return p.err()
}

// Apply returns the answer the amendment records in place of old.
func (na NewCheckAmendment) Apply(old CheckAnswer) NewCheckAnswer {
	n := NewCheckAnswer{CheckID: old.CheckID, Period: old.Period, Answer: old.Answer, Note: old.Note,
		Evidence: old.Evidence, AsOf: old.AsOf, By: na.By}
	if na.Period != nil {
		n.Period = *na.Period
	}
	if na.Answer != nil {
		n.Answer = *na.Answer
	}
	if na.Note != nil {
		n.Note = *na.Note
	}
	if na.Evidence != nil {
		n.Evidence = *na.Evidence
	}
	if na.AsOf != nil {
		n.AsOf = *na.AsOf
	}
	return n
}

// Period is one period of a cadence: a year, a GA session, a quarter or a
// month, numbered so that the next one is index+1.
type Period struct {
	Every Cadence
	index int
}

var periodPatterns = sync.OnceValue(func() map[Cadence]*regexp.Regexp {
	return map[Cadence]*regexp.Regexp{
		EveryYear:    regexp.MustCompile(`^([0-9]{4})$`),
		EverySession: regexp.MustCompile(`^([1-9][0-9]{0,2})$`),
		EveryQuarter: regexp.MustCompile(`^([0-9]{4})-Q([0-9])$`),
		EveryMonth:   regexp.MustCompile(`^([0-9]{4})-([0-9]{2})$`),
	}
})

var periodExamples = map[Cadence]string{
	EveryYear: "a year such as 2024", EverySession: "a GA session number such as 72 (September 2017 on)",
	EveryQuarter: "a quarter such as 2024-Q1", EveryMonth: "a month such as 2024-03",
}

// The first GA session (1946: rtp counts session N from September of
// N+1945) and the years a period may fall in.
const firstYear, lastYear = 1900, 2999

// ParsePeriod reads a period of cadence every; the error is a field error
// on "period" saying what the cadence's periods look like.
func ParsePeriod(every Cadence, s string) (Period, *Error) {
	re, ok := periodPatterns()[every]
	if !ok {
		return Period{}, FieldError("every", string(every), "use one of %s", joinNames(Cadences))
	}
	bad := FieldError("period", s, "checks asked every %s take %s", every, periodExamples[every])
	m := re.FindStringSubmatch(s)
	if m == nil {
		return Period{}, bad
	}
	n, _ := strconv.Atoi(m[1])
	p := Period{Every: every}
	switch every {
	case EveryYear:
		p.index = n
	case EverySession:
		p.index = n
		n += 1945
	case EveryQuarter:
		q, _ := strconv.Atoi(m[2])
		if q < 1 || q > 4 {
			return Period{}, bad
		}
		p.index = n*4 + q - 1
	case EveryMonth:
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return Period{}, bad
		}
		p.index = n*12 + mo - 1
	}
	if n < firstYear || n > lastYear {
		return Period{}, FieldError("period", s, "periods fall between %d and %d", firstYear, lastYear)
	}
	return p, nil
}

// PeriodOn returns the period of cadence every that day falls in.
func PeriodOn(every Cadence, day Date) Period {
	t := day.Time()
	y, m := t.Year(), int(t.Month())
	switch every {
	case EverySession:
		if m < 9 {
			y--
		}
		return Period{every, y - 1945}
	case EveryQuarter:
		return Period{every, y*4 + (m-1)/3}
	case EveryMonth:
		return Period{every, y*12 + m - 1}
	}
	return Period{EveryYear, y}
}

// String writes the period as ParsePeriod reads it.
func (p Period) String() string {
	switch p.Every {
	case EverySession:
		return strconv.Itoa(p.index)
	case EveryQuarter:
		return fmt.Sprintf("%04d-Q%d", p.index/4, p.index%4+1)
	case EveryMonth:
		return fmt.Sprintf("%04d-%02d", p.index/12, p.index%12+1)
	}
	return fmt.Sprintf("%04d", p.index)
}

// Next returns the period after p.
func (p Period) Next() Period { return Period{p.Every, p.index + 1} }

// startMonth is the year and month the period begins in.
func (p Period) startMonth() (int, time.Month) {
	switch p.Every {
	case EverySession:
		return p.index + 1945, time.September
	case EveryQuarter:
		return p.index / 4, time.Month(p.index%4*3 + 1)
	case EveryMonth:
		return p.index / 12, time.Month(p.index%12 + 1)
	}
	return p.index, time.January
}

// Start is the period's first day (a session's: 1 September; it opens on
// the third Tuesday, but is asked of from the month on).
func (p Period) Start() Date {
	y, m := p.startMonth()
	return DateOf(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC))
}

// DueDay is the day the period's answer is due, by the check's due, MM-DD:
// for a year, that day of the year; for a session, the first such day on
// or after the session opens (09-30: in September of the opening year;
// 06-30: in June of the next); for a quarter or a month, MM counts months
// from the period's first (01-15: the 15th of its first month, 04-15: of
// the month after a quarter ends). A day past a month's end is its last day.
func (p Period) DueDay(due string) Date {
	mm, dd, ok := dueParts(due)
	if !ok {
		mm, dd = 12, 31 // refused on the way in: the period's last day
	}
	y, m := p.startMonth()
	switch p.Every {
	case EveryYear:
		m = time.Month(mm)
	case EverySession:
		if mm < 9 {
			y++
		}
		m = time.Month(mm)
	default:
		m += time.Month(mm - 1)
	}
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return DateOf(first.AddDate(0, 0, min(dd, last)-1))
}

var duePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]{2})-([0-9]{2})$`) })

// dueParts reads a due day, MM-DD; ok is false when it is not of that form.
func dueParts(due string) (mm, dd int, ok bool) {
	m := duePattern().FindStringSubmatch(due)
	if m == nil {
		return 0, 0, false
	}
	mm, _ = strconv.Atoi(m[1])
	dd, _ = strconv.Atoi(m[2])
	return mm, dd, true
}

func checkDue(field, due string) *Error {
	mm, dd, ok := dueParts(due)
	if !ok {
		return FieldError(field, due, "give the due day as MM-DD, such as 09-30")
	}
	// A leap year's month lengths: 02-29 is due on the 28th in other years.
	if mm < 1 || mm > 12 || dd < 1 || dd > time.Date(2024, time.Month(mm)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return FieldError(field, due, "there is no such day: give MM-DD, such as 09-30")
	}
	return nil
}

// PeriodAnswer is one period of a check as a list shows it: its due day
// and its answer, nil when it has none.
type PeriodAnswer struct {
	Period string       `json:"period"`
	Due    Date         `json:"due"`
	Answer *CheckAnswer `json:"answer,omitempty"`
}

// Missing reports whether the period was due on day and has no answer.
func (cp PeriodAnswer) Missing(day Date) bool { return cp.Answer == nil && cp.Due <= day }

// CheckStatus is a check with its periods on a day: every period from its
// first to the last one due by the day, and any later one answered.
type CheckStatus struct {
	Check
	Periods []PeriodAnswer `json:"periods"`
}

// CheckPeriods works out a check's periods on day from its answers (those
// that count on day: not retracted, dated on or before it): each period's
// answer is its latest by (as_of, recorded_at, uid).
func CheckPeriods(c Check, answers []CheckAnswer, day Date) CheckStatus {
	latest := map[string]CheckAnswer{}
	for _, a := range answers {
		if a.CheckID != c.ID || a.AsOf > day || a.Retracted != nil {
			continue
		}
		if b, ok := latest[a.Period]; !ok || answerBefore(b, a) {
			latest[a.Period] = a
		}
	}
	cs := CheckStatus{Check: c}
	p, err := ParsePeriod(c.Every, c.From)
	if err != nil {
		return cs
	}
	for ; p.Start() <= day; p = p.Next() {
		_, answered := latest[p.String()]
		if !answered && p.DueDay(c.Due) > day {
			continue // not due yet: a later period may be answered already
		}
		cp := PeriodAnswer{Period: p.String(), Due: p.DueDay(c.Due)}
		if a, ok := latest[cp.Period]; ok {
			cp.Answer = &a
		}
		cs.Periods = append(cs.Periods, cp)
	}
	return cs
}

func answerBefore(a, b CheckAnswer) bool {
	if a.AsOf != b.AsOf {
		return a.AsOf < b.AsOf
	}
	if !a.RecordedAt.Equal(b.RecordedAt) {
		return a.RecordedAt.Before(b.RecordedAt)
	}
	return a.UID < b.UID
}

// CheckDue is a period of a check coming due (or overdue) and unanswered:
// what `rtp due` lists and writes into calendars.
type CheckDue struct {
	CheckID          string `json:"check"`
	RecommendationID string `json:"recommendation"`
	Question         string `json:"question"`
	Period           string `json:"period"`
	Due              Date   `json:"due"`
	Overdue          bool   `json:"overdue"` // due before today
}

// ChecksDue lists the unanswered periods of checks due on or before until,
// by due day: those due before today are overdue. answers are every answer
// known (retracted ones are skipped).
func ChecksDue(checks []Check, answers []CheckAnswer, today, until Date) []CheckDue {
	var out []CheckDue
	for _, c := range checks {
		cs := CheckPeriods(c, answers, until)
		for _, cp := range cs.Periods {
			if cp.Answer == nil {
				out = append(out, CheckDue{CheckID: c.ID, RecommendationID: c.RecommendationID, Question: c.Question,
					Period: cp.Period, Due: cp.Due, Overdue: cp.Due < today})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b CheckDue) int {
		return strings.Compare(string(a.Due)+a.CheckID, string(b.Due)+b.CheckID)
	})
	return out
}

// CheckKeeper is a tracker that keeps recurring checks: both stores do.
// It is apart from Tracker so that checks could be added without changing
// every implementation at once.
type CheckKeeper interface {
	AddCheck(ctx context.Context, nc NewCheck) (Check, error)
	RecordCheckAnswer(ctx context.Context, na NewCheckAnswer) (CheckAnswer, error)
	RetractCheckAnswer(ctx context.Context, nr NewCheckRetraction) (CheckAnswer, error)
	AmendCheckAnswer(ctx context.Context, na NewCheckAmendment) (old, amended CheckAnswer, err error)
	// Checks returns every check, by ID, with every answer recorded
	// (retracted ones marked), as known at moment known: what was received
	// later is left out, a retraction too.
	Checks(ctx context.Context, known Moment) ([]Check, []CheckAnswer, error)
}
