package rtp

// ReportRequest says what `rtp report` covers.
type ReportRequest struct {
	AsOf        Date // the reporting date: later updates and evidence are left out
	Since       Date // if set, list the status changes dated after it
	StaleBefore Date // updates older than this are stale (default 180 days before AsOf)
	Filter      ListFilter
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
}

// Report is the content of a progress report. Rows are not held here but
// streamed by the store, so that a report on a large tracker does not need
// them all in memory.
type Report struct {
	Sources     []Source   `json:"sources"`
	AsOf        Date       `json:"as_of"`
	Since       *Date      `json:"since"`
	StaleBefore Date       `json:"stale_before"`
	Filtered    bool       `json:"filtered"` // a --status, --owner or --theme filter was applied
	Summary     Summary    `json:"summary"`
	Changes     []Change   `json:"changes"` // only with Since
	Stale       []StaleRow `json:"stale"`
	// History is every status change up to AsOf, for the timeline chart;
	// it is left empty when the report has more than TimelineLimit rows.
	History []Change `json:"-"`
}

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
}

// EvidenceRef is evidence as a report cites it.
type EvidenceRef struct {
	Ref     string `json:"ref"`
	Title   string `json:"title"`
	Date    Date   `json:"date"`
	Private bool   `json:"private"`
}

// Change is a status change: an update whose status differs from the one in
// force before it.
type Change struct {
	RecommendationID string `json:"id"`
	Number           int    `json:"number"`
	Title            string `json:"title"`
	From             Status `json:"from"`
	To               Status `json:"to"`
	Date             Date   `json:"date"`
	By               string `json:"by"`
	Note             string `json:"note"`
	UpdateID         int64  `json:"update_id"`
}

// StaleRow is a recommendation with no update within the stale period.
type StaleRow struct {
	RecommendationID string `json:"id"`
	Number           int    `json:"number"`
	Title            string `json:"title"`
	Status           Status `json:"status"`
	LastUpdate       *Date  `json:"last_update"`
}

// ReportRows streams a report's rows, in order, to fn.
type ReportRows func(fn func(ReportRow) error) error
