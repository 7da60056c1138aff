package store

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
)

// pgConnector opens connections to PostgreSQL through pgx's database/sql
// driver, with every statement in the store's SQLite dialect translated
// first (pgTranslate), and named arguments (sql.Named) numbered: the store's
// code runs unchanged on either backend.
type pgConnector struct{ base driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{Conn: conn.(*stdlib.Conn)}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.base.Driver() }

type pgConn struct {
	*stdlib.Conn
	reading *pgRows // the result being read, if any
}

// setAside reads the rest of the result being read into memory: SQLite
// lets the store run a statement while it reads another's rows (a report
// looks up each row's last update), a PostgreSQL connection reads one
// result at a time.
func (c *pgConn) setAside() error {
	if c.reading == nil {
		return nil
	}
	r := c.reading
	c.reading = nil
	return r.setAside()
}

// pgRows is a result that can be set aside (read whole into memory) when
// another statement comes on its connection before it is read to the end.
type pgRows struct {
	driver.Rows
	conn  *pgConn
	aside [][]driver.Value // the rows set aside, once they have been
	err   error            // what ended reading them
	put   bool             // whether the rows were set aside
}

func (r *pgRows) setAside() error {
	for {
		row := make([]driver.Value, len(r.Rows.Columns()))
		err := r.Rows.Next(row)
		if err != nil {
			if err != io.EOF {
				r.err = err
			}
			break
		}
		for i, v := range row {
			if b, ok := v.([]byte); ok { // the driver may reuse its buffer
				row[i] = bytes.Clone(b)
			}
		}
		r.aside = append(r.aside, row)
	}
	r.put = true
	return r.Rows.Close()
}

func (r *pgRows) Next(dest []driver.Value) error {
	if !r.put {
		return r.Rows.Next(dest)
	}
	if len(r.aside) == 0 {
		if r.err != nil {
			return r.err
		}
		return io.EOF
	}
	copy(dest, r.aside[0])
	r.aside = r.aside[1:]
	return nil
}

func (r *pgRows) Close() error {
	if r.conn.reading == r {
		r.conn.reading = nil
	}
	if r.put {
		return nil
	}
	return r.Rows.Close()
}

// CheckNamedValue accepts every argument as it is: bind converts them,
// numbering the named ones.
func (c *pgConn) CheckNamedValue(*driver.NamedValue) error { return nil }

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := c.setAside(); err != nil {
		return nil, err
	}
	if statements := splitStatements(query); len(statements) > 1 && len(args) > 0 {
		// PostgreSQL runs several statements in one text only without
		// parameters: one at a time then, each with the arguments it names.
		var r driver.Result
		for _, st := range statements {
			var err error
			if r, err = c.execOne(ctx, st, args); err != nil {
				return nil, err
			}
		}
		return r, nil
	}
	return c.execOne(ctx, query, args)
}

func (c *pgConn) execOne(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	q, a, err := bind(query, args)
	if err != nil {
		return nil, err
	}
	r, err := c.Conn.ExecContext(ctx, q, a)
	traceFailure(q, a, err)
	return r, err
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, a, err := bind(query, args)
	if err != nil {
		return nil, err
	}
	if err := c.setAside(); err != nil {
		return nil, err
	}
	r, err := c.Conn.QueryContext(ctx, q, a)
	traceFailure(q, a, err)
	if err != nil {
		return nil, err
	}
	c.reading = &pgRows{Rows: r, conn: c}
	return c.reading, nil
}

// traceFailure prints a failed statement and its arguments when
// RTP_PG_TRACE is set: for developing the translation.
func traceFailure(q string, args []driver.NamedValue, err error) {
	if err != nil && os.Getenv("RTP_PG_TRACE") != "" {
		fmt.Fprintf(os.Stderr, "rtp: PostgreSQL refused (%v):\n%s\n", err, q)
		for _, a := range args {
			fmt.Fprintf(os.Stderr, "  $%d = %#v\n", a.Ordinal, a.Value)
		}
	}
}

// PrepareContext keeps the text: pgx prepares and caches each statement on
// the connection by its text when it first runs.
func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return &pgStmt{conn: c, query: query}, nil
}

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

type pgStmt struct {
	conn  *pgConn
	query string
}

func (s *pgStmt) Close() error  { return nil }
func (s *pgStmt) NumInput() int { return -1 }
func (s *pgStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), named(args))
}
func (s *pgStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), named(args))
}
func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.conn.ExecContext(ctx, s.query, args)
}
func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.conn.QueryContext(ctx, s.query, args)
}
func (s *pgStmt) CheckNamedValue(*driver.NamedValue) error { return nil }

func named(args []driver.Value) []driver.NamedValue {
	nv := make([]driver.NamedValue, len(args))
	for i, v := range args {
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return nv
}

// bind translates query and numbers its parameters: each name once, in the
// order they first appear, each cast to the type of its value so that
// PostgreSQL never has to guess it (SQLite does not ask).
func bind(query string, args []driver.NamedValue) (string, []driver.NamedValue, error) {
	if strings.HasPrefix(query, pgNative) {
		return query, args, nil
	}
	text, out, err := bindText(query, args)
	if err != nil {
		return "", nil, err
	}
	if fn, ok := keptFunctions()[strings.TrimSpace(query)]; ok {
		return keptCall(fn, out), out, nil
	}
	return text, out, nil
}

// pgNative begins the statements written for PostgreSQL alone (its schema,
// the kept state's functions): they are run as they are.
const pgNative = "-- PostgreSQL\n"

// keptCall is the call of a kept statement's function (pgstore.go) with
// the arguments bound for the statement.
func keptCall(fn string, args []driver.NamedValue) string {
	params := make([]string, len(args))
	for i, a := range args {
		params[i] = "$" + strconv.Itoa(i+1) + pgCast(a.Value)
	}
	return "SELECT kept_" + fn + "(" + strings.Join(params, ", ") + ")"
}

var (
	keptOnce sync.Once
	keptMap  map[string]string
)

// keptFunctions maps the text of each kept statement to its function's name.
func keptFunctions() map[string]string {
	keptOnce.Do(func() {
		keptMap = map[string]string{}
		for _, k := range keptStatements() {
			keptMap[strings.TrimSpace(k.query)] = k.name
		}
	})
	return keptMap
}

// bindArgs binds a statement to arguments as database/sql gives them.
func bindArgs(query string, args []any) (string, []driver.NamedValue, error) {
	nv := make([]driver.NamedValue, len(args))
	for i, a := range args {
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
		if n, ok := a.(sql.NamedArg); ok {
			nv[i] = driver.NamedValue{Ordinal: i + 1, Name: n.Name, Value: n.Value}
		}
	}
	return bindText(query, nv)
}

// bindText translates a statement and numbers its parameters.
func bindText(query string, args []driver.NamedValue) (string, []driver.NamedValue, error) {
	st := pgTranslate(query)
	byName := map[string]int{}
	var positional []int // the indexes of unnamed arguments, in order
	for i, a := range args {
		if a.Name != "" {
			byName[a.Name] = i
		} else {
			positional = append(positional, i)
		}
	}
	var b strings.Builder
	var out []driver.NamedValue
	number := map[string]int{} // a name, or "?n", → its $number
	for i, p := range st.params {
		b.WriteString(st.parts[i])
		key, idx, ok := p.name, 0, false
		if p.name != "" {
			idx, ok = byName[p.name]
		} else {
			key = "?" + strconv.Itoa(p.ordinal)
			if p.ordinal-1 < len(positional) {
				idx, ok = positional[p.ordinal-1], true
			}
		}
		if !ok {
			return "", nil, fmt.Errorf("no value for the parameter %s of: %s", key, firstLine(query))
		}
		v, err := pgValue(args[idx].Value)
		if err != nil {
			return "", nil, fmt.Errorf("parameter %s: %w", key, err)
		}
		if v == nil {
			// NULL is written in the text: PostgreSQL cannot type a
			// parameter that is only tested (:x IS NULL), and a NULL needs
			// no type.
			b.WriteString("NULL")
			continue
		}
		n, seen := number[key]
		if !seen {
			out = append(out, driver.NamedValue{Ordinal: len(out) + 1, Value: v})
			n = len(out)
			number[key] = n
		}
		b.WriteString("$" + strconv.Itoa(n) + pgCast(out[n-1].Value))
	}
	b.WriteString(st.parts[len(st.parts)-1])
	return b.String(), out, nil
}

// pgValue converts an argument as database/sql would (named string and
// integer types, driver.Valuer), and a bool to the 0 or 1 rtp stores.
func pgValue(v any) (any, error) {
	v, err := driver.DefaultParameterConverter.ConvertValue(v)
	if b, ok := v.(bool); ok {
		if b {
			return int64(1), nil
		}
		return int64(0), nil
	}
	return v, err
}

// pgCast is the cast that gives a parameter the type of its value; NULL
// takes the type its context gives it.
func pgCast(v any) string {
	switch v.(type) {
	case string:
		return "::text"
	case int64:
		return "::bigint"
	case float64:
		return "::float8"
	case []byte:
		return "::bytea"
	case time.Time:
		return "::timestamptz"
	}
	return ""
}

// splitStatements cuts a text of several statements at the semicolons
// between them (outside literals); the statements written for PostgreSQL
// alone stay whole.
func splitStatements(query string) []string {
	if st, ok := pgSplits.Load(query); ok {
		return st.([]string)
	}
	statements := cutStatements(query)
	pgSplits.Store(query, statements)
	return statements
}

var pgSplits sync.Map // statement text → its statements

func cutStatements(query string) []string {
	if strings.HasPrefix(query, pgNative) {
		return []string{query}
	}
	if override, ok := pgOverrides()[strings.TrimSpace(query)]; ok {
		query = override
	}
	var statements []string
	var cur strings.Builder
	for _, seg := range splitLiterals(query) {
		if seg.literal {
			cur.WriteString(seg.text)
			continue
		}
		parts := strings.Split(seg.text, ";")
		for i, part := range parts {
			cur.WriteString(part)
			if i < len(parts)-1 {
				statements = append(statements, cur.String())
				cur.Reset()
			}
		}
	}
	statements = append(statements, cur.String())
	kept := statements[:0]
	for _, st := range statements {
		if strings.TrimSpace(st) != "" {
			kept = append(kept, st)
		}
	}
	return kept
}

func firstLine(q string) string {
	q = strings.TrimSpace(q)
	if i := strings.IndexByte(q, '\n'); i >= 0 {
		return q[:i] + " …"
	}
	return q
}
