package cli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/cli"
	"github.com/rtp-tracker/rtp/internal/exchange"
)

const today rtp.Date = "2026-11-29"

// runRTP runs rtp in process and returns what it wrote to stderr. The
// cases below fail before the tracker is opened, so none is needed.
func runRTP(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := map[string]string{"RTP_AUTHOR": "tester", "RTP_NOW": string(today)}
	a := &cli.App{IOStreams: cli.IOStreams{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr},
		Getenv: func(k string) string { return env[k] }, Now: time.Now}
	if code := a.Run(append(args, "--db", t.TempDir()+"/none.db")); code != 2 {
		t.Fatalf("rtp %q exited %d, want 2; stderr:\n%s", args, code, stderr.String())
	}
	return stderr.String()
}

func validExport() rtp.Export {
	const at = "2019-01-01T10:00:00Z"
	return rtp.Export{Format: rtp.ExportFormat, Version: rtp.ExportVersion,
		Updates:     []rtp.ExportUpdate{{UID: "UUUUUUUUUUUU", RecommendationID: "upr", Status: "partial", AsOf: "2019-01-01", By: "x", RecordedAt: at}},
		Assignments: []rtp.ExportAssignment{{UID: "AAAAAAAAAAAA", RecommendationID: "upr", Owner: "FES", Action: "assign", Role: "lead", AsOf: "2019-01-01", By: "x", RecordedAt: at}},
		Evidence:    []rtp.ExportEvidence{{UID: "EEEEEEEEEEEE", RecommendationID: "upr", Ref: "A/RES/72/1", Date: "2019-01-01", By: "x", RecordedAt: at}},
		Retractions: []rtp.ExportRetraction{{UID: "RRRRRRRRRRRR", Update: "UUUUUUUUUUUU", Reason: "wrong", AsOf: "2019-01-02", By: "x", RecordedAt: at}},
	}
}

// TestEveryWayInGivesTheSameProblem feeds the same bad value through the
// command line, a spreadsheet import and a merged export: each names the
// field in its own words (a flag, a column, an export's field), and the
// problem is worded the same.
func TestEveryWayInGivesTheSameProblem(t *testing.T) {
	t.Parallel()
	longNote := strings.Repeat("n", rtp.MaxNoteBytes+1)
	for _, c := range []struct {
		name      string
		cli       []string // the command; empty if no command takes the field
		flag      string
		csv       string // the spreadsheet; empty if it has no such column
		column    string
		export    func(*rtp.Export)
		field     string
		problem   string // what follows the field's name
		valueless bool   // the message does not repeat the value
	}{
		{name: "status", cli: []string{"track", "update", "upr", "--status", "Done"}, flag: "--status",
			csv: "id,status\nupr,Done\n", column: "status",
			export: func(e *rtp.Export) { e.Updates[0].Status = "Done" }, field: "status",
			problem: `"Done": use one of unassessed, not-started, in-progress, partial, implemented, stalled, regressed`},
		{name: "as_of", cli: []string{"track", "update", "upr", "--note", "n", "--as-of", "2018-02-30"}, flag: "--as-of",
			csv: "id,note,as_of\nupr,n,2018-02-30\n", column: "as_of",
			export: func(e *rtp.Export) { e.Updates[0].AsOf = "2018-02-30" }, field: "as_of",
			problem: `"2018-02-30": there is no such day`},
		{name: "note", cli: []string{"track", "update", "upr", "--note", longNote}, flag: "--note",
			csv: "id,note\nupr," + longNote + "\n", column: "note",
			export: func(e *rtp.Export) { e.Updates[0].Note = longNote }, field: "note",
			problem: "is 65537 bytes long: the limit is 65536", valueless: true},
		{name: "by", cli: []string{"track", "update", "upr", "--note", "n", "--by", "a\x01b"}, flag: "--by",
			csv: "id,note,by\nupr,n,a\x01b\n", column: "by",
			export: func(e *rtp.Export) { e.Updates[0].By = "a\x01b" }, field: "by",
			problem: `"a\x01b": control characters such as line breaks are not allowed`},
		{name: "evidence ref", cli: []string{"track", "update", "upr", "--evidence", "javascript:alert(1)"}, flag: "--evidence",
			csv: "id,evidence\nupr,javascript:alert(1)\n", column: "evidence",
			export: func(e *rtp.Export) { e.Evidence[0].Ref = "javascript:alert(1)" }, field: "ref",
			problem: `"javascript:alert(1)": links must start with http:// or https://; otherwise give a citation such as A/RES/72/1`},
		{name: "evidence REF", cli: []string{"track", "evidence", "upr", "http://"}, flag: "REF",
			csv: "id,evidence\nupr,http://\n", column: "evidence",
			export: func(e *rtp.Export) { e.Evidence[0].Ref = "http://" }, field: "ref",
			problem: `"http://": the link has no host name`},
		{name: "evidence title", cli: []string{"track", "evidence", "upr", "A/72/1", "--title", "a\x01b"}, flag: "--title",
			csv: "id,evidence,evidence_title\nupr,A/72/1,a\x01b\n", column: "evidence_title",
			export: func(e *rtp.Export) { e.Evidence[0].Title = "a\x01b" }, field: "title",
			problem: `"a\x01b": control characters such as line breaks are not allowed`},
		{name: "owner", cli: []string{"track", "assign", "upr", "a\x01b"}, flag: "owner name",
			csv: "id,owner\nupr,a\x01b\n", column: "owner",
			export: func(e *rtp.Export) { e.Assignments[0].Owner = "a\x01b" }, field: "owner",
			problem: `"a\x01b": control characters such as line breaks are not allowed`},
		{name: "role", cli: []string{"track", "assign", "upr", "FES", "--role", "boss"}, flag: "--role",
			csv: "id,owner,role\nupr,FES,boss\n", column: "role",
			export: func(e *rtp.Export) { e.Assignments[0].Role = "boss" }, field: "role",
			problem: `"boss": use lead, support or monitor`},
		{name: "reason", cli: []string{"track", "retract", "7", "--reason", "a\nb"}, flag: "--reason",
			export: func(e *rtp.Export) { e.Retractions[0].Reason = "a\nb" }, field: "reason",
			problem: `"a\nb": control characters such as line breaks are not allowed`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			message := func(label string) string {
				if c.valueless {
					return label + " " + c.problem
				}
				return "invalid " + label + " " + c.problem
			}
			if got, want := runRTP(t, c.cli...), "rtp: "+message(c.flag)+"\n"; got != want {
				t.Errorf("command line:\n got %q\nwant %q", got, want)
			}
			if c.csv != "" {
				_, err := exchange.ParseImport("bad.csv", []byte(c.csv), resolveAny, exchange.ImportDefaults{By: "tester", Today: today})
				if want := "line 2, column " + c.column + ": " + message(c.column); !slices.Contains(details(err), want) {
					t.Errorf("import: %v %q, want the detail %q", err, details(err), want)
				}
			}
			exp := validExport()
			c.export(&exp)
			data, err := json.Marshal(exp)
			if err != nil {
				t.Fatal(err)
			}
			_, err = exchange.Decode("bad.json", data, today)
			found := false
			for _, d := range details(err) {
				found = found || strings.HasSuffix(d, "): "+message(c.field))
			}
			if !found {
				t.Errorf("export: %v %q, want a detail ending %q", err, details(err), message(c.field))
			}
		})
	}
}

func resolveAny(arg string) (string, rtp.Date, error) { return arg, "2017-09-07", nil }

func details(err error) []string {
	var e *rtp.Error
	if !errors.As(err, &e) {
		return nil
	}
	return e.Details
}
