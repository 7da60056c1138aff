package exchange

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

func resolveAny(arg string) (string, rtp.Date, error) {
	if arg == "nope" {
		return "", "", rtp.Errorf(rtp.ENOTFOUND, "unknown recommendation %q", arg)
	}
	return arg, "2017-09-07", nil
}

var defaults = ImportDefaults{By: "tester", Today: "2026-11-29"}

func TestParseImportSeparatorsAndBOM(t *testing.T) {
	for name, data := range map[string]string{
		"comma":     "id,status,as_of\r\nupr,partial,2019-01-01\r\n",
		"semicolon": "\xef\xbb\xbfid;status;as_of\nupr;partial;2019-01-01\n",
		"tab":       "id\tstatus\tas_of\nupr\tpartial\t2019-01-01\n",
	} {
		rows, err := ParseImport(name, []byte(data), resolveAny, defaults)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(rows) != 1 || rows[0].Update == nil || rows[0].Update.Status != rtp.StatusPartial || rows[0].Update.AsOf != "2019-01-01" {
			t.Errorf("%s: rows %+v", name, rows)
		}
	}
}

func TestParseImportListsEveryProblem(t *testing.T) {
	data := "id,status,as_of,private\nnope,partial,2019-01-01,\nupr,Done,2019-02-30,maybe\nupr,partial\n"
	_, err := ParseImport("bad.csv", []byte(data), resolveAny, defaults)
	var e *rtp.Error
	if err == nil || !errorsAs(err, &e) {
		t.Fatalf("err = %v", err)
	}
	want := []string{"line 2, column id", "line 3, column as_of", "line 3, column private", "line 3, column status", "line 4: 2 cells"}
	if len(e.Details) != len(want) {
		t.Fatalf("details %q", e.Details)
	}
	for i, w := range want {
		if !strings.HasPrefix(e.Details[i], w) {
			t.Errorf("detail %d = %q, want %q…", i, e.Details[i], w)
		}
	}
}

func errorsAs(err error, target **rtp.Error) bool {
	e, ok := err.(*rtp.Error)
	*target = e
	return ok
}

// TestWriterWritesValidJSON checks the streamed export, empty and not, is
// one JSON object with every list, whatever lists have entries.
func TestWriterWritesValidJSON(t *testing.T) {
	for name, fill := range map[string]func(*Writer){
		"empty":         func(*Writer) {},
		"only evidence": func(x *Writer) { x.Evidence(rtp.ExportEvidence{UID: "e1"}) },
		"updates, retract": func(x *Writer) {
			x.Update(rtp.ExportUpdate{UID: "u1"})
			x.Update(rtp.ExportUpdate{UID: "u2"})
			x.Retraction(rtp.ExportRetraction{UID: "r1"})
		},
		"only renames": func(x *Writer) { x.Rename(rtp.ExportRename{UID: "n1"}) },
		"assign, renames": func(x *Writer) {
			x.Assignment(rtp.ExportAssignment{UID: "a1"})
			x.Rename(rtp.ExportRename{UID: "n1"})
			x.Rename(rtp.ExportRename{UID: "n2"})
		},
	} {
		var b bytes.Buffer
		x := NewWriter(&b)
		if err := x.Sources([]rtp.ExportSource{}); err != nil {
			t.Fatal(err)
		}
		fill(x)
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		text := b.String()
		var exp rtp.Export
		dec := json.NewDecoder(&b)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&exp); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, b.String())
		}
		if exp.Format != rtp.ExportFormat || exp.Updates == nil || exp.Assignments == nil || exp.Evidence == nil || exp.Retractions == nil {
			t.Errorf("%s: %+v", name, exp)
		}
		// Renames, optional, are written only when there are some, so that
		// older rtp versions read exports without any.
		if hasRenames := strings.Contains(name, "renames"); hasRenames != strings.Contains(text, `"renames"`) ||
			len(exp.Renames) != strings.Count(text, `"uid":"n`) {
			t.Errorf("%s: renames %v in\n%s", name, exp.Renames, text)
		}
	}
}

func TestValidateRefusesHostileEntries(t *testing.T) {
	exp := rtp.Export{Format: rtp.ExportFormat, Version: 1,
		Updates:  []rtp.ExportUpdate{{UID: "bad uid!", RecommendationID: "upr", Status: "done", AsOf: "2999-01-01", By: "x", RecordedAt: "2019-01-01T00:00:00Z"}},
		Evidence: []rtp.ExportEvidence{{UID: "AAAAAAAAAA", RecommendationID: "upr", Ref: "javascript:alert(1)", Date: "2019-01-01", By: "x", RecordedAt: "2019-01-01T00:00:00+02:00"}},
	}
	problems := rtp.Messages(exp.Validate("2026-11-29"))
	for _, want := range []string{`invalid uid "bad uid!"`, `invalid status "done"`, `"2999-01-01": it is in the future`, `invalid ref "javascript:alert(1)"`, `invalid recorded_at "2019-01-01T00:00:00+02:00"`} {
		if !strings.Contains(strings.Join(problems, "\n"), want) {
			t.Errorf("no problem says %s:\n%s", want, strings.Join(problems, "\n"))
		}
	}
}
