package rtp

import (
	"slices"
	"strings"
)

// History is one recommendation's history as it is stored: every update,
// assignment and piece of evidence ever recorded for it, retracted or not.
// StateOn reads it; the order of the slices does not matter.
type History struct {
	Updates     []HistoryUpdate
	Assignments []HistoryAssignment
	Evidence    []HistoryEvidence
	// Renames are the tracker's owner renames, all of them: they name the
	// owners of every recommendation.
	Renames []OwnerRename
}

// HistoryUpdate is a status update as StateOn needs it.
type HistoryUpdate struct {
	ID         int64
	UID        string
	RecordedAt string // rtp.StampLayout, as stored
	ReceivedAt string // when this tracker received it, rtp.StampLayout
	AsOf       Date
	Status     Status
	// NoteOnly is set when the update gave no status: it keeps whatever
	// status is in force before it, and Status is not read.
	NoteOnly bool
	// RetractedAt is when this tracker received its retraction; "" if it
	// has none.
	RetractedAt string
	// Actor is the addressee an update is about: such an update is about
	// that actor only and never counts in the recommendation's own state.
	Actor string
}

// HistoryAssignment is one assign or unassign row.
type HistoryAssignment struct {
	ID         int64
	UID        string
	RecordedAt string
	ReceivedAt string
	Owner      string
	Action     string // "assign" or "unassign"
	Role       Role   // empty for an unassignment
	AsOf       Date
}

// HistoryEvidence is a piece of evidence as StateOn needs it.
type HistoryEvidence struct {
	ID   int64
	Date Date
	// Document is DocumentKey of its reference: the document it cites,
	// however it was recorded.
	Document    string
	ReceivedAt  string
	RetractedAt string // "" if it has none
}

// State is a recommendation's state on one day: what a list shows of it.
type State struct {
	Status        Status
	Since         *Date // the first update of the latest run of Status; nil while unassessed
	LastUpdate    *Date // the update in force, which may re-assert Status
	Owners        []Owner
	EvidenceCount int
}

// StateOn is THE rule for a recommendation's state on a day. Every way the
// tracker reads a state (lists, show, reports, merges, the kept current
// state, db check) must agree with it; the store's SQL writes the same rule
// once (internal/store/queries/state_on.sql) and a property test holds the
// two equal.
//
//   - An entry counts on day, as known at moment known, if it is dated on
//     or before day, was received at or before known, and no retraction of
//     it received at or before known exists. A retraction reaches every day:
//     it says the entry was a mistake, whatever day the entry spoke of, so
//     a back-dated mistake leaves every report once it is retracted. Its own
//     as-of date only says when it was made (the log and a report's changes).
//     The zero Moment is now: everything received counts.
//   - The update in force is the latest that counts, by
//     (as-of date, recording time, uid). Status is that of the latest that
//     counts and gave a status: a note-only update keeps the status in force
//     before it, whatever retractions change; unassessed if none. Never
//     by local id: trackers merged in different orders number entries
//     differently, and must give the same answers.
//   - Since is the as-of date of the first update that gave that status in
//     its latest run: a note neither starts nor moves it (notes before an
//     explicit "unassessed" do not date it, and a private note's date never
//     shows through it); none while no update in force gave a status (notes
//     alone);
//     LastUpdate is the as-of date of the update in force, note-only or not.
//   - The owners are those whose latest assignment row on or before day,
//     owners compared by identity (OwnerKey, NFC and case-folded, followed
//     back through renames to the first name: OwnerIdentities), is an assign
//     (latest by as-of date, recording time, uid), named by their name on the
//     day (NameOn: the latest rename's, else the first name, else as that
//     row spells it; only renames received by known count); lead first,
//     then support, then monitor, and by OwnerKey of the name within a role.
//     Identities come from every rename, however late it was received: a
//     rename says two names were always one owner, as a retraction says an
//     entry was always a mistake; only the name shown waits for it.
//   - EvidenceCount is the number of documents (Document, DocumentKey of
//     the reference) the evidence that counts cites: one document recorded
//     as its UN symbol and as its address is one piece of evidence.
func StateOn(h History, day Date, known Moment) State {
	st := State{Status: StatusUnassessed, Owners: []Owner{}}
	inForce := InForce(h, day, known)
	if n := len(inForce); n > 0 {
		// The status each update in force stands for: its own, or for a
		// note-only update the one in force before it.
		statuses := make([]Status, n)
		held, gaveStatus := StatusUnassessed, false
		for i, u := range inForce {
			if !u.NoteOnly {
				held, gaveStatus = u.Status, true
			}
			statuses[i] = held
		}
		st.Status = held
		last := inForce[n-1].AsOf
		st.LastUpdate = &last
		start := 0
		for i := n - 1; i >= 0; i-- {
			if statuses[i] != held {
				start = i + 1
				break
			}
		}
		// Notes alone assess nothing: with no status given, it is
		// unassessed since no date. A run starts with the first update in
		// it that gave the status, never with a note.
		if gaveStatus {
			for inForce[start].NoteOnly {
				start++
			}
			since := inForce[start].AsOf
			st.Since = &since
		}
	}

	identities := OwnerIdentities(h.Renames)
	latest := map[string]HistoryAssignment{}
	for _, a := range h.Assignments {
		if a.AsOf > day || !known.Knows(a.ReceivedAt) {
			continue
		}
		id := IdentityOf(identities, OwnerKey(a.Owner))
		if b, ok := latest[id]; !ok || CompareEntries(a.AsOf, a.RecordedAt, a.UID, b.AsOf, b.RecordedAt, b.UID) > 0 {
			latest[id] = a
		}
	}
	for id, a := range latest {
		if a.Action == "assign" {
			st.Owners = append(st.Owners, Owner{Name: NameOn(h.Renames, identities, id, day, known, a.Owner), Role: a.Role})
		}
	}
	slices.SortFunc(st.Owners, func(a, b Owner) int {
		if c := RoleRank(a.Role) - RoleRank(b.Role); c != 0 {
			return c
		}
		return strings.Compare(OwnerKey(a.Name), OwnerKey(b.Name))
	})
	documents := map[string]bool{}
	for _, e := range h.Evidence {
		if counts(e.Date, e.ReceivedAt, e.RetractedAt, day, known) {
			documents[e.Document] = true
		}
	}
	st.EvidenceCount = len(documents)
	return st
}

// InForce returns the updates that count on day as known at known, in the
// order they take effect: the recommendation's own, never those about one of
// its actors (actor.go).
func InForce(h History, day Date, known Moment) []HistoryUpdate {
	var out []HistoryUpdate
	for _, u := range h.Updates {
		if u.Actor == "" && counts(u.AsOf, u.ReceivedAt, u.RetractedAt, day, known) {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b HistoryUpdate) int {
		return CompareEntries(a.AsOf, a.RecordedAt, a.UID, b.AsOf, b.RecordedAt, b.UID)
	})
	return out
}

// counts reports whether an entry dated asOf, received at receivedAt and
// whose retraction was received at retractedAt ("" if none) counts on day
// as known at known.
func counts(asOf Date, receivedAt, retractedAt string, day Date, known Moment) bool {
	return asOf <= day && known.Knows(receivedAt) && (retractedAt == "" || !known.Knows(retractedAt))
}

// CompareEntries orders history entries by as-of date, then recording time,
// then uid: the order in which they take effect, the same in every tracker
// that holds them.
func CompareEntries(asOfA Date, recordedA, uidA string, asOfB Date, recordedB, uidB string) int {
	if c := strings.Compare(string(asOfA), string(asOfB)); c != 0 {
		return c
	}
	if c := strings.Compare(recordedA, recordedB); c != 0 {
		return c
	}
	return strings.Compare(uidA, uidB)
}

// RoleRank is a role's place in Roles, most responsible first: the order
// owners are listed in. A role outside the vocabulary comes last.
func RoleRank(r Role) int {
	if i := slices.Index(Roles, r); i >= 0 {
		return i
	}
	return len(Roles)
}
