package rtp_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// validationCase is one entry and the problem its Validate must find:
// nothing (field and message empty), or the first problem's field and
// message.
type validationCase struct {
	name     string
	validate func() error
	field    string
	message  string
}

// variant returns, for a change to ok, a func that validates the changed
// copy. ok's slices are copied too, so that cases do not change each other.
func variant[T any](ok T, validate func(T, rtp.Date) error) func(change func(*T)) func() error {
	return func(change func(*T)) func() error {
		v := deepCopy(ok)
		change(&v)
		return func() error { return validate(v, today) }
	}
}

func deepCopy[T any](v T) T {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var c T
	if err := json.Unmarshal(data, &c); err != nil {
		panic(err)
	}
	return c
}

func runValidation(t *testing.T, cases []validationCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := c.validate()
			if c.message == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var e *rtp.Error
			if !errors.As(err, &e) || rtp.ErrorCode(err) != rtp.EINVALID {
				t.Fatalf("Validate = %v, want an EINVALID *rtp.Error", err)
			}
			if e.Field != c.field || e.Error() != c.message {
				t.Errorf("first problem: field %q, message %q\nwant field %q, message %q", e.Field, e.Error(), c.field, c.message)
			}
		})
	}
}

func TestNewUpdateValidate(t *testing.T) {
	t.Parallel()
	ok := rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusPartial, Note: "two\nlines", AsOf: "2019-01-01", By: "ICRtoP",
		Evidence: []rtp.NewEvidence{{Ref: "A/RES/72/1", By: "ICRtoP"}}}
	with := variant(ok, rtp.NewUpdate.Validate)
	runValidation(t, []validationCase{
		{"OK", with(func(*rtp.NewUpdate) {}), "", ""},
		{"OK without status", with(func(nu *rtp.NewUpdate) { nu.Status = "" }), "", ""},
		{"OK without note", with(func(nu *rtp.NewUpdate) { nu.Note = "" }), "", ""},
		{"ErrNeitherStatusNorNote", with(func(nu *rtp.NewUpdate) { nu.Status, nu.Note = "", " \n" }), "note",
			"note is empty and no status is given: an update needs one or the other; `rtp track evidence ID REF` records evidence on its own"},
		{"ErrStatus", with(func(nu *rtp.NewUpdate) { nu.Status = "Done" }), "status",
			`invalid status "Done": use one of unassessed, not-started, in-progress, partial, implemented, stalled, regressed`},
		{"ErrStatusHint", with(func(nu *rtp.NewUpdate) { nu.Status = "Partial" }), "status",
			`invalid status "Partial" (did you mean "partial"?): use one of unassessed, not-started, in-progress, partial, implemented, stalled, regressed`},
		{"ErrNoteNUL", with(func(nu *rtp.NewUpdate) { nu.Note = "a\x00" }), "note", "note contains a NUL byte at offset 1: text may not contain NUL"},
		{"ErrNoteUTF8", with(func(nu *rtp.NewUpdate) { nu.Note = "caf\xe9" }), "note", "note is not valid UTF-8 text (byte 0xe9 at offset 3)"},
		{"ErrNoteLong", with(func(nu *rtp.NewUpdate) { nu.Note = strings.Repeat("x", rtp.MaxNoteBytes+1) }), "note", "note is 65537 bytes long: the limit is 65536"},
		{"ErrAsOfMissing", with(func(nu *rtp.NewUpdate) { nu.AsOf = "" }), "as_of", `invalid as_of "": dates are written YYYY-MM-DD, e.g. 2017-09-15`},
		{"ErrAsOfNoSuchDay", with(func(nu *rtp.NewUpdate) { nu.AsOf = "2018-02-30" }), "as_of", `invalid as_of "2018-02-30": there is no such day`},
		{"ErrAsOfEarly", with(func(nu *rtp.NewUpdate) { nu.AsOf = "0217-09-15" }), "as_of", `invalid as_of "0217-09-15": dates before 1900-01-01 are not accepted`},
		{"ErrAsOfFuture", with(func(nu *rtp.NewUpdate) { nu.AsOf = "2026-11-30" }), "as_of", `invalid as_of "2026-11-30": it is in the future (today is 2026-11-29)`},
		{"ErrByEmpty", with(func(nu *rtp.NewUpdate) { nu.By = "" }), "by", "by is empty: give a value"},
		{"ErrBySpaces", with(func(nu *rtp.NewUpdate) { nu.By = " ICRtoP" }), "by", `invalid by " ICRtoP": remove the spaces at its start or end`},
		{"ErrByControl", with(func(nu *rtp.NewUpdate) { nu.By = "a\nb" }), "by", `invalid by "a\nb": control characters such as line breaks are not allowed`},
		{"ErrEvidenceRef", with(func(nu *rtp.NewUpdate) { nu.Evidence = []rtp.NewEvidence{{Ref: "javascript:alert(1)", By: "x"}} }), "evidence.ref",
			`invalid evidence.ref "javascript:alert(1)": links must start with http:// or https://; otherwise give a citation such as A/RES/72/1`},
	})
}

func TestNewEvidenceValidate(t *testing.T) {
	t.Parallel()
	ok := rtp.NewEvidence{RecommendationID: "upr", Ref: "https://undocs.org/A/72/250", Title: "Report", Date: "2018-01-01", Note: "n", By: "x"}
	with := variant(ok, rtp.NewEvidence.Validate)
	runValidation(t, []validationCase{
		{"OK", with(func(*rtp.NewEvidence) {}), "", ""},
		{"OK without title or date", with(func(ne *rtp.NewEvidence) { ne.Title, ne.Date = "", "" }), "", ""},
		{"ErrRefEmpty", with(func(ne *rtp.NewEvidence) { ne.Ref = "" }), "ref", "ref is empty: give a value"},
		{"ErrRefFile", with(func(ne *rtp.NewEvidence) { ne.Ref = "file:///etc/passwd" }), "ref",
			`invalid ref "file:///etc/passwd": links must start with http:// or https://; otherwise give a citation such as A/RES/72/1`},
		{"ErrRefNoHost", with(func(ne *rtp.NewEvidence) { ne.Ref = "http://" }), "ref", `invalid ref "http://": the link has no host name`},
		{"ErrTitle", with(func(ne *rtp.NewEvidence) { ne.Title = "two\nlines" }), "title", `invalid title "two\nlines": control characters such as line breaks are not allowed`},
		{"ErrDate", with(func(ne *rtp.NewEvidence) { ne.Date = "2018-13-01" }), "date", `invalid date "2018-13-01": there is no such day`},
		{"ErrNote", with(func(ne *rtp.NewEvidence) { ne.Note = "\x00" }), "note", "note contains a NUL byte at offset 0: text may not contain NUL"},
		{"ErrBy", with(func(ne *rtp.NewEvidence) { ne.By = strings.Repeat("b", rtp.MaxNameBytes+1) }), "by", "by is 201 bytes long: the limit is 200"},
	})
}

func TestAssignmentValidate(t *testing.T) {
	t.Parallel()
	ok := rtp.Assignment{RecommendationID: "upr", Owner: "FES New York", Role: rtp.RoleSupport, AsOf: "2018-01-15", By: "x"}
	with := variant(ok, rtp.Assignment.Validate)
	runValidation(t, []validationCase{
		{"OK assign", with(func(*rtp.Assignment) {}), "", ""},
		{"OK unassign", with(func(a *rtp.Assignment) { a.Role = "" }), "", ""},
		{"ErrOwnerEmpty", with(func(a *rtp.Assignment) { a.Owner = " " }), "owner", "owner is empty: give a value"},
		{"ErrRole", with(func(a *rtp.Assignment) { a.Role = "boss" }), "role", `invalid role "boss": use lead, support or monitor`},
		{"ErrAsOf", with(func(a *rtp.Assignment) { a.AsOf = "15/01/2018" }), "as_of", `invalid as_of "15/01/2018": dates are written YYYY-MM-DD, e.g. 2017-09-15`},
		{"ErrBy", with(func(a *rtp.Assignment) { a.By = "" }), "by", "by is empty: give a value"},
	})
}

func TestNewRetractionValidate(t *testing.T) {
	t.Parallel()
	ok := rtp.NewRetraction{UpdateID: 7, Reason: "Wrong recommendation", AsOf: "2019-01-01", By: "x"}
	with := variant(ok, rtp.NewRetraction.Validate)
	runValidation(t, []validationCase{
		{"OK update", with(func(*rtp.NewRetraction) {}), "", ""},
		{"OK evidence", with(func(nr *rtp.NewRetraction) { nr.UpdateID, nr.EvidenceID = 0, 12 }), "", ""},
		{"ErrReason", with(func(nr *rtp.NewRetraction) { nr.Reason = "" }), "reason", "reason is empty: give a value"},
		{"ErrAsOf", with(func(nr *rtp.NewRetraction) { nr.AsOf = "2099-01-01" }), "as_of", `invalid as_of "2099-01-01": it is in the future (today is 2026-11-29)`},
		{"ErrBy", with(func(nr *rtp.NewRetraction) { nr.By = "x " }), "by", `invalid by "x ": remove the spaces at its start or end`},
		{"ErrBoth", with(func(nr *rtp.NewRetraction) { nr.EvidenceID = 12 }), "", "a retraction names one update or one piece of evidence"},
		{"ErrNeither", with(func(nr *rtp.NewRetraction) { nr.UpdateID = 0 }), "", "a retraction names one update or one piece of evidence"},
	})
}

func validDocument() rtp.Document {
	return rtp.Document{
		Source: rtp.Source{ID: "meeting-2018", Kind: "Meeting summary", Title: "A meeting", Date: "2018-03-01", Organisers: []string{"FES"}},
		Recommendations: []rtp.Recommendation{
			{ID: "first", Source: "meeting-2018", Number: 1, Title: "First", Heading: "The first", Text: "Do it."},
			{ID: "second", Number: 2, Title: "Second", Heading: "The second", Text: "Do it too.", Actors: []string{"General Assembly"}},
		},
	}
}

func TestDocumentValidate(t *testing.T) {
	t.Parallel()
	with := variant(validDocument(), rtp.Document.Validate)
	runValidation(t, []validationCase{
		{"OK", with(func(*rtp.Document) {}), "", ""},
		{"ErrID", with(func(d *rtp.Document) { d.ID = "Bad ID" }), "source id",
			`invalid source id "Bad ID": use lower-case letters, digits and single hyphens, such as ga-agenda, at most 64 characters, not only digits`},
		{"ErrIDDigits", with(func(d *rtp.Document) { d.ID = "2018" }), "source id",
			`invalid source id "2018": use lower-case letters, digits and single hyphens, such as ga-agenda, at most 64 characters, not only digits`},
		{"ErrTitle", with(func(d *rtp.Document) { d.Title = "" }), "source title", "source title is empty: give a value"},
		{"ErrKind", with(func(d *rtp.Document) { d.Kind = "a\tb" }), "source kind", `invalid source kind "a\tb": control characters such as line breaks are not allowed`},
		{"ErrDate", with(func(d *rtp.Document) { d.Date = "2018-02-30" }), "source date", `invalid source date "2018-02-30": there is no such day`},
		{"ErrOrganiser", with(func(d *rtp.Document) { d.Organisers = []string{""} }), "organiser", "organiser is empty: give a value"},
		{"ErrDescription", with(func(d *rtp.Document) { d.Description = "\xff" }), "source description", "source description is not valid UTF-8 text (byte 0xff at offset 0)"},
		{"ErrNoRecommendations", with(func(d *rtp.Document) { d.Recommendations = nil }), "", "the source has no recommendations"},
		{"ErrRecommendationID", with(func(d *rtp.Document) { d.Recommendations[1].ID = "-x" }), "recommendation 2 id",
			`invalid recommendation 2 id "-x": use lower-case letters, digits and single hyphens, such as ga-agenda, at most 64 characters, not only digits`},
		{"ErrRepeatedID", with(func(d *rtp.Document) { d.Recommendations[1].ID = "first" }), "", `recommendation 2 repeats the id "first" of recommendation 1`},
		{"ErrNumberZero", with(func(d *rtp.Document) { d.Recommendations[1].Number = 0 }), "", "recommendation 2 (second) has number 0: numbers start at 1"},
		{"ErrRepeatedNumber", with(func(d *rtp.Document) { d.Recommendations[1].Number = 1 }), "", "recommendation 2 (second) repeats number 1 of first"},
		{"ErrHeading", with(func(d *rtp.Document) { d.Recommendations[0].Heading = "" }), "recommendation 1 heading", "recommendation 1 heading is empty: give a value"},
		{"ErrRecommendationTitle", with(func(d *rtp.Document) { d.Recommendations[0].Title = " First" }), "recommendation 1 title",
			`invalid recommendation 1 title " First": remove the spaces at its start or end`},
		{"ErrSection", with(func(d *rtp.Document) { d.Recommendations[0].Section = "a\nb" }), "recommendation 1 section",
			`invalid recommendation 1 section "a\nb": control characters such as line breaks are not allowed`},
		{"ErrNoText", with(func(d *rtp.Document) { d.Recommendations[0].Text = " " }), "", "recommendation 1 has no text"},
		{"ErrActor", with(func(d *rtp.Document) { d.Recommendations[1].Actors = []string{""} }), "recommendation 2 actor", "recommendation 2 actor is empty: give a value"},
		{"ErrTheme", with(func(d *rtp.Document) { d.Recommendations[1].Themes = []string{"x "} }), "recommendation 2 theme", `invalid recommendation 2 theme "x ": remove the spaces at its start or end`},
		{"ErrOtherSource", with(func(d *rtp.Document) { d.Recommendations[0].Source = "memo-2017" }), "", "recommendation first says it belongs to memo-2017"},
	})
}

func TestDocumentValidateListsEveryProblem(t *testing.T) {
	t.Parallel()
	doc := validDocument()
	doc.ID, doc.Date, doc.Recommendations[1].Text = "Bad ID", "2018-02-30", ""
	doc.Recommendations[0].Source = doc.ID
	got := rtp.Messages(doc.Validate(today))
	want := []string{
		`invalid source id "Bad ID": use lower-case letters, digits and single hyphens, such as ga-agenda, at most 64 characters, not only digits`,
		`invalid source date "2018-02-30": there is no such day`,
		"recommendation 2 has no text",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

const recordedAt = "2019-01-01T10:00:00Z"

func TestExportUpdateValidate(t *testing.T) {
	t.Parallel()
	ok := rtp.ExportUpdate{UID: "AAAAAAAAAAAA", RecommendationID: "upr", Status: rtp.StatusPartial, AsOf: "2019-01-01", By: "x", RecordedAt: recordedAt}
	with := variant(ok, rtp.ExportUpdate.Validate)
	runValidation(t, []validationCase{
		{"OK", with(func(*rtp.ExportUpdate) {}), "", ""},
		{"ErrUID", with(func(u *rtp.ExportUpdate) { u.UID = "x" }), "uid", `invalid uid "x"`},
		{"ErrRecommendation", with(func(u *rtp.ExportUpdate) { u.RecommendationID = "" }), "recommendation",
			`invalid recommendation "": use lower-case letters, digits and single hyphens, such as ga-agenda, at most 64 characters, not only digits`},
		{"ErrStatusMissing", with(func(u *rtp.ExportUpdate) { u.Status = "" }), "status",
			`invalid status "": use one of unassessed, not-started, in-progress, partial, implemented, stalled, regressed`},
		{"ErrStatus", with(func(u *rtp.ExportUpdate) { u.Status = "done" }), "status",
			`invalid status "done": use one of unassessed, not-started, in-progress, partial, implemented, stalled, regressed`},
		{"ErrAsOf", with(func(u *rtp.ExportUpdate) { u.AsOf = "2999-01-01" }), "as_of", `invalid as_of "2999-01-01": it is in the future (today is 2026-11-29)`},
		{"ErrBy", with(func(u *rtp.ExportUpdate) { u.By = "" }), "by", "by is empty: give a value"},
		{"ErrRecordedAtZone", with(func(u *rtp.ExportUpdate) { u.RecordedAt = "2019-01-01T00:00:00+02:00" }), "recorded_at",
			`invalid recorded_at "2019-01-01T00:00:00+02:00": it must be RFC 3339 in UTC, e.g. 2019-09-18T10:00:00.000000Z`},
	})
}

func TestExportAssignmentValidate(t *testing.T) {
	t.Parallel()
	ok := rtp.ExportAssignment{UID: "AAAAAAAAAAAA", RecommendationID: "upr", Owner: "FES", Action: "assign", Role: rtp.RoleLead, AsOf: "2019-01-01", By: "x", RecordedAt: recordedAt}
	with := variant(ok, rtp.ExportAssignment.Validate)
	runValidation(t, []validationCase{
		{"OK assign", with(func(*rtp.ExportAssignment) {}), "", ""},
		{"OK unassign", with(func(a *rtp.ExportAssignment) { a.Action, a.Role = "unassign", "" }), "", ""},
		{"ErrOwner", with(func(a *rtp.ExportAssignment) { a.Owner = "" }), "owner", "owner is empty: give a value"},
		{"ErrRole", with(func(a *rtp.ExportAssignment) { a.Role = "boss" }), "role", `invalid role "boss": use lead, support or monitor`},
		{"ErrAssignWithoutRole", with(func(a *rtp.ExportAssignment) { a.Role = "" }), "role", `invalid role "": use lead, support or monitor`},
		{"ErrUnassignWithRole", with(func(a *rtp.ExportAssignment) { a.Action = "unassign" }), "", "an unassignment has no role"},
		{"ErrAction", with(func(a *rtp.ExportAssignment) { a.Action = "fire" }), "action", `invalid action "fire": use assign or unassign`},
		{"ErrRecordedAt", with(func(a *rtp.ExportAssignment) { a.RecordedAt = "yesterday" }), "recorded_at",
			`invalid recorded_at "yesterday": it must be RFC 3339 in UTC, e.g. 2019-09-18T10:00:00.000000Z`},
	})
}

func TestExportEvidenceValidate(t *testing.T) {
	t.Parallel()
	ok := rtp.ExportEvidence{UID: "AAAAAAAAAAAA", RecommendationID: "upr", Update: "BBBBBBBBBBBB", Ref: "A/RES/72/1", Date: "2019-01-01", By: "x", RecordedAt: recordedAt}
	with := variant(ok, rtp.ExportEvidence.Validate)
	runValidation(t, []validationCase{
		{"OK", with(func(*rtp.ExportEvidence) {}), "", ""},
		{"ErrRef", with(func(e *rtp.ExportEvidence) { e.Ref = "javascript:alert(1)" }), "ref",
			`invalid ref "javascript:alert(1)": links must start with http:// or https://; otherwise give a citation such as A/RES/72/1`},
		{"ErrDateMissing", with(func(e *rtp.ExportEvidence) { e.Date = "" }), "date", `invalid date "": dates are written YYYY-MM-DD, e.g. 2017-09-15`},
		{"ErrTitle", with(func(e *rtp.ExportEvidence) { e.Title = " t" }), "title", `invalid title " t": remove the spaces at its start or end`},
		{"ErrUpdateUID", with(func(e *rtp.ExportEvidence) { e.Update = "short" }), "update uid", `invalid update uid "short"`},
		{"ErrUID", with(func(e *rtp.ExportEvidence) { e.UID = strings.Repeat("A", 65) }), "uid", `invalid uid "` + strings.Repeat("A", 65) + `"`},
	})
}

func TestExportRetractionValidate(t *testing.T) {
	t.Parallel()
	ok := rtp.ExportRetraction{UID: "AAAAAAAAAAAA", Update: "BBBBBBBBBBBB", Reason: "Wrong", AsOf: "2019-01-01", By: "x", RecordedAt: recordedAt}
	with := variant(ok, rtp.ExportRetraction.Validate)
	runValidation(t, []validationCase{
		{"OK", with(func(*rtp.ExportRetraction) {}), "", ""},
		{"ErrReason", with(func(x *rtp.ExportRetraction) { x.Reason = "" }), "reason", "reason is empty: give a value"},
		{"ErrBoth", with(func(x *rtp.ExportRetraction) { x.Evidence = "CCCCCCCCCCCC" }), "", "a retraction names one update or one piece of evidence"},
		{"ErrRecordedAt", with(func(x *rtp.ExportRetraction) { x.RecordedAt = "2019-01-01T10:00:00.5Z" }), "recorded_at",
			`invalid recorded_at "2019-01-01T10:00:00.5Z": it must be RFC 3339 in UTC, e.g. 2019-09-18T10:00:00.000000Z`},
	})
}

func TestExportValidateNamesWhereAndRepeatedUIDs(t *testing.T) {
	t.Parallel()
	u := rtp.ExportUpdate{UID: "AAAAAAAAAAAA", RecommendationID: "upr", Status: rtp.StatusPartial, AsOf: "2019-01-01", By: "x", RecordedAt: recordedAt}
	doc := validDocument()
	doc.Title = ""
	exp := rtp.Export{Format: rtp.ExportFormat, Version: rtp.ExportVersion, Sources: []rtp.ExportSource{doc},
		Updates:     []rtp.ExportUpdate{u, u},
		Retractions: []rtp.ExportRetraction{{UID: "BBBBBBBBBBBB", Update: "AAAAAAAAAAAA", Reason: "r", AsOf: "2019-01-02", By: "", RecordedAt: recordedAt}},
	}
	got := rtp.Messages(exp.Validate(today))
	want := []string{
		"source 1 (meeting-2018): source title is empty: give a value",
		"update 2 (AAAAAAAAAAAA): the uid is also used by update 1 (AAAAAAAAAAAA)",
		"retraction 1 (BBBBBBBBBBBB): by is empty: give a value",
		`retraction 1 (BBBBBBBBBBBB): invalid as_of "2019-01-02": it is after the day the entry was recorded (2019-01-01)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	exp.Sources, exp.Updates, exp.Retractions = nil, exp.Updates[:1], nil
	if err := exp.Validate(today); err != nil {
		t.Errorf("a valid export: %v", err)
	}
}

func TestValidateImportNamesTheLine(t *testing.T) {
	t.Parallel()
	rows := []rtp.ImportRow{
		{Line: 2, Update: &rtp.NewUpdate{Status: rtp.StatusPartial, AsOf: "2019-01-01", By: "x"}},
		{Line: 3, Assignment: &rtp.Assignment{Owner: "FES", Role: "boss", AsOf: "2019-01-01", By: "x"}},
	}
	got := rtp.Messages(rtp.ValidateImport(rows, today))
	if want := `line 3: invalid role "boss": use lead, support or monitor`; len(got) != 1 || got[0] != want {
		t.Errorf("problems %q, want %q", got, want)
	}
}

func TestRelabelAndProblems(t *testing.T) {
	t.Parallel()
	err := rtp.Assignment{Owner: "", Role: "boss", AsOf: "2019-01-01", By: "x"}.Validate(today)
	if list := rtp.ProblemsOf(err); len(list) != 2 || list[0].Field != "owner" || list[1].Field != "role" {
		t.Fatalf("problems %v", list)
	}
	if got, want := rtp.Relabel(err, map[string]string{"owner": "owner name"}).Error(), "owner name is empty: give a value"; got != want {
		t.Errorf("relabelled %q, want %q", got, want)
	}
	if got := rtp.ErrorCode(err); got != rtp.EINVALID {
		t.Errorf("code %q", got)
	}
	if rtp.ValidateBy("ICRtoP") != nil || rtp.Relabel(rtp.ValidateBy("a\x00"), map[string]string{"by": "USER"}).Error() != "USER contains a NUL byte at offset 1: text may not contain NUL" {
		t.Errorf("ValidateBy does not check names like --by")
	}
}
