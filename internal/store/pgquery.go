package store

import (
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The SQL PostgreSQL runs for the store's statements, with the arguments
// written in, for tools that run the same work in psql (cmd/rtpbench): the
// driver's translation happens inside the driver, and RTP_PG_TRACE prints
// only what the server refused.

// PostgresSQL is the text the driver sends to PostgreSQL for query (a
// statement of the store's, in SQLite's dialect, such as Query(name)) with
// args, each argument written in as a literal of the type the driver binds
// it with. A statement that writes the kept state becomes the call of its
// function, as in the driver.
func PostgresSQL(query string, args ...any) (string, error) {
	text, values, err := bindArgs(query, args)
	if err != nil {
		return "", err
	}
	if fn, ok := keptFunctions()[strings.TrimSpace(query)]; ok {
		text = keptCall(fn, values)
	}
	literals := make([]string, len(values))
	for i, v := range values {
		if literals[i], err = pgLiteral(v.Value); err != nil {
			return "", err
		}
	}
	var b strings.Builder
	for _, seg := range splitLiterals(text) {
		if seg.literal {
			b.WriteString(seg.text)
			continue
		}
		b.WriteString(parameterNumber().ReplaceAllStringFunc(seg.text, func(p string) string {
			n, _ := strconv.Atoi(p[1:])
			return literals[n-1]
		}))
	}
	return b.String(), nil
}

// parameterNumber is compiled on first use: rtp's start-up does not pay
// for what only tools call.
var parameterNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$[0-9]+`) })

// pgLiteral writes a bound value as a PostgreSQL literal (standard
// conforming strings, the server's default).
func pgLiteral(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return "'" + strings.ReplaceAll(v, "'", "''") + "'", nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), nil
	case []byte:
		return `'\x` + hex.EncodeToString(v) + "'", nil
	case time.Time:
		return "'" + v.Format(time.RFC3339Nano) + "'", nil
	}
	return "", fmt.Errorf("no PostgreSQL literal for a %T", v)
}

// PostgresWrite is what every write runs on PostgreSQL around the entries
// it records, as psql script: Before takes the transaction's stamp (the
// clock's lock) and the history's marks into psql variables (\gset);
// After works the kept state out again for what was recorded since them.
// Between them go the inserts, inside BEGIN and COMMIT.
func PostgresWrite() (before, after string, err error) {
	marks, err := PostgresSQL(Query("history_marks"))
	if err != nil {
		return "", "", err
	}
	before = "SELECT take_stamp(NULL);\n" +
		"SELECT * FROM (" + marks + ") AS m(recommendations, updates, assignments, evidence, retractions) \\gset mark_\n"
	// Marks no tracker reaches stand for the variables in the call.
	m := historyMarks{900000001, 900000002, 900000003, 900000004, 900000005}
	keep, err := PostgresSQL(Query("keep_state"), keepStateArgs(m)...)
	if err != nil {
		return "", "", err
	}
	for value, name := range map[int64]string{m.recommendations: "recommendations", m.updates: "updates",
		m.assignments: "assignments", m.evidence: "evidence", m.retractions: "retractions"} {
		keep = strings.Replace(keep, strconv.FormatInt(value, 10), ":mark_"+name, 1)
	}
	return before, keep + ";\n", nil
}
