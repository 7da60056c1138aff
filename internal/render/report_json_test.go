package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestReportJSONStreamed: the report written with its changes and rows
// streamed is byte for byte what json.MarshalIndent gives for the whole,
// with changes held or streamed, with entries or none.
func TestReportJSONStreamed(t *testing.T) {
	t.Parallel()
	since := rtp.Date("2019-01-01")
	changes := []rtp.Change{{RecommendationID: "upr", Number: 3, Kind: rtp.ChangeStatus, From: rtp.StatusUnassessed, To: rtp.StatusPartial, Date: "2019-02-01"},
		{RecommendationID: "upr", Number: 3, Kind: rtp.ChangeEvidence, Date: "2019-03-01", Detail: "A/73/898", Note: `a "quoted" <note>`}}
	recs := []rtp.ReportRow{{Item: rtp.Item{Recommendation: rtp.Recommendation{ID: "upr", Number: 3}, Status: rtp.StatusPartial}, LatestNote: "n"}}
	for name, c := range map[string]struct {
		changes []rtp.Change
		recs    []rtp.ReportRow
	}{"entries": {changes, recs}, "none": {[]rtp.Change{}, nil}, "no rows": {changes, nil}} {
		rep := rtp.Report{AsOf: "2019-12-31", Since: &since, StaleBefore: "2019-06-30", Changes: c.changes, Stale: []rtp.StaleRow{}}
		want, err := json.MarshalIndent(struct {
			rtp.Report
			Recommendations []rtp.ReportRow `json:"recommendations"`
		}{rep, append([]rtp.ReportRow{}, c.recs...)}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		rows := func(fn func(rtp.ReportRow) error) error {
			for _, r := range c.recs {
				if err := fn(r); err != nil {
					return err
				}
			}
			return nil
		}
		streamed := rep
		streamed.Changes, streamed.ChangeRows = nil, func(fn func(rtp.Change) error) error {
			for _, ch := range c.changes {
				if err := fn(ch); err != nil {
					return err
				}
			}
			return nil
		}
		for how, r := range map[string]rtp.Report{"held": rep, "streamed": streamed} {
			var got bytes.Buffer
			if err := Report(&got, "json", r, rows); err != nil {
				t.Fatal(err)
			}
			if got.String() != string(want)+"\n" {
				t.Errorf("%s, changes %s:\n%s\nwant\n%s", name, how, got.String(), want)
			}
		}
	}
}
