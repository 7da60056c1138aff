package rtp_test

import (
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

func TestNewAmendmentValidate(t *testing.T) {
	t.Parallel()
	status, day, future, ref, empty := rtp.StatusPartial, rtp.Date("2020-01-01"), rtp.Date("2026-12-01"), "A/1", ""
	bad := rtp.Status("done")
	for _, c := range []struct {
		name string
		na   rtp.NewAmendment
		want string // "" for valid
	}{
		{"UpdateStatus", rtp.NewAmendment{UpdateID: 1, Status: &status, By: "t"}, ""},
		{"EvidenceRef", rtp.NewAmendment{EvidenceID: 1, Ref: &ref, By: "t"}, ""},
		{"EmptyNoteIsAChange", rtp.NewAmendment{UpdateID: 1, Note: &empty, By: "t"}, ""},
		{"NoEntry", rtp.NewAmendment{Status: &status, By: "t"}, "an amendment names one update or one piece of evidence"},
		{"BothEntries", rtp.NewAmendment{UpdateID: 1, EvidenceID: 1, Status: &status, By: "t"}, "an amendment names one update or one piece of evidence"},
		{"NoField", rtp.NewAmendment{UpdateID: 1, By: "t"}, "nothing to amend: give at least one field to change"},
		{"EvidenceFieldOnAnUpdate", rtp.NewAmendment{UpdateID: 1, Date: &day, By: "t"}, "date is a field of evidence, not of an update"},
		{"UpdateFieldOnEvidence", rtp.NewAmendment{EvidenceID: 1, AsOf: &day, By: "t"}, "as_of is a field of an update, not of evidence"},
		{"Future", rtp.NewAmendment{UpdateID: 1, AsOf: &future, By: "t"}, `invalid as_of "2026-12-01": it is in the future`},
		{"Status", rtp.NewAmendment{UpdateID: 1, Status: &bad, By: "t"}, `invalid status "done"`},
		{"EmptyRef", rtp.NewAmendment{EvidenceID: 1, Ref: &empty, By: "t"}, "ref is empty"},
		{"NoAuthor", rtp.NewAmendment{UpdateID: 1, Status: &status}, "by is empty"},
	} {
		err := c.na.Validate("2026-11-29")
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want valid", c.name, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(err.Error(), c.want)):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// The export checker holds an amendment to the entry it amends, when the
// export holds that: the same kind, the same recommendation, retracted.
func TestExportCheckerAmendments(t *testing.T) {
	t.Parallel()
	at := "2020-01-01T00:00:00Z"
	export := func(amends string, rec string, retracted bool) rtp.Export {
		exp := rtp.Export{Format: rtp.ExportFormat, Version: rtp.ExportVersion,
			Updates: []rtp.ExportUpdate{
				// The amendment first: the same second, its uid sorting first.
				{UID: "AAAAAAAAAAAA", RecommendationID: rec, Status: "partial", AsOf: "2019-01-01", By: "x", RecordedAt: at, Amends: amends},
				{UID: "UUUUUUUUUUUU", RecommendationID: "upr", Status: "stalled", AsOf: "2019-01-01", By: "x", RecordedAt: at},
			},
			Evidence: []rtp.ExportEvidence{{UID: "EEEEEEEEEEEE", RecommendationID: "upr", Ref: "A/1", Date: "2019-01-01", By: "x", RecordedAt: at}},
		}
		if retracted {
			exp.Retractions = []rtp.ExportRetraction{{UID: "RRRRRRRRRRRR", Update: amends, Reason: "amended", AsOf: "2019-01-01", By: "x", RecordedAt: at}}
		}
		return exp
	}
	for _, c := range []struct {
		name string
		exp  rtp.Export
		want string
	}{
		{"OK", export("UUUUUUUUUUUU", "upr", true), ""},
		{"NotInTheFile", export("ZZZZZZZZZZZZ", "upr", false), ""},
		{"NotRetracted", export("UUUUUUUUUUUU", "upr", false), "update 1 (AAAAAAAAAAAA): it amends UUUUUUUUUUUU, which no retraction retracts"},
		{"OfAnotherRecommendation", export("UUUUUUUUUUUU", "ga-agenda", true), "update 1 (AAAAAAAAAAAA): it amends UUUUUUUUUUUU, which belongs to upr, not ga-agenda"},
		{"OfAnotherKind", export("EEEEEEEEEEEE", "upr", false), "update 1 (AAAAAAAAAAAA): it amends EEEEEEEEEEEE, which is not an update"},
		{"BadUID", export("bad uid", "upr", false), `update 1 (AAAAAAAAAAAA): invalid amends "bad uid"`},
	} {
		err := c.exp.Validate("2026-11-29")
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want valid", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}
