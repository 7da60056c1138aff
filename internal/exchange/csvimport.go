package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
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
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		// Excel's "Unicode Text" and some "CSV" exports are UTF-16.
		return nil, rtp.Errorf(rtp.EINVALID, "%s is UTF-16 text: save it as \"CSV UTF-8 (Comma delimited)\" (Excel) or CSV with UTF-8 (LibreOffice, Google Sheets)", name)
	}
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
		e := rtp.Errorf(rtp.EINVALID, "%s has %s; nothing was recorded:", name, rtp.CountOf(len(problems), "problem"))
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
		e := rtp.Errorf(rtp.EINVALID, "%s: the header row (line 1) has %s; nothing was recorded:", name, rtp.CountOf(len(problems), "problem"))
		e.Details = problems
		return nil, e
	}
	return out, nil
}

// columnOf names, for each field of what a row records, the column it
// came from: problems speak the spreadsheet's words.
var columnOf = map[string]string{
	"status": "status", "note": "note", "as_of": "as_of", "by": "by", "owner": "owner", "role": "role",
	"ref": "evidence", "title": "evidence_title", "date": "evidence_date",
	"evidence.ref": "evidence", "evidence.title": "evidence_title", "evidence.date": "evidence_date",
	"evidence.note": "note", "evidence.by": "by",
}

// checkOrder ranks the columns in the order a row's problems are listed,
// as they always have been.
var checkOrder = func() map[string]int {
	rank := map[string]int{}
	for i, c := range []string{"id", "by", "as_of", "private", "evidence_date", "evidence_title", "evidence", "status", "note", "owner", "role"} {
		rank[c] = i
	}
	return rank
}()

// parseRow builds what one row records and checks it by the domain's rules.
func parseRow(line int, cells map[string]string, resolve Resolver, d ImportDefaults) (rtp.ImportRow, []string) {
	row := rtp.ImportRow{Line: line}
	type problem struct{ column, msg string }
	var found []problem
	fail := func(column string, err error) {
		found = append(found, problem{column, err.Error()})
	}
	cell := func(c string) string { return strings.TrimSpace(cells[c]) }

	id, made, err := resolve(cell("id"))
	if err != nil {
		fail("id", err)
	}
	by := d.By
	if cell("by") != "" {
		by = cell("by")
	}
	asOf := d.Today
	if cell("as_of") != "" {
		asOf = rtp.Date(cell("as_of"))
	}
	private := false
	switch strings.ToLower(cell("private")) {
	case "", "no", "false", "0", "n":
	case "yes", "true", "1", "y", "x":
		private = true
	default:
		fail("private", fmt.Errorf("invalid value %q: use yes or no (also y, true, 1 or x for yes; n, false or 0 for no)", cell("private")))
	}
	var evidence []rtp.NewEvidence
	if refs := cell("evidence"); refs != "" {
		for _, ref := range strings.Split(refs, ";") {
			evidence = append(evidence, rtp.NewEvidence{RecommendationID: id, Ref: strings.TrimSpace(ref),
				Title: cell("evidence_title"), Date: rtp.Date(cell("evidence_date")), Private: private, By: by})
		}
	} else if cell("evidence_title") != "" || cell("evidence_date") != "" {
		fail("evidence", errors.New("evidence_title or evidence_date is given without evidence"))
	}
	status := rtp.Status(cell("status"))
	note := cells["note"] // kept as typed, line breaks and all
	switch {
	case status != "" || strings.TrimSpace(note) != "":
		row.Update = &rtp.NewUpdate{RecommendationID: id, Status: status, Note: note, AsOf: asOf, By: by, Evidence: evidence, Private: private}
	case len(evidence) > 0:
		row.Evidence = evidence
	}
	if owner := cell("owner"); owner != "" {
		role := rtp.RoleLead
		if cell("role") != "" {
			role = rtp.Role(cell("role"))
		}
		row.Assignment = &rtp.Assignment{RecommendationID: id, Owner: owner, Role: role, AsOf: asOf, By: by}
	} else if cell("role") != "" {
		fail("role", errors.New("a role is given without an owner"))
	}

	var invalid []error
	if row.Update != nil {
		invalid = append(invalid, row.Update.Validate(d.Today))
	}
	for _, ne := range row.Evidence {
		invalid = append(invalid, ne.Validate(d.Today))
	}
	if row.Assignment != nil {
		invalid = append(invalid, row.Assignment.Validate(d.Today))
	}
	if len(invalid) == 0 {
		// A row with nothing to record still has its date and author
		// checked: they are what every entry has.
		invalid = append(invalid, rtp.ValidateStamp(asOf, by, d.Today))
	}
	asOfValid := true
	for _, err := range invalid {
		for _, p := range rtp.ProblemsOf(err) {
			column := columnOf[p.Field]
			asOfValid = asOfValid && column != "as_of"
			fail(column, rtp.Relabel(p, columnOf))
		}
	}
	if asOfValid && made != "" {
		if err := rtp.CheckMade("as_of", asOf, id, made); err != nil {
			fail("as_of", rtp.Relabel(err, columnOf))
		}
	}

	// The note is checked as typed and stored trimmed; evidence on its
	// own counts from the row's date unless it has its own.
	if row.Update != nil {
		row.Update.Note = strings.TrimSpace(note)
	}
	for i := range row.Evidence {
		if row.Evidence[i].Date == "" {
			row.Evidence[i].Date = asOf
		}
	}

	sort.SliceStable(found, func(i, j int) bool { return checkOrder[found[i].column] < checkOrder[found[j].column] })
	var problems []string
	seen := map[string]bool{}
	for _, p := range found {
		msg := fmt.Sprintf("line %d, column %s: %s", line, p.column, p.msg)
		if !seen[msg] { // evidence of several refs shares its title, date and by
			seen[msg] = true
			problems = append(problems, msg)
		}
	}
	if row.Update == nil && row.Evidence == nil && row.Assignment == nil && len(problems) == 0 {
		problems = append(problems, fmt.Sprintf("line %d: nothing to record: give a status, a note, evidence or an owner", line))
	}
	return row, problems
}
