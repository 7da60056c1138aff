package rtp

// ReportRequest says what `rtp report` covers.
type ReportRequest struct {
	AsOf  Date // the reporting date: later updates and evidence are left out
	Since Date // if set, list the entries dated on or after it
	// DetailFull gives each row every note of the period (Since to AsOf, or
	// all up to AsOf), not only the latest.
	DetailFull  bool
	StaleBefore Date // updates older than this are stale (default 180 days before AsOf)
	// StaleAll lists implemented recommendations among the stale too; by
	// default they are left out, as work done needs no follow-up.
	StaleAll bool
	Filter   ListFilter
	// IncludePrivate includes private entries: the notes and evidence of
	// private updates, and private evidence. Without it a private update's
	// status still counts, its note and evidence are left out.
	IncludePrivate bool
	// RowsOnly skips the summary, changes and stale list, for formats that
	// only have rows (CSV): the report is then one streaming pass.
	RowsOnly bool
	// AsRecorded reports what the tracker said at that moment (the report
	// as it was sent then); zero: as known now.
	AsRecorded Moment
	// StreamChanges leaves Report.Changes empty and streams the period's
	// entries through Report.ChangeRows instead: a long period of a large
	// tracker holds millions of them.
	StreamChanges bool
}

// Report is the content of a progress report. Rows are not held here but
// streamed by the store, so that a report on a large tracker does not need
// them all in memory.
type Report struct {
	Sources     []Source `json:"sources"`
	AsOf        Date     `json:"as_of"`
	Since       *Date    `json:"since"`
	StaleBefore Date     `json:"stale_before"`
	StaleAll    bool     `json:"stale_all"`   // implemented recommendations are in Stale too
	DetailFull  bool     `json:"detail_full"` // rows have every note of the period
	Filtered    bool     `json:"filtered"`    // a --status, --owner or --theme filter was applied
	Summary     Summary  `json:"summary"`
	// BySource is the summary of each source's recommendations, in the
	// order of the sources, when the report has more than one: a share of
	// "6 of 10" mixing a memo and a resolution would mean nothing.
	BySource []SourceSummaryCount `json:"by_source,omitempty"`
	Changes  []Change             `json:"changes"` // every entry of the period, only with Since
	// ChangeRows streams the entries of the period in place of Changes,
	// with StreamChanges; read them with EachChange, within the function
	// given to Tracker.Report (they are read in its transaction).
	ChangeRows func(fn func(Change) error) error `json:"-"`
	Stale      []StaleRow                        `json:"stale"`
	// Due lists the targets not reached on AsOf that are overdue then or
	// due within DueWithinDays after it (and whatever else rtp due lists),
	// soonest first: the report's "Due and overdue" section. Absent from
	// JSON, and the section from every format, when Targets is false.
	Due []DueItem `json:"due,omitempty"`
	// Targets is set when a recommendation of the report has a target on
	// AsOf: progress tables then get a Target column and the report a "Due
	// and overdue" section, so reports of trackers without targets read as
	// before.
	Targets bool `json:"-"`
	// History is every status change up to AsOf (kind status only), for the timeline chart;
	// it is left empty when the report has more than TimelineLimit rows.
	History []Change `json:"-"`
	// Checks are the recurring checks with their periods on AsOf (check.go):
	// reports show them as a matrix, only when the tracker has checks.
	Checks []CheckStatus `json:"checks,omitempty"`
	// Actors is each recommendation's actors' latest statuses, where
	// updates about them were recorded (actor.go): the regional bodies
	// moving at their own speeds. Absent when none.
	Actors []ReportActor `json:"actor_statuses,omitempty"`
}

// ReportActor is one actor's latest status on one recommendation.
type ReportActor struct {
	RecommendationID string `json:"recommendation"`
	ActorStatus
}

// EachChange passes every entry of the report's period to fn, in order,
// whether they are held (Changes) or streamed (ChangeRows).
func (r Report) EachChange(fn func(Change) error) error {
	if r.ChangeRows != nil {
		return r.ChangeRows(fn)
	}
	for _, c := range r.Changes {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// DueWithinDays is how far after the reporting date a report's "Due and
// overdue" section looks.
const DueWithinDays = 90

// TimelineLimit is the most recommendations a timeline chart draws, one lane
// each, before it stops being readable.
const TimelineLimit = 60

// Summary counts the recommendations in a report by status.
type Summary struct {
	Total    int           `json:"total"`
	ByStatus []StatusCount `json:"by_status"` // every status of the vocabulary, in its order
	// ImplementedOrPartial is the count of implemented and partial
	// recommendations; Share is it as a percentage of Total.
	ImplementedOrPartial int     `json:"implemented_or_partial"`
	Share                float64 `json:"implemented_or_partial_percent"`
}

// SourceSummaryCount is the summary of one source's recommendations.
type SourceSummaryCount struct {
	Source  string  `json:"source"`
	Title   string  `json:"title"`
	Summary Summary `json:"summary"`
}

// MixesSources says whether the report's rows come from more than one
// source: its tables then name each recommendation's source, and its
// numbers are written memo-2017/6.
func (r Report) MixesSources() bool { return len(r.BySource) > 1 }

// StatusCount is how many recommendations stand at a status.
type StatusCount struct {
	Status Status `json:"status"`
	Count  int    `json:"count"`
}

// ReportRow is one recommendation's line in a progress table.
type ReportRow struct {
	Item
	LatestNote     string        `json:"latest_note"`
	LatestNoteDate *Date         `json:"latest_note_date"`
	EvidenceRefs   []EvidenceRef `json:"evidence"`
	// Notes are every note of the period, oldest first, with --detail full.
	Notes []DatedNote `json:"notes,omitempty"`
}

// DatedNote is the note of an update, with its day and author.
type DatedNote struct {
	Date Date   `json:"date"`
	By   string `json:"by"`
	Note string `json:"note"`
}

// EvidenceRef is evidence as a report cites it.
type EvidenceRef struct {
	Ref     string `json:"ref"`
	Title   string `json:"title"`
	Date    Date   `json:"date"`
	Private bool   `json:"private"`
}

// OnePerDocument keeps one piece of evidence per document (DocumentKey):
// the first recorded, with the title of a later one if it had none. A
// document recorded both as its UN symbol and as its address is cited once.
func OnePerDocument(refs []EvidenceRef) []EvidenceRef {
	out := refs[:0:0]
	seen := map[string]int{}
	for _, e := range refs {
		key := DocumentKey(e.Ref)
		if i, ok := seen[key]; ok {
			if out[i].Title == "" {
				out[i].Title = e.Title
			}
			continue
		}
		seen[key] = len(out)
		out = append(out, e)
	}
	return out
}

// Change is one entry of a report's period, of one of the ChangeKinds. A
// status change has From and To; the others have Detail (the evidence, the
// owner, the retracted entry) and Note (the update's note, the evidence's
// note, the reason of a retraction).
type Change struct {
	RecommendationID string `json:"id"`
	Source           string `json:"source"`
	Number           int    `json:"number"`
	Title            string `json:"title"`
	Kind             string `json:"kind"`
	From             Status `json:"from,omitempty"`
	To               Status `json:"to,omitempty"`
	Date             Date   `json:"date"`
	By               string `json:"by"`
	Detail           string `json:"detail,omitempty"`
	Note             string `json:"note"`
	// EntryID is the number of the update, evidence, assignment or
	// retraction, as rtp track show and rtp log print it.
	EntryID int64 `json:"entry_id"`
}

// The kinds of Change.
const (
	ChangeStatus     = "status"     // an update that changed the status
	ChangeNote       = "note"       // an update that kept the status (a note-only update)
	ChangeEvidence   = "evidence"   // evidence dated in the period
	ChangeOwner      = "owner"      // an owner assigned or unassigned
	ChangeRetraction = "retraction" // an update or evidence retracted
	// ChangeAmended is an update or evidence that corrects another (rtp
	// track amend); the retraction recorded with it is not listed apart.
	ChangeAmended = "amended"
)

// StaleRow is a recommendation with no update within the stale period.
type StaleRow struct {
	RecommendationID string `json:"id"`
	Source           string `json:"source"`
	Number           int    `json:"number"`
	Title            string `json:"title"`
	Status           Status `json:"status"`
	LastUpdate       *Date  `json:"last_update"`
}

// ReportRows streams a report's rows, in order, to fn.
type ReportRows func(fn func(ReportRow) error) error
