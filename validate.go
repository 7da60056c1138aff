package rtp

import (
	"errors"
	"fmt"
	"strings"
)

// Every way into a tracker (flags, a spreadsheet, a merged export, the
// store itself) checks an entry with its Validate method, so that one rule
// and one message hold for each field. Problems name the field in the
// domain's words (status, note, as_of, by, ref, ...); a way in renames them
// to its own with Relabel. Validation that depends on the day takes today as
// an argument: the domain has no clock.
//
// An entry's recommendation is not checked by the New* types and
// Assignment: the tracker resolves what the user typed, and refuses a
// recommendation it does not hold.

// Problems is every problem found in an entry, a source document or an
// export, in the order found. errors.As finds the first; a way in that
// lists them all takes them with ProblemsOf.
type Problems []*Error

func (p Problems) Error() string {
	if len(p) == 1 {
		return p[0].Error()
	}
	return fmt.Sprintf("%s (and %s more)", p[0].Error(), CountOf(len(p)-1, "problem"))
}

// Unwrap gives errors.As and errors.Is every problem, first first.
func (p Problems) Unwrap() []error {
	errs := make([]error, len(p))
	for i, e := range p {
		errs[i] = e
	}
	return errs
}

func (p *Problems) add(e *Error) {
	if e != nil {
		*p = append(*p, e)
	}
}

// addAt adds each of more, its message preceded by where the problem is
// ("update 3 (uid)"), as an export or a file lists them.
func (p *Problems) addAt(where string, more Problems) {
	for _, e := range more {
		p.add(Errorf(EINVALID, "%s: %s", where, e.Error()))
	}
}

// err is nil without problems: a nil Problems must not become a non-nil error.
func (p Problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return p
}

// ProblemsOf lists the problems err holds: each of a Problems, or err
// itself when it is one problem.
func ProblemsOf(err error) []*Error {
	var list Problems
	if errors.As(err, &list) {
		return list
	}
	var e *Error
	if errors.As(err, &e) {
		return []*Error{e}
	}
	if err != nil {
		return []*Error{{Code: EINTERNAL, Message: err.Error()}}
	}
	return nil
}

// Messages lists the messages of the problems err holds.
func Messages(err error) []string {
	var out []string
	for _, e := range ProblemsOf(err) {
		out = append(out, e.Error())
	}
	return out
}

// ValidateBy checks the name of who records an entry, wherever it came from
// (a flag, the environment, the operating system's user name).
func ValidateBy(name string) error { return orNil(checkLine("by", name, MaxNameBytes)) }

// Validate checks an update before it is recorded: the status is one of the
// vocabulary or empty (the status in force is kept), and an update without
// a status has a note: evidence alone would record an empty note that
// reports list as a change; evidence fields are named evidence.ref,
// evidence.title and so on.
func (nu NewUpdate) Validate(today Date) error { return nu.problems(today).err() }

func (nu NewUpdate) problems(today Date) Problems {
	var p Problems
	if nu.Status != "" {
		p.add(checkStatus("status", string(nu.Status)))
	}
	p.add(checkText("note", nu.Note, MaxNoteBytes))
	p = append(p, actorProblems(nu)...)
	p = append(p, stampProblems(nu.AsOf, nu.By, today)...)
	for _, ne := range nu.Evidence {
		for _, e := range ne.problems(today) {
			named := *e
			named.Field = "evidence." + e.Field
			p.add(&named)
		}
	}
	// Last, so that what is wrong with evidence given is said first.
	if nu.Status == "" && strings.TrimSpace(nu.Note) == "" {
		p.add(FieldProblem("note", nu.Note, "is empty and no status is given: an update needs one or the other; "+
			"`rtp track evidence ID REF` records evidence on its own"))
	}
	return p
}

// ValidateStamp checks what every entry has, its as-of date and its
// author: for an import row that records nothing.
func ValidateStamp(asOf Date, by string, today Date) error {
	return stampProblems(asOf, by, today).err()
}

func stampProblems(asOf Date, by string, today Date) Problems {
	var p Problems
	p.add(checkDate("as_of", asOf, today))
	p.add(checkLine("by", by, MaxNameBytes))
	return p
}

// Validate checks evidence before it is recorded. An empty title means
// none; an empty date, the day of the update it comes with or the day it
// is recorded.
func (ne NewEvidence) Validate(today Date) error { return ne.problems(today).err() }

func (ne NewEvidence) problems(today Date) Problems {
	var p Problems
	p.add(refCheck(ne.recorded)("ref", ne.Ref))
	if ne.Title != "" {
		p.add(checkLine("title", ne.Title, MaxTitleBytes))
	}
	if ne.Date != "" {
		p.add(checkDate("date", ne.Date, today))
	}
	p.add(checkText("note", ne.Note, MaxNoteBytes))
	p.add(checkLine("by", ne.By, MaxNameBytes))
	return p
}

// Validate checks an assignment, or an unassignment (no role), before it
// is recorded.
func (a Assignment) Validate(today Date) error { return a.problems(today).err() }

func (a Assignment) problems(today Date) Problems {
	var p Problems
	p.add(checkLine("owner", a.Owner, MaxNameBytes))
	if a.Role != "" {
		p.add(checkRole("role", string(a.Role)))
	}
	p.add(checkDate("as_of", a.AsOf, today))
	p.add(checkLine("by", a.By, MaxNameBytes))
	return p
}

// Validate checks a retraction before it is recorded: it names one update
// or one piece of evidence, and says why.
func (nr NewRetraction) Validate(today Date) error {
	p := retractionProblems(nr.Reason, nr.AsOf, nr.By, today)
	if (nr.UpdateID > 0) == (nr.EvidenceID > 0) {
		p.add(errRetractsOne)
	}
	return p.err()
}

var errRetractsOne = Errorf(EINVALID, "a retraction names one update or one piece of evidence")

func retractionProblems(reason string, asOf Date, by string, today Date) Problems {
	var p Problems
	p.add(checkLine("reason", reason, MaxTitleBytes))
	p.add(checkDate("as_of", asOf, today))
	p.add(checkLine("by", by, MaxNameBytes))
	return p
}

// Validate checks a source document: the source's fields, and each
// recommendation's, with unique IDs and numbers. Every problem is listed.
func (doc Document) Validate(today Date) error { return doc.problems(today).err() }

func (doc Document) problems(today Date) Problems {
	var p Problems
	p.add(checkID("source id", doc.ID))
	p.add(checkLine("source title", doc.Title, MaxTitleBytes))
	p.add(checkLine("source kind", doc.Kind, MaxNameBytes))
	p.add(checkDate("source date", doc.Date, today))
	for _, o := range doc.Organisers {
		p.add(checkLine("organiser", o, MaxNameBytes))
	}
	p.add(checkText("source description", doc.Description, MaxNoteBytes))
	if len(doc.Recommendations) == 0 {
		p.add(Errorf(EINVALID, "the source has no recommendations"))
	}
	ids, numbers := map[string]int{}, map[int]string{}
	for i, r := range doc.Recommendations {
		where := fmt.Sprintf("recommendation %d", i+1)
		if err := checkID(where+" id", r.ID); err != nil {
			p.add(err)
		} else if j, dup := ids[r.ID]; dup {
			p.add(Errorf(EINVALID, "%s repeats the id %q of recommendation %d", where, r.ID, j))
		}
		ids[r.ID] = i + 1
		if r.Number < 1 {
			p.add(Errorf(EINVALID, "%s (%s) has number %d: numbers start at 1", where, r.ID, r.Number))
		} else if other, dup := numbers[r.Number]; dup {
			p.add(Errorf(EINVALID, "%s (%s) repeats number %d of %s", where, r.ID, r.Number, other))
		}
		numbers[r.Number] = r.ID
		p.add(checkLine(where+" heading", r.Heading, MaxNoteBytes))
		p.add(checkLine(where+" title", r.Title, MaxTitleBytes))
		if r.Section != "" {
			p.add(checkLine(where+" section", r.Section, MaxTitleBytes))
		}
		if strings.TrimSpace(r.Text) == "" {
			p.add(Errorf(EINVALID, "%s has no text", where))
		}
		p.add(checkText(where+" text", r.Text, MaxNoteBytes))
		for _, a := range r.Actors {
			p.add(checkLine(where+" actor", a, MaxNameBytes))
		}
		for _, th := range r.Themes {
			p.add(checkLine(where+" theme", th, MaxNameBytes))
		}
	}
	for _, r := range doc.Recommendations {
		if r.Source != "" && r.Source != doc.ID {
			p.add(Errorf(EINVALID, "recommendation %s says it belongs to %s", r.ID, r.Source))
		}
	}
	return p
}

// ValidateImport checks every row of a spreadsheet import by the rules of
// what it records, naming the line of each problem.
func ValidateImport(rows []ImportRow, today Date) error {
	var p Problems
	for _, row := range rows {
		var entries Problems
		if row.Update != nil {
			entries = append(entries, row.Update.problems(today)...)
		}
		for _, ne := range row.Evidence {
			entries = append(entries, ne.problems(today)...)
		}
		if row.Assignment != nil {
			entries = append(entries, row.Assignment.problems(today)...)
		}
		p.addAt(fmt.Sprintf("line %d", row.Line), entries)
	}
	return p.err()
}

// CountOf writes n and its noun, in the plural unless n is 1: "1 problem",
// "5 problems".
func CountOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
