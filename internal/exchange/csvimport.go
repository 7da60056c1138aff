package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// ImportColumns are the columns `rtp track import` reads, in the order of
// the template. Only id is required; see the README for what each means.
var ImportColumns = []string{"id", "status", "as_of", "note", "by", "evidence", "evidence_title", "evidence_date", "private", "owner", "role"}

// MaxImportBytes bounds a spreadsheet read for import.
const MaxImportBytes = 64 << 20

// Resolver turns what a row says about a recommendation into its ID and
// the date from which the recommendation exists.
type Resolver func(arg string) (id string, made rtp.Date, err error)

// ImportDefaults fills what a row leaves empty.
type ImportDefaults struct {
	By    string
	Today rtp.Date
}

// ReadImport reads a CSV file as spreadsheets save it (UTF-8 with or without
// a byte-order mark, CRLF or LF, quoted line breaks, and comma, semicolon or
// tab separators) and checks every row. Any problem rejects the whole file:
// the error lists every problem with its line and column.
func ReadImport(path string, resolve Resolver, defaults ImportDefaults) ([]rtp.ImportRow, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, rtp.Errorf(rtp.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	if info.IsDir() || info.Size() > MaxImportBytes {
		return nil, rtp.Errorf(rtp.EINVALID, "%s is not a CSV file of at most %d MiB", path, MaxImportBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, rtp.Errorf(rtp.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	return ParseImport(path, data, resolve, defaults)
}

// ParseImport is ReadImport on the file's bytes.
func ParseImport(name string, data []byte, resolve Resolver, defaults ImportDefaults) ([]rtp.ImportRow, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := rtp.CheckText(name, string(data), MaxImportBytes); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, rtp.Errorf(rtp.EINVALID, "%s is empty: start from rtp track import --template", name)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = 0 // every row as long as the header
	header, err := r.Read()
	if err != nil {
		return nil, csvError(name, err)
	}
	columns, err := headerColumns(name, header)
	if err != nil {
		return nil, err
	}
	var rows []rtp.ImportRow
	var problems []string
	for {
		record, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				problems = append(problems, fmt.Sprintf("line %d: %d cells where the header has %d", pe.StartLine, len(record), len(header)))
				continue
			}
			return nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		cells := map[string]string{}
		empty := true
		for i, c := range record {
			cells[columns[i]] = c
			empty = empty && strings.TrimSpace(c) == ""
		}
		if empty {
			continue // spreadsheets leave blank rows at the end
		}
		row, rowProblems := parseRow(line, cells, resolve, defaults)
		problems = append(problems, rowProblems...)
		rows = append(rows, row)
	}
	if len(problems) > 0 {
		e := rtp.Errorf(rtp.EINVALID, "%s has %d problems; nothing was recorded:", name, len(problems))
		e.Details = first(problems)
		return nil, e
	}
	if len(rows) == 0 {
		return nil, rtp.Errorf(rtp.EINVALID, "%s has a header but no rows: nothing to record", name)
	}
	return rows, nil
}

// separator guesses the separator from the header line: spreadsheets in
// many languages save CSV with semicolons, and some with tabs.
func separator(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	best, count := ',', bytes.Count(line, []byte(","))
	for _, sep := range []rune{';', '\t'} {
		if n := bytes.Count(line, []byte(string(sep))); n > count {
			best, count = sep, n
		}
	}
	return best
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return rtp.Errorf(rtp.EINVALID, "%s, line %d: %v; nothing was recorded", name, pe.Line, pe.Err)
	}
	return rtp.Errorf(rtp.EINVALID, "%s: %v", name, err)
}

func headerColumns(name string, header []string) ([]string, error) {
	known := map[string]bool{}
	for _, c := range ImportColumns {
		known[c] = true
	}
	seen := map[string]bool{}
	out := make([]string, len(header))
	var problems []string
	for i, h := range header {
		c := strings.ToLower(strings.TrimSpace(h))
		c = strings.ReplaceAll(strings.ReplaceAll(c, " ", "_"), "-", "_")
		if c == "recommendation" {
			c = "id"
		}
		switch {
		case !known[c]:
			problems = append(problems, fmt.Sprintf("column %d %q is not one rtp reads: use %s", i+1, h, strings.Join(ImportColumns, ", ")))
		case seen[c]:
			problems = append(problems, fmt.Sprintf("column %d repeats %q", i+1, h))
		}
		seen[c] = true
		out[i] = c
	}
	if !seen["id"] {
		problems = append(problems, "no id column: every row must name its recommendation")
	}
	if len(problems) > 0 {
		e := rtp.Errorf(rtp.EINVALID, "%s: the header row (line 1) has %d problems; nothing was recorded:", name, len(problems))
		e.Details = problems
		return nil, e
	}
	return out, nil
}

// parseRow checks one row and builds what it records.
func parseRow(line int, cells map[string]string, resolve Resolver, d ImportDefaults) (rtp.ImportRow, []string) {
	row := rtp.ImportRow{Line: line}
	var problems []string
	fail := func(column string, err error) {
		msg := err.Error()
		// The checks name flags; in a spreadsheet, name the column.
		msg = strings.Replace(msg, "--"+strings.ReplaceAll(column, "_", "-"), column, 1)
		problems = append(problems, fmt.Sprintf("line %d, column %s: %s", line, column, msg))
	}
	cell := func(c string) string { return strings.TrimSpace(cells[c]) }

	id, made, err := resolve(cell("id"))
	if err != nil {
		fail("id", err)
	}
	by := d.By
	if cell("by") != "" {
		by = cell("by")
		if err := rtp.CheckLine("by", by, rtp.MaxNameBytes); err != nil {
			fail("by", err)
		}
	}
	asOf := d.Today
	if cell("as_of") != "" {
		if asOf, err = rtp.ParseDate("as_of", cell("as_of"), d.Today); err != nil {
			fail("as_of", err)
		} else if made != "" && asOf < made {
			fail("as_of", fmt.Errorf("%s is before %s was made (%s)", asOf, id, made))
		}
	}
	private := false
	switch strings.ToLower(cell("private")) {
	case "", "no", "false", "0", "n":
	case "yes", "true", "1", "y", "x":
		private = true
	default:
		fail("private", fmt.Errorf("invalid value %q: use yes or no", cell("private")))
	}
	var evidence []rtp.NewEvidence
	if refs := cell("evidence"); refs != "" {
		evDate := rtp.Date("")
		if cell("evidence_date") != "" {
			if evDate, err = rtp.ParseDate("evidence_date", cell("evidence_date"), d.Today); err != nil {
				fail("evidence_date", err)
			}
		}
		title := cell("evidence_title")
		if title != "" {
			if err := rtp.CheckLine("evidence_title", title, rtp.MaxTitleBytes); err != nil {
				fail("evidence_title", err)
			}
		}
		for _, ref := range strings.Split(refs, ";") {
			ref = strings.TrimSpace(ref)
			if err := rtp.CheckRef("evidence", ref); err != nil {
				fail("evidence", err)
			}
			evidence = append(evidence, rtp.NewEvidence{RecommendationID: id, Ref: ref, Title: title, Date: evDate, Private: private, By: by})
		}
	} else if cell("evidence_title") != "" || cell("evidence_date") != "" {
		fail("evidence", errors.New("evidence_title or evidence_date is given without evidence"))
	}
	var status rtp.Status
	if cell("status") != "" {
		if status, err = rtp.ParseStatus("status", cell("status")); err != nil {
			fail("status", err)
		}
	}
	note := cells["note"] // kept as typed, line breaks and all
	if err := rtp.CheckText("note", note, rtp.MaxNoteBytes); err != nil {
		fail("note", err)
	}
	note = strings.TrimSpace(note)
	switch {
	case status != "" || note != "":
		row.Update = &rtp.NewUpdate{RecommendationID: id, Status: status, Note: note, AsOf: asOf, By: by, Evidence: evidence}
	case len(evidence) > 0:
		for i := range evidence {
			if evidence[i].Date == "" {
				evidence[i].Date = asOf
			}
		}
		row.Evidence = evidence
	}
	if owner := cell("owner"); owner != "" {
		if err := rtp.CheckLine("owner", owner, rtp.MaxNameBytes); err != nil {
			fail("owner", err)
		}
		role := rtp.RoleLead
		if cell("role") != "" {
			if role, err = rtp.ParseRole("role", cell("role")); err != nil {
				fail("role", err)
			}
		}
		row.Assignment = &rtp.Assignment{RecommendationID: id, Owner: owner, Role: role, AsOf: asOf, By: by}
	} else if cell("role") != "" {
		fail("role", errors.New("a role is given without an owner"))
	}
	if row.Update == nil && row.Evidence == nil && row.Assignment == nil && len(problems) == 0 {
		problems = append(problems, fmt.Sprintf("line %d: nothing to record: give a status, a note, evidence or an owner", line))
	}
	return row, problems
}
