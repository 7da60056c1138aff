package rtp

import "context"

// The services a tracker offers, whatever keeps it: the command line and a
// web view depend on these interfaces, and each storage backend (the local
// SQLite file in internal/store today) implements them.

// Reader is everything that only reads a tracker: lists, a recommendation's
// history, reports, the activity log and exports. A report or a web view
// needs nothing more, and can be given a Reader opened read-only.
type Reader interface {
	// Resolve turns what a user typed for a recommendation (its ID, its
	// number in its source, or an unambiguous ID prefix) into its ID.
	Resolve(ctx context.Context, arg string) (string, error)
	// Each calls fn with every recommendation that passes the filter, in
	// order, with its state on filter.AsOf, streaming.
	Each(ctx context.Context, filter ListFilter, fn func(Item) error) error
	// Item returns one recommendation with its state on asOf.
	Item(ctx context.Context, id string, asOf Date) (Item, error)
	// Detail returns everything about one recommendation, with its state on
	// asOf, as the tracker said it at moment known (zero: as known now).
	Detail(ctx context.Context, id string, asOf Date, known Moment) (Detail, error)
	// Report builds a progress report in one snapshot: fn receives the
	// summary, changes and stale list, and the rows to stream.
	Report(ctx context.Context, req ReportRequest, fn func(Report, ReportRows) error) error
	// Log calls fn with every entry recorded that passes the filter, oldest first.
	Log(ctx context.Context, filter LogFilter, fn func(Event) error) error
	// Sources lists the source documents in their order.
	Sources(ctx context.Context) ([]SourceSummary, error)
	// CheckSource fails with EINVALID (field "source") unless the source exists.
	CheckSource(ctx context.Context, id string) error
	// Vocabulary returns the actors (kind "actor") or themes ("theme") in use.
	Vocabulary(ctx context.Context, kind string) ([]string, error)
	// MadeDates returns, for every recommendation, the date of its source:
	// nothing can be said of it before that day.
	MadeDates(ctx context.Context) (map[string]Date, error)
	// OwnerRenames lists every owner rename, by as-of date.
	OwnerRenames(ctx context.Context) ([]OwnerRename, error)
	// OwnerChanges lists a recommendation's assignments and unassignments
	// dated on or before asOf, by as-of date: its owners over time.
	OwnerChanges(ctx context.Context, id string, asOf Date) ([]OwnerChange, error)
	// ListPage returns at most limit recommendations of the list filter
	// keeps, from the offset-th (from 0) on, ordered by sort (one of
	// ListSorts, "-" first for descending; ties and "" in the tracker's
	// order): one page of a long list, sorted by the store, without
	// streaming the whole list. Its rows are public, as a report's
	// without private entries: evidence counts and last updates leave
	// private entries out (the page is served).
	ListPage(ctx context.Context, filter ListFilter, sort string, offset, limit int) ([]Item, error)
	// RecentChanges returns the latest limit status changes dated from
	// since to filter.AsOf, latest first, of the recommendations filter
	// keeps, as a report's changes count them; private notes left out.
	RecentChanges(ctx context.Context, filter ListFilter, since Date, limit int) ([]Change, error)
	// Targets returns the target in force on day for every recommendation
	// that has one, as the tracker said at moment known (zero: as known
	// now), by due date.
	Targets(ctx context.Context, day Date, known Moment) ([]Target, error)
	// ExportEach streams the whole tracker, in one snapshot, to v, as it
	// was at moment known (zero: everything).
	ExportEach(ctx context.Context, known Moment, v ExportVisitor) error
	// Search returns the entries whose words match, best first (search.go).
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
	// Version names what the tracker holds as this session sees it: it
	// changes whenever something is recorded (by any process or client)
	// and never on a read, so that a long-running reader (rtp serve) can
	// tell that what it read is still true.
	Version(ctx context.Context) (string, error)
	// Close releases the tracker.
	Close() error
}

// OwnerChange is one assignment or unassignment of a recommendation, as
// recorded: Role is empty for an unassignment.
type OwnerChange struct {
	Owner string `json:"owner"`
	Role  Role   `json:"role,omitempty"`
	AsOf  Date   `json:"as_of"`
	By    string `json:"by"`
}

// ListSorts are the orders a list page can be sorted in (Reader.ListPage):
// by number is the tracker's order; owners sorts by the first owner.
var ListSorts = []string{"number", "id", "title", "status", "since", "last_update", "owners", "evidence"}

// Tracker is a tracker that can be written: every method is one
// transaction, all of it recorded or none.
type Tracker interface {
	Reader
	// AddUpdate appends a status update with its evidence.
	AddUpdate(ctx context.Context, nu NewUpdate) (Update, error)
	// AddEvidence records evidence that is not tied to a status update.
	AddEvidence(ctx context.Context, ne NewEvidence) (Evidence, error)
	// Assign makes a.Owner an owner with a.Role from a.AsOf and returns the
	// owner's name as the history spells it (owners are one by OwnerKey); it
	// reports false, writing nothing, if the owner already had that role.
	Assign(ctx context.Context, a Assignment) (owner string, changed bool, err error)
	// Unassign ends a.Owner's follow-up from a.AsOf and returns the owner's
	// name as the history spells it.
	Unassign(ctx context.Context, a Assignment) (owner string, err error)
	// RenameOwner records that an owner is called by a new name from a day:
	// assignments under either name are one owner, shown by its name on the
	// day. It returns the rename, the old name as the history spells it.
	RenameOwner(ctx context.Context, r NewOwnerRename) (OwnerRename, error)
	// SetTarget records a target entry: the day by which a recommendation
	// should reach a status, a target moved, or (Clear) dropped.
	SetTarget(ctx context.Context, nt NewTarget) (Target, error)
	// Retract records that an update or a piece of evidence was a mistake,
	// with the evidence recorded with that update, and says what it did.
	Retract(ctx context.Context, nr NewRetraction) (Retracted, error)
	// Amend corrects an update or a piece of evidence: it records a new
	// entry with the fields given changed and the others copied, naming the
	// one it amends, and retracts that one, all in one transaction.
	Amend(ctx context.Context, na NewAmendment) (Amended, error)
	// RetractBatch retracts every update and piece of evidence one import
	// or merge recorded, in one transaction; it refuses a batch that
	// recorded owners, which cannot be retracted.
	RetractBatch(ctx context.Context, nb NewBatchRetraction) (BatchRetracted, error)
	// AddSource stores a source document and its recommendations.
	AddSource(ctx context.Context, doc Document) error
	// Import records the rows of a spreadsheet, all or none.
	// All that it records is one batch, from.
	Import(ctx context.Context, from BatchOrigin, rows []ImportRow, progress func(done, total int)) (ImportResult, error)
	// ImportDryRun says what Import would record and skip, writing nothing.
	ImportDryRun(ctx context.Context, rows []ImportRow) (ImportResult, error)
	// Merge adds what another tracker's export holds and this one lacks.
	// All that it adds is one batch, from.
	Merge(ctx context.Context, from BatchOrigin, exp Export, progress func(done, total int)) (MergeResult, error)
}

// TrackerFile is a tracker kept in a local file, with the administration
// that only a file has: where it is, consistent copies, and a full check of
// the file against rtp's schema and rules.
type TrackerFile interface {
	Tracker
	// Path returns the file's path as it was given.
	Path() string
	// ReadOnly reports whether the file was opened (or could only be
	// opened) read-only.
	ReadOnly() bool
	// Backup writes a consistent copy to dest, replacing a file only if force.
	Backup(ctx context.Context, dest string, force bool) error
	// Check verifies the file and reports every problem found.
	Check(ctx context.Context) (CheckReport, error)
}

// Document is a source with its recommendations, as a source file holds it
// and an export lists it.
type Document struct {
	Source
	Recommendations []Recommendation `json:"recommendations"`
}

// SourceSummary is a source with the number of its recommendations.
type SourceSummary struct {
	Source
	Recommendations int `json:"recommendations"`
}

// CheckReport is what `rtp db check` found.
type CheckReport struct {
	Problems []string
	// Warnings are about the file rather than what it holds, such as
	// private entries that other users may read: the tracker is sound.
	Warnings []string
	// Counts of what the tracker holds, by table, and "amendments": the
	// updates and evidence that correct another.
	Counts map[string]int
}

// ExportVisitor receives a tracker in its exchange form, section by
// section, entries one at a time: an export of a large tracker is streamed,
// never held whole.
type ExportVisitor interface {
	Sources([]ExportSource) error
	Update(ExportUpdate) error
	Assignment(ExportAssignment) error
	Evidence(ExportEvidence) error
	Retraction(ExportRetraction) error
	// Rename receives an owner rename; renames come after retractions.
	Rename(ExportRename) error
	// Target receives a target entry; targets come last, after the
	// recurring checks that a visitor of those receives.
	Target(ExportTarget) error
}
