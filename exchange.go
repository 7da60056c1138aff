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
}

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

// MergeResult says what `rtp merge` did.
type MergeResult struct {
	Sources, Recommendations, Updates, Assignments, Evidence, Retractions int // added
	AlreadyPresent                                                        int // entries the tracker had
	Divergences                                                           []Divergence
	Notes                                                                 []string // differences kept as they were
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

// ImportResult counts what an import recorded.
type ImportResult struct {
	Rows, Updates, Evidence, Assignments int
}
