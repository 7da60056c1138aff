// Package rtp is the domain of the RtoP follow-up tracker: the recommendations
// being followed up, their status updates, owners and evidence, the vocabulary
// they use and the validation every entry passes before it is stored.
//
// Storage lives in internal/store, rendering in internal/render and the
// command line in internal/cli; this package depends on none of them.
package rtp

import "time"

// Status is where a recommendation stands according to one update.
type Status string

// The status vocabulary. Every recommendation starts unassessed: it has no
// update until someone records one.
const (
	StatusUnassessed  Status = "unassessed"
	StatusNotStarted  Status = "not-started"
	StatusInProgress  Status = "in-progress"
	StatusPartial     Status = "partial"
	StatusImplemented Status = "implemented"
	StatusStalled     Status = "stalled"
	StatusRegressed   Status = "regressed"
)

// Statuses lists the vocabulary in the order reports and help text show it.
var Statuses = []Status{
	StatusUnassessed, StatusNotStarted, StatusInProgress, StatusPartial,
	StatusImplemented, StatusStalled, StatusRegressed,
}

// Role is what a follow-up owner does for a recommendation.
type Role string

// The owner roles: one lead chases the recommendation, others support it or
// only watch it.
const (
	RoleLead    Role = "lead"
	RoleSupport Role = "support"
	RoleMonitor Role = "monitor"
)

// Roles lists the owner roles, most responsible first.
var Roles = []Role{RoleLead, RoleSupport, RoleMonitor}

// Source is a document whose recommendations are followed up, such as the
// 2017 policy memo that rtp is seeded with.
type Source struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind"` // e.g. "Policy memo"
	Title       string   `json:"title"`
	Date        Date     `json:"date"`
	Organisers  []string `json:"organisers"`
	Description string   `json:"description"`
}

// Recommendation is one recommendation of a source, as written there.
type Recommendation struct {
	ID      string   `json:"id"`     // fixed, typed by people and scripts: "ga-agenda"
	Source  string   `json:"source"` // the Source's ID
	Number  int      `json:"number"` // position within the source, from 1
	Section string   `json:"section"`
	Title   string   `json:"title"`          // a short title for tables
	Heading string   `json:"heading"`        // the source's own heading, verbatim
	Text    string   `json:"text,omitempty"` // the source's paragraph(s), verbatim
	Actors  []string `json:"actors"`         // whom the recommendation addresses
	// ActorStatus is the latest status of the actor a list was filtered by
	// (track list --actor), where one was recorded; absent otherwise.
	ActorStatus *ActorStatus `json:"actor_status,omitempty"`
	Themes      []string     `json:"themes"`
}

// Owner is a follow-up owner of a recommendation: the person or organisation
// chasing it, not the body it is addressed to.
type Owner struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
}

// Item is a recommendation with its state on some date: the row of
// `rtp track list`.
type Item struct {
	Recommendation
	Status        Status  `json:"status"`
	AsOf          *Date   `json:"as_of"`       // since when Status has held; nil while unassessed
	LastUpdate    *Date   `json:"last_update"` // the date of the latest update, which may re-assert Status
	Owners        []Owner `json:"owners"`
	EvidenceCount int     `json:"evidence_count"`
	// Private is set when the update in force is private: lists mark it.
	// Absent from JSON when false, so lists without private updates read
	// as before.
	Private bool `json:"private,omitempty"`
	// Target is the target in force on the day, with how far off it is;
	// absent from JSON when there is none, so lists without targets read
	// as before.
	Target *TargetDue `json:"target,omitempty"`
}

// Update is one entry in a recommendation's append-only history: somebody
// asserted that, from AsOf, the recommendation stood at Status.
type Update struct {
	ID               int64      `json:"id"`
	RecommendationID string     `json:"-"`
	Status           Status     `json:"status"`
	Note             string     `json:"note"`
	AsOf             Date       `json:"as_of"`
	By               string     `json:"by"`
	RecordedAt       time.Time  `json:"recorded_at"`
	Evidence         []Evidence `json:"evidence"`
	// Private keeps the update's note and evidence out of reports and
	// exports; its status still counts. Absent from JSON when false.
	Private bool `json:"private,omitempty"`
	// NoteOnly is set when the update gave no status (Status is the one it
	// kept): a note on its own. Absent from JSON when false.
	NoteOnly bool `json:"note_only,omitempty"`
	// Retracted is set once a later entry said this update was a mistake:
	// it no longer counts on any day, as known since the retraction was
	// received.
	Retracted *Retraction `json:"retracted"`
	// Amends is the update this one corrects (rtp track amend); absent
	// from JSON when none.
	Amends int64 `json:"amends,omitempty"`
	// AmendedBy is the update that corrects this one, which no longer
	// counts (it is retracted too); absent from JSON when none.
	AmendedBy *Amendment `json:"amended_by,omitempty"`
	// Actor is the addressee the update is about; absent from JSON when
	// the update is about the recommendation itself.
	Actor string `json:"actor,omitempty"`
}

// Amendment names the entry that corrects another: its ID, who recorded
// it and when.
type Amendment struct {
	ID         int64     `json:"id"`
	By         string    `json:"by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// Retraction marks an update or evidence as a mistake, from AsOf on, for a
// reason. The entry it retracts stays in the history.
type Retraction struct {
	ID         int64     `json:"id"`
	Reason     string    `json:"reason"`
	AsOf       Date      `json:"as_of"`
	By         string    `json:"by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// Evidence supports a recommendation's follow-up: a web page or a citation
// such as a UN document symbol, optionally tied to the update it supports.
type Evidence struct {
	ID       int64  `json:"id"`
	Ref      string `json:"ref"`
	Title    string `json:"title"`
	Date     Date   `json:"date"` // the document's date, or the day it counts from
	Note     string `json:"note"`
	Private  bool   `json:"private"`
	UpdateID int64  `json:"update_id,omitempty"`
	By       string `json:"by"`
	// Retracted is set once a later entry said this evidence was a mistake.
	Retracted *Retraction `json:"retracted"`
	// Amends and AmendedBy are as on Update.
	Amends    int64      `json:"amends,omitempty"`
	AmendedBy *Amendment `json:"amended_by,omitempty"`
}

// Detail is everything about one recommendation: the body of `rtp track show`.
type Detail struct {
	Item
	Updates  []Update   `json:"updates"`  // oldest first, each with its evidence
	Evidence []Evidence `json:"evidence"` // evidence not tied to an update
	// ActorStatuses is each actor's latest status, where updates about it
	// were recorded (actor.go); absent from JSON when none.
	ActorStatuses []ActorStatus `json:"actor_statuses,omitempty"`
}

// UpTo is the history as it stood on day: updates and evidence dated later
// are left out, so that the timeline ends with the state Detail gives for
// that day. A retraction reaches every day (it says the entry was always a
// mistake), so an entry retracted later stays, shown retracted.
func (d Detail) UpTo(day Date) Detail {
	upTo := func(list []Evidence) []Evidence {
		kept := make([]Evidence, 0, len(list))
		for _, e := range list {
			if e.Date <= day {
				kept = append(kept, e)
			}
		}
		return kept
	}
	updates := make([]Update, 0, len(d.Updates))
	for _, u := range d.Updates {
		if u.AsOf <= day {
			u.Evidence = upTo(u.Evidence)
			updates = append(updates, u)
		}
	}
	d.Updates, d.Evidence = updates, upTo(d.Evidence)
	return d
}

// ListFilter narrows `rtp track list`. Zero values do not filter.
type ListFilter struct {
	AsOf     Date     // the day whose state is listed; required
	Source   string   // recommendations of this source only
	Statuses []Status // any of these
	Owner    string   // a current owner, in any case or Unicode form (rtp.OwnerKey)
	Actor    string   // an addressee, case-insensitive
	Theme    string   // a theme, case-insensitive
	// StaleBefore keeps recommendations whose latest update is older than this
	// day, or that have none.
	StaleBefore Date
	// AsRecorded lists what the tracker said at that moment: entries and
	// retractions received after it are left out. Zero: as known now.
	AsRecorded Moment
}

// NewUpdate is what `rtp track update` asks the store to record.
type NewUpdate struct {
	RecommendationID string
	Status           Status // empty keeps the status in force on AsOf
	Note             string
	AsOf             Date
	By               string
	Evidence         []NewEvidence
	// Private makes the whole update private, its note and its evidence:
	// reports and exports leave them out; its status counts.
	Private bool
	// Actor names the addressee the update is about (one of the
	// recommendation's actors); empty: the recommendation itself. See actor.go.
	Actor string
	// NewActor adds Actor to the recommendation's actors knowingly when it
	// does not address it yet.
	NewActor bool
}

// NewEvidence is evidence to record, on its own or with an update.
type NewEvidence struct {
	RecommendationID string
	Ref              string
	Title            string
	Date             Date // empty: the update's AsOf, or the day it is recorded
	Note             string
	Private          bool
	By               string
	// recorded marks evidence already in a history (a merge's file, a
	// tracker db check reads): its reference is held to the rule it was
	// recorded under (checkRef), not to the typo checks of new input.
	recorded bool
}

// NewRetraction is what `rtp track retract` asks the store to record: the
// update or the evidence (by ID) that was a mistake, and why.
type NewRetraction struct {
	UpdateID   int64
	EvidenceID int64
	Reason     string
	AsOf       Date
	By         string
}

// Retracted says what a retraction did: the recommendation the entry
// belonged to and, for an update, the evidence recorded with it that was
// retracted with it.
type Retracted struct {
	RecommendationID string
	Evidence         []int64
}

// Assignment is what `rtp track assign` and `unassign` ask the store to record.
type Assignment struct {
	RecommendationID string
	Owner            string
	Role             Role // empty for an unassignment
	AsOf             Date
	By               string
}

// Event is one entry of the activity log: something recorded, by whom and
// when.
type Event struct {
	RecordedAt       time.Time `json:"recorded_at"`
	By               string    `json:"by"`
	RecommendationID string    `json:"recommendation"`
	// Kind is update, assign, unassign, evidence or retract for an entry,
	// import or merge for a batch (EntryID is then the batch's ID).
	Kind    string `json:"kind"`
	EntryID int64  `json:"entry_id"`
	Summary string `json:"summary"`
	// Batch is the import or merge that recorded the entry; null for an
	// entry recorded on its own.
	Batch *int64 `json:"batch"`
	// Amends is the entry an amendment corrects, AmendedBy the latest
	// entry that corrects this one; absent when none.
	Amends    int64 `json:"amends,omitempty"`
	AmendedBy int64 `json:"amended_by,omitempty"`
}

// LogFilter narrows `rtp log`. Zero values do not filter.
type LogFilter struct {
	Since            Date   // recorded on or after this day
	By               string // recorded by, case-insensitive
	RecommendationID string
	Batch            int64 // recorded by this import or merge, shown first
	Batches          bool  // the imports and merges instead of the entries
}
