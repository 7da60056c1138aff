package render

import (
	"io"
	"strconv"
	"time"

	"github.com/rtp-tracker/rtp"
)

var logLayout = layout[rtp.Event]{
	columns: []string{"recorded_at", "by", "recommendation", "kind", "entry_id", "summary"},
	cells: func(e rtp.Event, text func(string) string) []string {
		return []string{e.RecordedAt.Format(time.RFC3339), text(e.By), text(e.RecommendationID), e.Kind,
			strconv.FormatInt(e.EntryID, 10), text(e.Summary)}
	},
	header: []string{"RECORDED (UTC)", "BY", "RECOMMENDATION", "WHAT", "DETAILS"},
	tableRow: func(e rtp.Event) []string {
		return []string{e.RecordedAt.Format("2006-01-02 15:04"), Terminal(e.By, false), e.RecommendationID,
			e.Kind + " " + strconv.FormatInt(e.EntryID, 10), Terminal(e.Summary, false)}
	},
	fit:      []column{{index: 4, min: 20, shrink: true}, {index: 1, min: 8, shrink: true}},
	empty:    "Nothing recorded matches.",
	mdHeader: []string{"Recorded (UTC)", "By", "Recommendation", "What", "Details"},
	mdRow: func(e rtp.Event) []string {
		id := ""
		if e.RecommendationID != "" { // a batch is about no one recommendation
			id = "`" + e.RecommendationID + "`"
		}
		return []string{e.RecordedAt.Format("2006-01-02 15:04"), MarkdownCell(e.By), id,
			e.Kind + " " + strconv.FormatInt(e.EntryID, 10), MarkdownCell(e.Summary)}
	},
}

// NewLogWriter returns the writer of the activity log for format, one of
// ListFormats.
func NewLogWriter(w io.Writer, format string, opts Options) (RowWriter[rtp.Event], error) {
	if err := CheckFormat(format, ListFormats); err != nil {
		return nil, err
	}
	return newRowWriter(w, format, opts, logLayout), nil
}
