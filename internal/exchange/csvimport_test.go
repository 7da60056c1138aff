package exchange

import (
	"slices"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestParseImportProblemsByColumn checks what building the row's entries
// and validating them must keep: a problem shared by the evidence of
// several references is listed once, a row with nothing to record still
// has its date checked, and problems come in column order.
func TestParseImportProblemsByColumn(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		csv  string
		want []string
	}{
		"shared title": {"id,evidence,evidence_title\nupr,A/1;A/2,\"a\x01b\"\n",
			[]string{`line 2, column evidence_title: invalid evidence_title "a\x01b": control characters such as line breaks are not allowed`}},
		"nothing but a bad date": {"id,as_of\nupr,2019-02-30\n",
			[]string{`line 2, column as_of: invalid as_of "2019-02-30": there is no such day`}},
		"nothing to record": {"id,as_of\nupr,2019-02-28\n",
			[]string{"line 2: nothing to record: give a status, a note, evidence or an owner"}},
		"column order": {"id,role,owner,status,by,as_of\nupr,boss,FES,Done,\"a\x01b\",2016-01-01\n", []string{
			`line 2, column by: invalid by "a\x01b": control characters such as line breaks are not allowed`,
			`line 2, column as_of: invalid as_of "2016-01-01": upr was made on 2017-09-07; use that day or later`,
			`line 2, column status: invalid status "Done": use one of unassessed, not-started, in-progress, partial, implemented, stalled, regressed`,
			`line 2, column role: invalid role "boss": use lead, support or monitor`,
		}},
	} {
		_, err := ParseImport(name, []byte(c.csv), resolveAny, defaults)
		var e *rtp.Error
		if !errorsAs(err, &e) {
			t.Errorf("%s: err = %v", name, err)
			continue
		}
		if !slices.Equal(e.Details, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", name, e.Details, c.want)
		}
	}
}

// TestParseImportNamesUTF16: a spreadsheet saved as UTF-16 (either byte
// order) is refused with how to save it as UTF-8, not as invalid bytes.
func TestParseImportNamesUTF16(t *testing.T) {
	t.Parallel()
	for _, bom := range []string{"\xff\xfe", "\xfe\xff"} {
		_, err := ParseImport("progress.csv", []byte(bom+"i\x00d\x00"), resolveAny, defaults)
		if err == nil || !strings.Contains(err.Error(), `progress.csv is UTF-16 text: save it as "CSV UTF-8 (Comma delimited)"`) {
			t.Errorf("BOM %q: err = %v", bom, err)
		}
	}
}
