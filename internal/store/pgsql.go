package store

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// The store's SQL is written once, in SQLite's dialect (queries/*.sql and
// the statements beside the code). On PostgreSQL the driver (pgdriver.go)
// runs each text through pgDialect first: what both understand alike is
// left alone, the few functions and forms SQLite spells its own way are
// spelt PostgreSQL's way, and parameters (:name, ?) become $1, $2, …
// A query whose PostgreSQL form is more than a respelling has its own text
// in queries/pg/NAME.sql, used in place of queries/NAME.sql.

//go:embed queries/pg
var pgQueryFiles embed.FS

// pgStatement is one SQL text in PostgreSQL's dialect, its parameters
// still to be numbered: code between them.
type pgStatement struct {
	parts  []string // len(params)+1 pieces of SQL around the parameters
	params []pgParam
}

// pgParam is one parameter of a statement: by name (:name), or the n-th
// positional argument (? is the next one, ?NNN the NNN-th).
type pgParam struct {
	name    string
	ordinal int
}

var pgStatements sync.Map // SQLite text → *pgStatement

// pgTranslate returns the PostgreSQL form of a statement, kept for the
// next time it runs.
func pgTranslate(query string) *pgStatement {
	if st, ok := pgStatements.Load(query); ok {
		return st.(*pgStatement)
	}
	text := query
	if override, ok := pgOverrides()[strings.TrimSpace(query)]; ok {
		text = override
	}
	st := parseParams(respell(text))
	pgStatements.Store(query, st)
	return st
}

var (
	pgOverridesOnce sync.Once
	pgOverrideMap   map[string]string
)

// pgOverrides maps the text of every query whose PostgreSQL form differs
// (it, or a query it includes, has a file in queries/pg) to that form.
func pgOverrides() map[string]string {
	pgOverridesOnce.Do(func() {
		pgOverrideMap = map[string]string{}
		entries, _ := queryFiles.ReadDir("queries")
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			name := strings.TrimSuffix(e.Name(), ".sql")
			if pg := pgExpand(name, 0); pg != Query(name) {
				pgOverrideMap[strings.TrimSpace(Query(name))] = pg
			}
		}
	})
	return pgOverrideMap
}

// pgExpand reads a query as expand does, taking the PostgreSQL form of it
// and of each query it includes where there is one.
func pgExpand(name string, depth int) string {
	data, err := pgQueryFiles.ReadFile("queries/pg/" + name + ".sql")
	if err != nil {
		data, err = queryFiles.ReadFile("queries/" + name + ".sql")
	}
	if err != nil || depth > 8 {
		panic(fmt.Sprintf("store: no query %q to read or include", name))
	}
	var b strings.Builder
	for line := range strings.Lines(string(data)) {
		if inc, ok := strings.CutPrefix(strings.TrimSpace(line), "-- include: "); ok {
			b.WriteString(pgExpand(inc, depth+1))
			b.WriteString("\n")
			continue
		}
		b.WriteString(line)
	}
	return strings.TrimRight(b.String(), "\n")
}

// respellings are the words and forms SQLite spells its own way, outside
// strings and quoted names.
var respellings = sync.OnceValue(func() []struct {
	re   *regexp.Regexp
	with string
} {
	return []struct {
		re   *regexp.Regexp
		with string
	}{
		{regexp.MustCompile(`(?i)\bchar\(`), "chr("},
		{regexp.MustCompile(`(?i)\bgroup_concat\(`), "string_agg("},
		{regexp.MustCompile(`(?i)\bifnull\(`), "COALESCE("},
		{regexp.MustCompile(`(?i)\bquote\(`), "quote_literal("},
		{regexp.MustCompile(`(?i)\binstr\(`), "strpos("},
		{regexp.MustCompile(`(?i)\bLIMIT\s+-1\b`), "LIMIT ALL"},
		{regexp.MustCompile(`(?i)\bINSERT\s+OR\s+IGNORE\s+INTO\b`), "INSERT INTO"},
		// SQLite's NOCASE folds ASCII letters only, then compares bytes: so
		// does lower() under the "C" collation, which every column has.
		{regexp.MustCompile(`(?i)\bORDER\s+BY\s+([a-z_][a-z0-9_.]*)\s+COLLATE\s+NOCASE\b`), `ORDER BY lower($1 COLLATE "C") COLLATE "C"`},
		{regexp.MustCompile(`(?i)\b([a-z_][a-z0-9_.]*)\s*=\s*(:[a-z_]+|\?[0-9]*)\s+COLLATE\s+NOCASE\b`), `lower($1) = lower($2 COLLATE "C")`},
	}
})

// respell rewrites SQLite's forms into PostgreSQL's outside string
// literals, quoted names and comments.
func respell(query string) string {
	for _, column := range []string{"d", "t"} {
		query = strings.ReplaceAll(query, notDate(column), "NOT is_date("+column+")")
		query = strings.ReplaceAll(query, notStamp(column), "NOT is_stamp("+column+")")
	}
	var b strings.Builder
	ignore := regexp.MustCompile(`(?i)\bINSERT\s+OR\s+IGNORE\b`).MatchString(stripLiterals(query))
	for _, seg := range splitLiterals(query) {
		if seg.literal {
			b.WriteString(seg.text)
			continue
		}
		text := seg.text
		for _, r := range respellings() {
			text = r.re.ReplaceAllString(text, r.with)
		}
		text = isAsDistinct(text)
		text = quoteBy(text)
		text = flagsAsConditions(text)
		b.WriteString(text)
	}
	out := b.String()
	out = rewriteCalls(out, "json_each", func(arg string) string {
		return "json_array_elements_text((" + arg + ")::json) WITH ORDINALITY AS json_elements(value, key)"
	})
	out = rewriteCalls(out, "json_array_length", func(arg string) string {
		return "json_array_length((" + arg + ")::json)"
	})
	out = rewriteScalarMinMax(out)
	out = aliasDerivedTables(out)
	if ignore {
		out = strings.TrimRight(strings.TrimSpace(out), ";") + " ON CONFLICT DO NOTHING"
	}
	if m := insertOrReplace().FindStringSubmatchIndex(out); m != nil {
		table := out[m[2]:m[3]]
		out = out[:m[0]] + "INSERT INTO " + table + out[m[1]:]
		out = strings.TrimRight(strings.TrimSpace(out), ";") + " " + onConflictReplace[table]
	}
	return out
}

var insertOrReplace = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\bINSERT\s+OR\s+REPLACE\s+INTO\s+([a-z_]+)`) })

// onConflictReplace is, for each table written with INSERT OR REPLACE, the
// clause that makes PostgreSQL replace the row of the same key.
var onConflictReplace = map[string]string{
	"current_state": `ON CONFLICT (recommendation_id) DO UPDATE SET status = EXCLUDED.status, since = EXCLUDED.since,
		last_update = EXCLUDED.last_update, update_id = EXCLUDED.update_id, owners = EXCLUDED.owners,
		evidence_count = EXCLUDED.evidence_count, actors = EXCLUDED.actors, themes = EXCLUDED.themes`,
	"latest_date": `ON CONFLICT (one) DO UPDATE SET date = EXCLUDED.date`,
}

var isValue = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\bIS(\s+NOT)?\s+([:?]|[a-z_][a-z0-9_.]*|\()`) })

// isAsDistinct turns SQLite's IS and IS NOT between two values (NULL
// equal to NULL) into PostgreSQL's IS [NOT] DISTINCT FROM; IS NULL and
// the like stay.
func isAsDistinct(code string) string {
	return isValue().ReplaceAllStringFunc(code, func(m string) string {
		sub := isValue().FindStringSubmatch(m)
		switch strings.ToUpper(sub[2]) {
		case "NULL", "TRUE", "FALSE", "DISTINCT", "NOT", "UNKNOWN":
			return m
		}
		if sub[1] != "" {
			return "IS DISTINCT FROM " + sub[2]
		}
		return "IS NOT DISTINCT FROM " + sub[2]
	})
}

var byWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\b(order|group|partition)(\s+)by\b|\bby\b`) })

// quoteBy quotes the column named by, a keyword PostgreSQL reads as the BY
// of an ordered aggregate inside a function's parentheses, wherever it is
// not ORDER BY, GROUP BY or PARTITION BY.
// The parameter :by stays as it is.
func quoteBy(code string) string {
	var b strings.Builder
	last := 0
	for _, m := range byWord().FindAllStringIndex(code, -1) {
		if !strings.EqualFold(code[m[0]:m[1]], "by") || (m[0] > 0 && code[m[0]-1] == ':') {
			continue
		}
		b.WriteString(code[last:m[0]])
		b.WriteString(`"by"`)
		last = m[1]
	}
	b.WriteString(code[last:])
	return b.String()
}

var (
	flagCondition = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(WHEN|AND|OR|WHERE|NOT|ON)(\s+)((?:[a-z_]+\.)?(?:note_only|private)|:[a-z_]+)\b`)
	})
	comparedNext = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^\s*(=|<>|!=|<|>|\|\||[-+*/%]|IN\b|IS\b|BETWEEN\b|LIKE\b|GLOB\b|COLLATE\b)`)
	})
)

// flagsAsConditions makes the 0-or-1 flags SQLite tests as conditions
// (WHEN u.note_only THEN, OR :include_private) conditions PostgreSQL
// accepts (u.note_only <> 0): a flag column, or a parameter (a bool is
// bound as 0 or 1).
func flagsAsConditions(code string) string {
	var b strings.Builder
	last := 0
	for _, m := range flagCondition().FindAllStringSubmatchIndex(code, -1) {
		if comparedNext().MatchString(code[m[1]:]) {
			continue
		}
		b.WriteString(code[last:m[1]])
		b.WriteString(" <> 0")
		last = m[1]
	}
	b.WriteString(code[last:])
	return b.String()
}

type segment struct {
	text    string
	literal bool // a string literal, quoted name or comment
}

// splitLiterals cuts SQL into code and the literals, quoted names and
// comments between it, which no rewriting may touch.
func splitLiterals(q string) []segment {
	var segs []segment
	start := 0
	for i := 0; i < len(q); {
		var end int
		switch {
		case q[i] == '\'' || q[i] == '"':
			end = i + 1
			for end < len(q) {
				if q[end] == q[i] {
					if end+1 < len(q) && q[end+1] == q[i] {
						end += 2
						continue
					}
					end++
					break
				}
				end++
			}
		case strings.HasPrefix(q[i:], "--"):
			end = i + strings.IndexByte(q[i:]+"\n", '\n')
		case strings.HasPrefix(q[i:], "/*"):
			end = strings.Index(q[i+2:], "*/")
			if end < 0 {
				end = len(q)
			} else {
				end += i + 4
			}
		default:
			i++
			continue
		}
		if end > len(q) {
			end = len(q)
		}
		if start < i {
			segs = append(segs, segment{text: q[start:i]})
		}
		text := q[i:end]
		if strings.HasPrefix(text, "--") || strings.HasPrefix(text, "/*") {
			text = " " // comments go: they may hold ? or :words
		}
		segs = append(segs, segment{text: text, literal: true})
		start, i = end, end
	}
	if start < len(q) {
		segs = append(segs, segment{text: q[start:]})
	}
	return segs
}

// stripLiterals is the code of q with every literal blanked.
func stripLiterals(q string) string {
	var b strings.Builder
	for _, s := range splitLiterals(q) {
		if s.literal {
			b.WriteString(strings.Repeat(" ", len(s.text)))
		} else {
			b.WriteString(s.text)
		}
	}
	return b.String()
}

// closingParen returns the index of the parenthesis that closes the one
// at open, in code whose literals are blanked.
func closingParen(code string, open int) int {
	depth := 0
	for i := open; i < len(code); i++ {
		switch code[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// rewriteCalls replaces every call name(arg) by what with makes of arg.
func rewriteCalls(q, name string, with func(arg string) string) string {
	re := regexp.MustCompile(`(?i)\b` + name + `\(`)
	from := 0
	for {
		code := stripLiterals(q)
		loc := re.FindStringIndex(code[from:])
		if loc == nil {
			return q
		}
		start, open := from+loc[0], from+loc[1]-1
		end := closingParen(code, open)
		if end < 0 {
			return q
		}
		replaced := with(q[open+1 : end])
		q = q[:start] + replaced + q[end+1:]
		from = start + len(replaced) // the replacement may name the call again
	}
}

// rewriteScalarMinMax turns SQLite's max(a, b) and min(a, b) (of their
// arguments, not aggregates) into GREATEST and LEAST.
func rewriteScalarMinMax(q string) string {
	for name, scalar := range map[string]string{"max": "GREATEST", "min": "LEAST"} {
		q = rewriteCalls(q, name, func(arg string) string {
			if topLevelComma(stripLiterals(arg)) {
				return scalar + "(" + arg + ")"
			}
			return name + "(" + arg + ")"
		})
	}
	return q
}

// topLevelComma reports whether code has a comma outside parentheses: a
// call with it has several arguments.
func topLevelComma(code string) bool {
	depth := 0
	for _, c := range code {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

var (
	derivedTable = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\b(FROM|JOIN)\s*\(\s*(SELECT|WITH|VALUES)\b`) })
	afterDerived = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^\s*(AS\b|[a-z_][a-z0-9_]*)`) })
	notAnAlias   = map[string]bool{"where": true, "on": true, "order": true, "group": true, "limit": true,
		"union": true, "join": true, "left": true, "inner": true, "cross": true, "having": true,
		"window": true, "except": true, "intersect": true, "using": true, "natural": true, "offset": true}
)

// aliasDerivedTables names every subquery in FROM or JOIN that has no
// name: SQLite allows it, PostgreSQL before 16 does not.
func aliasDerivedTables(q string) string {
	n := 0
	from := 0
	for {
		code := stripLiterals(q)
		loc := derivedTable().FindStringSubmatchIndex(code[from:])
		if loc == nil {
			return q
		}
		open := from + strings.IndexByte(code[from+loc[0]:], '(') + loc[0]
		end := closingParen(code, open)
		if end < 0 {
			return q
		}
		rest := code[end+1:]
		if m := afterDerived().FindStringSubmatch(rest); m == nil || notAnAlias[strings.ToLower(m[1])] {
			n++
			alias := fmt.Sprintf(" AS derived_%d", n)
			q = q[:end+1] + alias + q[end+1:]
		}
		from = open + 1
	}
}

var paramRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(::)|:([A-Za-z_][A-Za-z0-9_]*)|\?([0-9]*)`) })

// parseParams finds the parameters of q, outside literals.
func parseParams(q string) *pgStatement {
	st := &pgStatement{}
	var cur strings.Builder
	positional := 0
	for _, seg := range splitLiterals(q) {
		if seg.literal {
			cur.WriteString(seg.text)
			continue
		}
		text := seg.text
		last := 0
		for _, m := range paramRe().FindAllStringSubmatchIndex(text, -1) {
			if m[2] >= 0 { // a cast, ::type
				continue
			}
			cur.WriteString(text[last:m[0]])
			var p pgParam
			switch {
			case m[4] >= 0:
				p.name = text[m[4]:m[5]]
			case m[7] > m[6]:
				fmt.Sscan(text[m[6]:m[7]], &p.ordinal)
			default:
				positional++
				p.ordinal = positional
			}
			st.parts = append(st.parts, cur.String())
			st.params = append(st.params, p)
			cur.Reset()
			last = m[1]
		}
		cur.WriteString(text[last:])
	}
	st.parts = append(st.parts, cur.String())
	return st
}
