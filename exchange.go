package rtp

// ExportFormat and ExportVersion mark a file written by `rtp export`.
const (
	ExportFormat  = "rtp-export"
	ExportVersion = 1
)

// Export is a whole tracker as `rtp export --format json` writes it and
// `rtp merge` reads it. Entries carry their stable uid, never the local
// numbers, and are listed by recording time then uid, so that the same
// history always exports to the same bytes.
type Export struct {
	Format      string             `json:"format"`
	Version     int                `json:"version"`
	Sources     []ExportSource     `json:"sources"`
	Updates     []ExportUpdate     `json:"updates"`
	Assignments []ExportAssignment `json:"assignments"`
	Evidence    []ExportEvidence   `json:"evidence"`
	Retractions []ExportRetraction `json:"retractions"`
	// Renames are the owner renames; absent from exports without any, which
	// older rtp versions therefore still read.
	Renames []ExportRename `json:"renames,omitempty"`
	// The recurring checks, their answers and the retractions of answers
	// (check_exchange.go); absent from exports without any.
	Checks           []ExportCheck           `json:"checks,omitempty"`
	CheckAnswers     []ExportCheckAnswer     `json:"check_answers,omitempty"`
	CheckRetractions []ExportCheckRetraction `json:"check_retractions,omitempty"`
	// Targets are the target entries (rtp track target); absent from
	// exports without any, which older rtp versions therefore still read,
	// and older exports without them still merge.
	Targets []ExportTarget `json:"targets,omitempty"`
}

// ExportTarget is a target entry.
type ExportTarget = Target

// ExportSource is a source document with its recommendations.
type ExportSource = Document

// ExportUpdate is a status update.
type ExportUpdate struct {
	UID              string `json:"uid"`
	RecommendationID string `json:"recommendation"`
	Status           Status `json:"status"`
	Note             string `json:"note"`
	AsOf             Date   `json:"as_of"`
	By               string `json:"by"`
	RecordedAt       string `json:"recorded_at"`
	// NoteOnly marks an update that gave no status: it keeps whatever
	// status is in force before it, and Status is the one in force when it
	// was recorded. Absent from exports without such updates, which older
	// rtp versions therefore still read.
	NoteOnly bool `json:"note_only,omitempty"`
	// Private marks a private update (its note and evidence); absent when
	// false, so that exports without private updates stay as they were.
	Private bool `json:"private,omitempty"`
	// Amends is the uid of the update this one corrects; absent when none,
	// so that exports without amendments stay as they were.
	Amends string `json:"amends,omitempty"`
	// Actor is the addressee the update is about (actor.go); absent when
	// it is about the recommendation itself, so older exports read alike.
	Actor string `json:"actor,omitempty"`
}

// ExportAssignment is an assignment or unassignment of an owner.
type ExportAssignment struct {
	UID              string `json:"uid"`
	RecommendationID string `json:"recommendation"`
	Owner            string `json:"owner"`
	Action           string `json:"action"` // assign or unassign
	Role             Role   `json:"role,omitempty"`
	AsOf             Date   `json:"as_of"`
	By               string `json:"by"`
	RecordedAt       string `json:"recorded_at"`
}

// ExportEvidence is a piece of evidence; Update is the uid of the update it
// supports, if any.
type ExportEvidence struct {
	UID              string `json:"uid"`
	RecommendationID string `json:"recommendation"`
	Update           string `json:"update,omitempty"`
	Ref              string `json:"ref"`
	Title            string `json:"title"`
	Date             Date   `json:"date"`
	Note             string `json:"note"`
	Private          bool   `json:"private"`
	By               string `json:"by"`
	RecordedAt       string `json:"recorded_at"`
	// Amends is the uid of the evidence this one corrects; absent when none.
	Amends string `json:"amends,omitempty"`
}

// ExportRetraction retracts the update or the evidence with that uid.
type ExportRetraction struct {
	UID        string `json:"uid"`
	Update     string `json:"update,omitempty"`
	Evidence   string `json:"evidence,omitempty"`
	Reason     string `json:"reason"`
	AsOf       Date   `json:"as_of"`
	By         string `json:"by"`
	RecordedAt string `json:"recorded_at"`
}

// ExportRename is an owner rename.
type ExportRename = OwnerRename

// MergeResult says what `rtp merge` did.
type MergeResult struct {
	Sources, Recommendations, Updates, Assignments, Evidence, Retractions, Renames, Targets int   // added
	CheckEntries                                                                            int   // checks, answers and their retractions added
	AlreadyPresent                                                                          int   // entries the tracker had
	Private                                                                                 int   // of the updates and evidence added, those marked private
	Batch                                                                                   int64 // the batch of what was added; 0 if none
	Divergences                                                                             []Divergence
	Notes                                                                                   []string // differences kept as they were
}

// Divergence is a recommendation whose latest status differs between the
// tracker and what was merged into it. Both updates are kept; the later by
// date counts.
type Divergence struct {
	RecommendationID string
	Here, There      ExportUpdate
}

// ImportRow is one row of a spreadsheet given to `rtp track import`: any of
// an update (with its evidence), evidence on its own, and an assignment.
type ImportRow struct {
	Line       int // the row's line in the file, for messages
	Update     *NewUpdate
	Evidence   []NewEvidence // evidence on its own, when the row has no update
	Assignment *Assignment
}

// BatchOrigin says where an import's or a merge's entries came from: the
// file as the user named it, and who recorded them.
type BatchOrigin struct {
	Source, By string
}

// ImportResult counts what an import recorded, and says what it skipped.
type ImportResult struct {
	Rows, Updates, Evidence, Assignments int
	// Batch is the ID of the batch the entries were recorded as; 0 when
	// the import recorded nothing (or was a dry run).
	Batch int64
	// AlreadyThere lists the rows holding entries the tracker already had,
	// which the import skipped, in the order of the file.
	AlreadyThere []ImportSkip
}

// ImportSkip is what one row of an import would have recorded again.
type ImportSkip struct {
	Line int
	// Entries names each entry skipped: "update", "evidence REF",
	// "owner NAME".
	Entries []string
	// Whole is true when the row recorded nothing else.
	Whole bool
}

// Skipped counts the entries an import skipped as already there.
func (r ImportResult) Skipped() int {
	n := 0
	for _, s := range r.AlreadyThere {
		n += len(s.Entries)
	}
	return n
}

// An export comes from another tracker and is untrusted: every entry is
// checked by the rules of the entry it records, and its uid, recommendation
// and recorded_at besides.

// validUID reports whether uid is 8 to 64 letters, digits, '_' or '-'. It is
// a loop rather than the regexp ^[A-Za-z0-9_-]{8,64}$: compiling that
// regexp, with its counted repetition, was a quarter of rtp's start-up, and
// a merge checks every entry's uid.
func validUID(uid string) bool {
	if len(uid) < 8 || len(uid) > 64 {
		return false
	}
	for i := 0; i < len(uid); i++ {
		switch c := uid[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

func checkUID(field, uid string) *Error {
	if !validUID(uid) {
		return FieldError(field, uid, "")
	}
	return nil
}

// checkRecordedAt accepts recorded_at in UTC as exports write it, with six
// fractional digits, or in whole seconds as older exports did: the store
// normalises the latter (NormaliseRecordedAt).
func checkRecordedAt(field, s string) *Error {
	if _, ok := NormaliseRecordedAt(s); !ok {
		return FieldError(field, s, "it must be RFC 3339 in UTC, e.g. 2019-09-18T10:00:00.000000Z")
	}
	return nil
}

// entryProblems checks what every exported entry has: its uid, the
// recommendation it belongs to, then its own fields (more), then when it
// was recorded.
func entryProblems(uid, recommendation string, more Problems, recordedAt string) Problems {
	var p Problems
	p.add(checkUID("uid", uid))
	p.add(checkID("recommendation", recommendation))
	p = append(p, more...)
	p.add(checkRecordedAt("recorded_at", recordedAt))
	return p
}

// Validate checks an exported update by the rules of NewUpdate; an export
// always names the status.
func (u ExportUpdate) Validate(today Date) error { return u.problems(today).err() }

func (u ExportUpdate) problems(today Date) Problems {
	var more Problems
	if u.Status == "" {
		more.add(checkStatus("status", ""))
	}
	more = append(more, NewUpdate{Status: u.Status, Note: u.Note, AsOf: u.AsOf, By: u.By, Actor: u.Actor}.problems(today)...)
	if u.Amends != "" {
		more.add(checkUID("amends", u.Amends))
	}
	return entryProblems(u.UID, u.RecommendationID, more, u.RecordedAt)
}

// Validate checks an exported assignment by the rules of Assignment: an
// assign names a role, an unassign none.
func (a ExportAssignment) Validate(today Date) error { return a.problems(today).err() }

func (a ExportAssignment) problems(today Date) Problems {
	more := Assignment{Owner: a.Owner, Role: a.Role, AsOf: a.AsOf, By: a.By}.problems(today)
	switch {
	case a.Action == "assign" && a.Role == "":
		more.add(checkRole("role", ""))
	case a.Action == "unassign" && a.Role != "":
		more.add(Errorf(EINVALID, "an unassignment has no role"))
	case a.Action != "assign" && a.Action != "unassign":
		more.add(FieldError("action", a.Action, "use assign or unassign"))
	}
	return entryProblems(a.UID, a.RecommendationID, more, a.RecordedAt)
}

// Validate checks exported evidence by the rules of NewEvidence; an export
// always gives the date.
func (e ExportEvidence) Validate(today Date) error { return e.problems(today).err() }

func (e ExportEvidence) problems(today Date) Problems {
	ne := NewEvidence{Ref: e.Ref, Title: e.Title, Date: e.Date, Note: e.Note, Private: e.Private, By: e.By, recorded: true}
	more := ne.problems(today)
	if e.Date == "" {
		more.add(checkDate("date", "", today))
	}
	if e.Update != "" {
		more.add(checkUID("update uid", e.Update))
	}
	if e.Amends != "" {
		more.add(checkUID("amends", e.Amends))
	}
	return entryProblems(e.UID, e.RecommendationID, more, e.RecordedAt)
}

// Validate checks an exported retraction by the rules of NewRetraction.
func (x ExportRetraction) Validate(today Date) error { return x.problems(today).err() }

func (x ExportRetraction) problems(today Date) Problems {
	var p Problems
	p.add(checkUID("uid", x.UID))
	p = append(p, retractionProblems(x.Reason, x.AsOf, x.By, today)...)
	p.add(checkRecordedAt("recorded_at", x.RecordedAt))
	if (x.Update == "") == (x.Evidence == "") {
		p.add(errRetractsOne)
	}
	return p
}

// Validate checks a whole export with an ExportChecker: each source and
// entry, uids unique across it, and the rules that tie entries together.
// References to entries or recommendations the file lacks are not problems:
// the tracker it is merged into may hold them. Every problem is listed, each
// preceded by where it is ("update 3 (uid)").
func (exp Export) Validate(today Date) error { return exp.CheckWith(NewExportChecker(today, nil)) }

// CheckWith runs c over the whole export and returns what it found.
func (exp Export) CheckWith(c *ExportChecker) error {
	_ = c.Sources(exp.Sources)
	for _, u := range exp.Updates {
		_ = c.Update(u)
	}
	for _, a := range exp.Assignments {
		_ = c.Assignment(a)
	}
	for _, e := range exp.Evidence {
		_ = c.Evidence(e)
	}
	for _, x := range exp.Retractions {
		_ = c.Retraction(x)
	}
	for _, r := range exp.Renames {
		_ = c.Rename(r)
	}
	for _, t := range exp.Targets {
		_ = c.Target(t)
	}
	return c.Err()
}

// NormaliseRecordedAt writes every entry's recorded_at in StampLayout:
// exports before schema version 11 wrote whole seconds, which would order
// wrongly as text beside six digits. Values of another form are left for
// the checks to refuse.
func (e *Export) NormaliseRecordedAt() {
	normalise := func(s *string) {
		if n, ok := NormaliseRecordedAt(*s); ok {
			*s = n
		}
	}
	for i := range e.Updates {
		normalise(&e.Updates[i].RecordedAt)
	}
	for i := range e.Assignments {
		normalise(&e.Assignments[i].RecordedAt)
	}
	for i := range e.Evidence {
		normalise(&e.Evidence[i].RecordedAt)
	}
	for i := range e.Retractions {
		normalise(&e.Retractions[i].RecordedAt)
	}
	for i := range e.Checks {
		normalise(&e.Checks[i].RecordedAt)
	}
	for i := range e.CheckAnswers {
		normalise(&e.CheckAnswers[i].RecordedAt)
	}
	for i := range e.CheckRetractions {
		normalise(&e.CheckRetractions[i].RecordedAt)
	}
	for i := range e.Targets {
		normalise(&e.Targets[i].RecordedAt)
	}
}
