package exchange

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestWriterSourcesAsMarshalIndent holds the streamed sources to the bytes
// json.MarshalIndent gives for the whole list, which the export wrote before:
// the same history must always export to the same bytes.
func TestWriterSourcesAsMarshalIndent(t *testing.T) {
	t.Parallel()
	rec := func(id string, n int) rtp.Recommendation {
		return rtp.Recommendation{ID: id, Source: "memo", Number: n, Section: "A <b> & \"c\"", Title: "Keep \u2028 RtoP\non the agenda",
			Heading: "h", Text: "a\tparagraph\\", Actors: []string{"GA", "SG"}, Themes: nil}
	}
	src := func(id string, recs ...rtp.Recommendation) rtp.ExportSource {
		return rtp.ExportSource{Source: rtp.Source{ID: id, Title: "A memo [draft] []", Date: "2017-09-07"}, Recommendations: recs}
	}
	for name, list := range map[string][]rtp.ExportSource{
		"none":                       {},
		"one source, no recs":        {src("a")},
		"nil recommendations":        {{Source: rtp.Source{ID: "n"}}},
		"several":                    {src("a", rec("x", 1), rec("y", 2)), src("b"), src("c", rec("z", 1))},
		"brackets in the last field": {src("d", rec("w", 1))},
	} {
		if name == "none" {
			list = []rtp.ExportSource{}
		}
		want, err := json.MarshalIndent(list, "  ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		x := NewWriter(&out)
		if err := x.Sources(list); err != nil {
			t.Fatal(err)
		}
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		_, got, _ := strings.Cut(out.String(), `"sources": `)
		got, _, _ = strings.Cut(got, ",\n  \"updates\"")
		if got != string(want) {
			t.Errorf("%s: streamed\n%s\nMarshalIndent\n%s", name, got, want)
		}
	}
}
