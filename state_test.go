package rtp_test

import (
	"fmt"
	"reflect"
	"regexp"
	"testing"

	"github.com/rtp-tracker/rtp"
)

func date(s string) *rtp.Date { d := rtp.Date(s); return &d }

// TestStateOn pins the rule on a small history, for days as known now and
// at earlier moments; the store's property test holds every read path to it
// on random ones.
func TestStateOn(t *testing.T) {
	t.Parallel()
	const (
		june1   = "2020-06-01T10:00:00.000000Z" // most entries came in then
		june2   = "2020-06-02T10:00:00.000000Z"
		july    = "2020-07-01T10:00:00.000000Z"
		august  = "2020-08-01T10:00:00.000000Z"
		in2021  = "2021-01-01T10:00:00.000000Z"
		midJune = rtp.Moment("2020-06-15T00:00:00.000000Z")
	)
	h := rtp.History{
		Updates: []rtp.HistoryUpdate{
			{ID: 1, AsOf: "2018-01-01", Status: rtp.StatusInProgress, ReceivedAt: june1},
			{ID: 2, AsOf: "2019-01-01", Status: rtp.StatusPartial, ReceivedAt: june1},
			{ID: 3, AsOf: "2019-06-01", Status: rtp.StatusPartial, ReceivedAt: june1}, // a note re-asserting it
			{ID: 4, AsOf: "2020-01-01", Status: rtp.StatusStalled, ReceivedAt: june1, RetractedAt: in2021},
			{ID: 5, AsOf: "2018-06-01", Status: rtp.StatusPartial, ReceivedAt: july}, // back-dated, received later
		},
		Assignments: []rtp.HistoryAssignment{
			{ID: 1, Owner: "ICRtoP", Action: "assign", Role: rtp.RoleSupport, AsOf: "2018-01-01", ReceivedAt: june1},
			{ID: 2, Owner: "FES", Action: "assign", Role: rtp.RoleMonitor, AsOf: "2018-01-01", ReceivedAt: june1},
			{ID: 3, Owner: "icrtop", Action: "assign", Role: rtp.RoleLead, AsOf: "2019-01-01", ReceivedAt: june1},
			{ID: 4, Owner: "fes", Action: "unassign", AsOf: "2020-01-01", ReceivedAt: june1},
			{ID: 5, Owner: "abc", Action: "assign", Role: rtp.RoleMonitor, AsOf: "2019-01-01", ReceivedAt: august},
		},
		Evidence: []rtp.HistoryEvidence{
			{ID: 1, Date: "2018-01-01", ReceivedAt: june1, Document: "A/72/884"},
			{ID: 2, Date: "2019-01-01", ReceivedAt: june1, RetractedAt: june2, Document: "S/2018/525"},
		},
	}
	for _, tc := range []struct {
		day   rtp.Date
		known rtp.Moment
		want  rtp.State
	}{
		{"2017-12-31", "", rtp.State{Status: rtp.StatusUnassessed, Owners: []rtp.Owner{}}},
		{"2018-03-01", "", rtp.State{Status: rtp.StatusInProgress, Since: date("2018-01-01"), LastUpdate: date("2018-01-01"),
			Owners: []rtp.Owner{{Name: "ICRtoP", Role: rtp.RoleSupport}, {Name: "FES", Role: rtp.RoleMonitor}}, EvidenceCount: 1}},
		// As known now, retractions reach every day: evidence 2 never counts.
		{"2019-01-15", "", rtp.State{Status: rtp.StatusPartial, Since: date("2018-06-01"), LastUpdate: date("2019-01-01"),
			Owners: []rtp.Owner{{Name: "icrtop", Role: rtp.RoleLead}, {Name: "abc", Role: rtp.RoleMonitor}, {Name: "FES", Role: rtp.RoleMonitor}}, EvidenceCount: 1}},
		// Update 4 is retracted, though the retraction came after the day.
		{"2020-06-01", "", rtp.State{Status: rtp.StatusPartial, Since: date("2018-06-01"), LastUpdate: date("2019-06-01"),
			Owners: []rtp.Owner{{Name: "icrtop", Role: rtp.RoleLead}, {Name: "abc", Role: rtp.RoleMonitor}}, EvidenceCount: 1}},
		// As the tracker said before that retraction came in.
		{"2020-06-01", "2020-12-31T00:00:00.000000Z", rtp.State{Status: rtp.StatusStalled, Since: date("2020-01-01"), LastUpdate: date("2020-01-01"),
			Owners: []rtp.Owner{{Name: "icrtop", Role: rtp.RoleLead}, {Name: "abc", Role: rtp.RoleMonitor}}, EvidenceCount: 1}},
		// Before the back-dated update 5 and abc came in, after evidence 2 went.
		{"2019-01-15", midJune, rtp.State{Status: rtp.StatusPartial, Since: date("2019-01-01"), LastUpdate: date("2019-01-01"),
			Owners: []rtp.Owner{{Name: "icrtop", Role: rtp.RoleLead}, {Name: "FES", Role: rtp.RoleMonitor}}, EvidenceCount: 1}},
		// At the very stamp entries came in they count; evidence 2's
		// retraction had not come yet.
		{"2019-01-15", june1, rtp.State{Status: rtp.StatusPartial, Since: date("2019-01-01"), LastUpdate: date("2019-01-01"),
			Owners: []rtp.Owner{{Name: "icrtop", Role: rtp.RoleLead}, {Name: "FES", Role: rtp.RoleMonitor}}, EvidenceCount: 2}},
		{"2019-01-15", "2020-06-01T09:59:59.999999Z", rtp.State{Status: rtp.StatusUnassessed, Owners: []rtp.Owner{}}},
	} {
		if got := rtp.StateOn(h, tc.day, tc.known); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("StateOn(%s, known %q) = %s, want %s", tc.day, tc.known, show(got), show(tc.want))
		}
	}
}

// TestStateOnCountsDocuments: evidence counts by the documents it cites,
// one document recorded twice (as symbol and as address) once, until every
// record of it is retracted.
func TestStateOnCountsDocuments(t *testing.T) {
	t.Parallel()
	const june1, june2 = "2020-06-01T10:00:00.000000Z", "2020-06-02T10:00:00.000000Z"
	symbol, address := rtp.DocumentKey("A/72/884"), rtp.DocumentKey("https://undocs.org/en/A/72/884")
	h := rtp.History{Evidence: []rtp.HistoryEvidence{
		{ID: 1, Date: "2018-01-01", ReceivedAt: june1, RetractedAt: june2, Document: symbol},
		{ID: 2, Date: "2019-01-01", ReceivedAt: june1, Document: address},
		{ID: 3, Date: "2019-01-01", ReceivedAt: june1, Document: rtp.DocumentKey("Annual report 2019")},
	}}
	for _, tc := range []struct {
		day   rtp.Date
		known rtp.Moment
		want  int
	}{
		{"2018-06-01", june1, 1},
		{"2019-06-01", june1, 2}, // the symbol and the address are one document
		{"2019-06-01", "", 2},    // the symbol retracted, the address stays
		{"2018-06-01", "", 0},
	} {
		if got := rtp.StateOn(h, tc.day, tc.known).EvidenceCount; got != tc.want {
			t.Errorf("StateOn(%s, known %q) counts %d, want %d", tc.day, tc.known, got, tc.want)
		}
	}
	h.Evidence[1].RetractedAt = june2
	if got := rtp.StateOn(h, "2019-06-01", "").EvidenceCount; got != 1 {
		t.Errorf("with both records of A/72/884 retracted, StateOn counts %d, want 1", got)
	}
}

// TestStateOnNotesAlone: notes assess nothing. Before any status, and once
// the only status is retracted, a recommendation with notes is unassessed
// since no date; the latest note is its last update. A status given after
// the notes starts its run at the status, not at the notes.
func TestStateOnNotesAlone(t *testing.T) {
	t.Parallel()
	const before, after = "2020-01-10T00:00:00.000000Z", "2020-06-01T00:00:00.000000Z"
	h := rtp.History{Updates: []rtp.HistoryUpdate{
		{ID: 1, UID: "A", AsOf: "2020-01-10", Status: rtp.StatusImplemented, ReceivedAt: before, RetractedAt: after},
		{ID: 2, UID: "B", AsOf: "2020-02-01", NoteOnly: true, ReceivedAt: before},
		{ID: 3, UID: "C", AsOf: "2019-05-01", NoteOnly: true, ReceivedAt: before},
	}}
	for _, tc := range []struct {
		day   rtp.Date
		known rtp.Moment
		want  rtp.State
	}{
		{"2019-06-01", "", rtp.State{Status: rtp.StatusUnassessed, LastUpdate: date("2019-05-01"), Owners: []rtp.Owner{}}},
		{"2020-03-01", "2020-05-31T00:00:00.000000Z", rtp.State{Status: rtp.StatusImplemented, Since: date("2020-01-10"), LastUpdate: date("2020-02-01"), Owners: []rtp.Owner{}}},
		{"2020-03-01", "", rtp.State{Status: rtp.StatusUnassessed, LastUpdate: date("2020-02-01"), Owners: []rtp.Owner{}}},
	} {
		if got := rtp.StateOn(h, tc.day, tc.known); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("StateOn(%s, known %q) = %s, want %s", tc.day, tc.known, show(got), show(tc.want))
		}
	}
}

// TestStateOnNoteNeverDatesAStatus: notes before an explicit "unassessed"
// do not date it; its run starts at the update that gave it.
func TestStateOnNoteNeverDatesAStatus(t *testing.T) {
	t.Parallel()
	const at = "2020-01-10T00:00:00.000000Z"
	h := rtp.History{Updates: []rtp.HistoryUpdate{
		{ID: 1, UID: "A", AsOf: "2017-12-01", NoteOnly: true, ReceivedAt: at},
		{ID: 2, UID: "B", AsOf: "2018-03-01", Status: rtp.StatusUnassessed, ReceivedAt: at},
		{ID: 3, UID: "C", AsOf: "2018-05-01", NoteOnly: true, ReceivedAt: at},
	}}
	want := rtp.State{Status: rtp.StatusUnassessed, Since: date("2018-03-01"), LastUpdate: date("2018-05-01"), Owners: []rtp.Owner{}}
	if got := rtp.StateOn(h, "2020-01-01", ""); !reflect.DeepEqual(got, want) {
		t.Errorf("StateOn = %s, want %s", show(got), show(want))
	}
}

func show(s rtp.State) string {
	d := func(p *rtp.Date) string {
		if p == nil {
			return "-"
		}
		return string(*p)
	}
	return fmt.Sprintf("%s since %s last %s owners %v evidence %d", s.Status, d(s.Since), d(s.LastUpdate), s.Owners, s.EvidenceCount)
}

// TestVocabularyMatchesSchema holds the CHECK lists of schema.sql equal to
// the vocabulary declared in Go, its one declaration.
func TestVocabularyMatchesSchema(t *testing.T) {
	t.Parallel()
	statuses := checkList(t, `status\s+TEXT NOT NULL CHECK \(status IN \(([^)]*)\)\)`)
	roles := checkList(t, `role IN \(([^)]*)\)`)
	var wantStatuses, wantRoles []string
	for _, s := range rtp.Statuses {
		wantStatuses = append(wantStatuses, string(s))
	}
	for _, r := range rtp.Roles {
		wantRoles = append(wantRoles, string(r))
	}
	if !reflect.DeepEqual(statuses, wantStatuses) {
		t.Errorf("schema.sql's statuses are %q, rtp.Statuses %q", statuses, wantStatuses)
	}
	if !reflect.DeepEqual(roles, wantRoles) {
		t.Errorf("schema.sql's roles are %q, rtp.Roles %q", roles, wantRoles)
	}
}

// checkList returns the quoted values of the list that pattern's group
// captures in schema.sql; it must occur exactly once.
func checkList(t *testing.T, pattern string) []string {
	t.Helper()
	matches := regexp.MustCompile(pattern).FindAllStringSubmatch(rtp.Schema, -1)
	if len(matches) != 1 {
		t.Fatalf("schema.sql has %d matches of %s, want 1", len(matches), pattern)
	}
	var out []string
	for _, v := range regexp.MustCompile(`'([^']*)'`).FindAllStringSubmatch(matches[0][1], -1) {
		out = append(out, v[1])
	}
	return out
}
