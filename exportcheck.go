package rtp

import (
	"fmt"
	"time"
)

// ExportChecker checks a tracker in its exchange form, entry by entry as it
// is read: each entry by the rules of what it records, and the rules that tie
// entries together. Merges check what they receive with it and `rtp db
// check` checks what is stored with it, so that a tracker never accepts what
// its own check would flag. It is an ExportVisitor: a tracker streams into
// it, sources first, then updates, assignments, evidence and retractions.
type ExportChecker struct {
	today Date
	// made maps each recommendation to its source's date; whole says it
	// holds every recommendation an entry may name.
	made  map[string]Date
	whole bool
	// uids maps each uid seen to the last entry that used it and, when an
	// update used it, the update's recommendation (an index in recs, from
	// 1). That is all the rules across entries need of the entries, kept
	// compact: a merge checks a file of a million updates without holding
	// them.
	uids     map[string]entryRef
	recs     []string
	recIndex map[string]uint32
	counts   map[string]int
	problems Problems
	// amendments are the entries that amend another, checked at the end:
	// the one amended may come later in the same second, and retractions
	// come after every update and piece of evidence. retracted holds the
	// uids amended that a retraction retracts.
	amendments []amendment
	amended    map[string]bool
	retracted  map[string]bool
}

// amendment is an entry that amends another: where it is ("update 3
// (uid)"), its kind and recommendation, and the uid it amends.
type amendment struct {
	where, kind, rec, amends string
}

// entryRef names an entry as "update 3": its kind and its number among the
// entries of that kind; rec is the recommendation of the last update of its
// uid, 0 if none.
type entryRef struct {
	kind uint8
	n    uint32
	rec  uint32
}

// entryKinds are the kinds of entry an entryRef names.
var entryKinds = []string{"update", "assignment", "evidence", "retraction", "rename", "target"}

func kindIndex(kind string) uint8 {
	for i, k := range entryKinds {
		if k == kind {
			return uint8(i)
		}
	}
	panic("rtp: unknown entry kind " + kind)
}

// NewExportChecker checks entries recorded on or before today. held maps the
// recommendations a receiving tracker already holds to their source's date;
// nil when the entries may name recommendations held elsewhere, which are
// then not checked.
func NewExportChecker(today Date, held map[string]Date) *ExportChecker {
	c := &ExportChecker{today: today, made: map[string]Date{}, whole: held != nil,
		uids: map[string]entryRef{}, recIndex: map[string]uint32{}, counts: map[string]int{},
		amended: map[string]bool{}, retracted: map[string]bool{}}
	for id, d := range held {
		c.made[id] = d
	}
	return c
}

// Err lists every problem found so far, with those of the amendments seen
// (which need the whole export); nil if none.
func (c *ExportChecker) Err() error {
	return append(append(Problems(nil), c.problems...), c.amendmentProblems()...).err()
}

// amendmentProblems checks each amendment against the entry it amends,
// when the export holds it (a tracker merged into may hold it instead): of
// the same kind, of the same recommendation, and retracted.
func (c *ExportChecker) amendmentProblems() Problems {
	var p Problems
	for _, a := range c.amendments {
		ref, seen := c.uids[a.amends]
		switch {
		case !seen:
		case entryKinds[ref.kind] != a.kind:
			p.add(Errorf(EINVALID, "%s: it amends %s, which is not %s", a.where, a.amends, Article(a.kind)))
		case ref.rec != 0 && c.recs[ref.rec-1] != a.rec:
			p.add(Errorf(EINVALID, "%s: it amends %s, which belongs to %s, not %s", a.where, a.amends, c.recs[ref.rec-1], a.rec))
		case !c.retracted[a.amends]:
			p.add(Errorf(EINVALID, "%s: it amends %s, which no retraction retracts", a.where, a.amends))
		}
	}
	return p
}

// Article is an entry kind with its article: "an update", "evidence".
func Article(kind string) string {
	if kind == "update" {
		return "an update"
	}
	return kind
}

// recommendation numbers a recommendation from 1, for entryRef.rec.
func (c *ExportChecker) recommendation(id string) uint32 {
	rec, ok := c.recIndex[id]
	if !ok {
		c.recs = append(c.recs, id)
		rec = uint32(len(c.recs))
		c.recIndex[id] = rec
	}
	return rec
}

// Len is how many problems the checker has found so far.
func (c *ExportChecker) Len() int { return len(c.problems) }

// Sources checks each source and learns when its recommendations were made.
func (c *ExportChecker) Sources(list []ExportSource) error {
	for i, src := range list {
		c.problems.addAt(fmt.Sprintf("source %d (%s)", i+1, src.ID), src.problems(c.today))
		for _, r := range src.Recommendations {
			c.made[r.ID] = src.Date
		}
	}
	return nil
}

// Update checks an update.
func (c *ExportChecker) Update(u ExportUpdate) error {
	p := u.problems(c.today)
	p = append(p, c.timeline(u.RecommendationID, "as_of", u.AsOf, u.RecordedAt, true)...)
	c.amendable("update", u.UID, u.RecommendationID, u.Amends, p)
	return nil
}

// Assignment checks an assignment or unassignment.
func (c *ExportChecker) Assignment(a ExportAssignment) error {
	p := a.problems(c.today)
	p = append(p, c.timeline(a.RecommendationID, "as_of", a.AsOf, a.RecordedAt, true)...)
	c.entry("assignment", a.UID, p)
	return nil
}

// Evidence checks a piece of evidence, and that the update it supports, when
// seen, belongs to the same recommendation. Evidence may be older than the
// source it supports (a resolution the memo cites).
func (c *ExportChecker) Evidence(e ExportEvidence) error {
	p := e.problems(c.today)
	p = append(p, c.timeline(e.RecommendationID, "date", e.Date, e.RecordedAt, false)...)
	if ref := c.uids[e.Update]; ref.rec != 0 && e.Update != "" && entryKinds[ref.kind] == "update" && c.recs[ref.rec-1] != e.RecommendationID {
		p.add(EvidenceOfAnother(e.RecommendationID, e.Update, c.recs[ref.rec-1]))
	}
	c.amendable("evidence", e.UID, e.RecommendationID, e.Amends, p)
	return nil
}

// Retraction checks a retraction.
func (c *ExportChecker) Retraction(x ExportRetraction) error {
	p := x.problems(c.today)
	p = append(p, c.timeline("", "as_of", x.AsOf, x.RecordedAt, false)...)
	for _, uid := range []string{x.Update, x.Evidence} {
		if uid != "" && c.amended[uid] {
			c.retracted[uid] = true
		}
	}
	c.entry("retraction", x.UID, p)
	return nil
}

// Rename checks an owner rename by the rules of NewOwnerRename. The rules
// across renames (no cycle, one identity per name) need them all: the store
// checks them with RenameProblems once a merge has added its renames.
func (c *ExportChecker) Rename(r ExportRename) error {
	p := r.problems(c.today)
	p = append(p, c.timeline("", "as_of", r.AsOf, r.RecordedAt, false)...)
	c.entry("rename", r.UID, p)
	return nil
}

// Target checks a target entry: its due date may lie in the future, the
// day it is set from may not, nor before its recommendation was made.
func (c *ExportChecker) Target(t ExportTarget) error {
	p := t.problems(c.today)
	p = append(p, c.timeline(t.RecommendationID, "as_of", t.AsOf, t.RecordedAt, true)...)
	c.entry("target", t.UID, p)
	return nil
}

// EvidenceOfAnother is the problem of evidence of one recommendation that
// supports an update of another.
func EvidenceOfAnother(recommendation, update, updateOf string) *Error {
	return Errorf(EINVALID, "the evidence of %s supports the update %s of %s", recommendation, update, updateOf)
}

// amendable adds an entry that may amend another (an update or a piece of
// evidence): as entry does, noting its recommendation for the entries that
// name it and, for amendmentProblems, the amendment it makes, if any.
func (c *ExportChecker) amendable(kind, uid, rec, amends string, p Problems) {
	n := c.recommendation(rec)
	where := c.entry(kind, uid, p)
	ref := c.uids[uid]
	ref.rec = n
	c.uids[uid] = ref
	if amends != "" {
		c.amendments = append(c.amendments, amendment{where: where, kind: kind, rec: rec, amends: amends})
		c.amended[amends] = true
	}
}

// entry adds an entry's problems, each preceded by where it is ("update 3
// (uid)"), and checks that its uid is not used before. It returns where.
func (c *ExportChecker) entry(kind, uid string, p Problems) string {
	c.counts[kind]++
	where := fmt.Sprintf("%s %d (%s)", kind, c.counts[kind], uid)
	if other, dup := c.uids[uid]; dup && validUID(uid) {
		c.problems.add(Errorf(EINVALID, "%s: the uid is also used by %s %d (%s)", where, entryKinds[other.kind], other.n, uid))
	}
	ref := c.uids[uid]
	ref.kind, ref.n = kindIndex(kind), uint32(c.counts[kind])
	c.uids[uid] = ref
	c.problems.addAt(where, p)
	return where
}

// timeline checks when an entry holds against when it was recorded and the
// recommendation it belongs to: it names a recommendation that exists, was
// not recorded in the future, does not hold from after the day it was
// recorded, and (when sourced) not from before its recommendation was made.
// Fields already refused for their form are not checked again.
func (c *ExportChecker) timeline(recommendation, field string, d Date, recordedAt string, sourced bool) Problems {
	var p Problems
	made, known := c.made[recommendation]
	if recommendation != "" && !known && c.whole && checkID("recommendation", recommendation) == nil {
		p.add(UnknownRecommendation(recommendation))
	}
	at, err := time.Parse(time.RFC3339, recordedAt)
	if err != nil || checkRecordedAt("recorded_at", recordedAt) != nil || checkDate(field, d, c.today) != nil {
		return p
	}
	recorded := DateOf(at.UTC())
	// A clock anywhere on Earth is at most a day ahead of UTC's date.
	if latest := DateOf(c.today.Time().AddDate(0, 0, 1)); recorded > latest {
		p.add(FieldError("recorded_at", recordedAt, "it is in the future (today is %s)", c.today))
	}
	if d > recorded {
		p.add(FieldError(field, string(d), "it is after the day the entry was recorded (%s)", recorded))
	}
	if sourced && known && d < made {
		p.add(CheckMade(field, d, recommendation, made))
	}
	return p
}

// CheckMade refuses a day (of field) before its recommendation was made:
// nothing can have stood then. Every way in (flags, a spreadsheet, a merge)
// gives this one message.
func CheckMade(field string, d Date, recommendation string, made Date) *Error {
	if d >= made {
		return nil
	}
	return FieldError(field, string(d), "%s was made on %s; use that day or later", recommendation, made)
}

// UnknownRecommendation is the problem of an entry naming a recommendation
// the tracker does not hold.
func UnknownRecommendation(id string) *Error {
	return Errorf(ENOTFOUND, "unknown recommendation %q", id)
}
