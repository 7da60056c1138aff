package store

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/rtp-tracker/rtp"
)

// A shared tracker on PostgreSQL: the same Store, its SQL translated by the
// driver (pgdriver.go), in its own schema of the database. What differs
// from a file is here: connecting, creating the schema with its roles, and
// what the server does that SQLite's file cannot (who is writing, its
// clock, who may see what).

//go:embed pgschema.sql
var pgSchema string

// PGSchema is the PostgreSQL schema a tracker lives in.
const PGSchema = "rtp"

// DefaultConnectTimeout is how long a connection to a server may take
// unless the URL says otherwise (connect_timeout).
const DefaultConnectTimeout = 10 * time.Second

// IsPostgresURL reports whether a --db value names a PostgreSQL database
// rather than a file.
func IsPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://") || keywordDSN().MatchString(s)
}

// keywordDSN matches psql's other form of connection string,
// "host=… dbname=… user=…", which must never be taken for a file name (it
// would create folders named after it, password included).
var keywordDSN = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(host|hostaddr|port|dbname|user|password|sslmode|service|connect_timeout)\s*=`)
})

// keywordPassword is the password of a keyword/value connection string.
var keywordPassword = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)`)
})

// SessionUser is the role a connection string logs in as: its user, else
// PGUSER, else the operating system's user name, as for psql.
func SessionUser(dsn string) string {
	c, err := pgx.ParseConfig(dsn)
	if err != nil {
		return ""
	}
	return c.User
}

// Redact returns a connection URL without its password, for every message
// that names the tracker.
func Redact(dsn string) string {
	if !strings.Contains(dsn, "://") {
		return keywordPassword().ReplaceAllString(dsn, "${1}xxxxx")
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return RedactURLs(dsn)
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

var (
	postgresURL  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`postgres(?:ql)?://\S*`) })
	urlPassword  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@`) })
	passwordArgs = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`([?&]password=)[^&\s]*`) })
)

// RedactURLs masks the password of every postgres:// URL in a message,
// even one too malformed to parse: the last guard before anything is
// printed, whatever path (a file name typed where a URL was, an error
// that quotes its input) the URL took to get there.
func RedactURLs(text string) string {
	if strings.Contains(text, "password") {
		text = keywordPassword().ReplaceAllString(text, "${1}xxxxx")
	}
	if !strings.Contains(text, "postgres") {
		return text
	}
	return postgresURL().ReplaceAllStringFunc(text, func(u string) string {
		u = urlPassword().ReplaceAllString(u, "${1}xxxxx@")
		return passwordArgs().ReplaceAllString(u, "${1}xxxxx")
	})
}

// OpenPG opens the tracker in the PostgreSQL database dsn names (a
// postgres:// URL; PG* variables and .pgpass fill in what it leaves out).
// A database without a tracker is ENOTFOUND wrapping rtp.ErrNoTracker; one
// whose rtp schema is newer than this rtp, or that holds something else
// under the name, is refused.
func OpenPG(ctx context.Context, dsn string, opts Options) (*Store, error) {
	s, err := connectPG(ctx, dsn, opts)
	if err != nil {
		return nil, err
	}
	version, err := s.pgVersion(ctx)
	if err == nil {
		err = s.pgOpen(ctx, version)
	}
	if err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// pgOpen checks that the tracker found at version is one this rtp uses,
// and learns who the session is: the rest of opening, on the connection
// that read the version.
func (s *Store) pgOpen(ctx context.Context, version int) error {
	if version == 0 {
		return &rtp.Error{Code: rtp.ENOTFOUND, Message: "no tracker in " + s.path, Err: rtp.ErrNoTracker}
	}
	if version != rtp.SchemaVersion {
		if err := s.checkHeader(rtp.ApplicationID, version); err != nil {
			return err
		}
		return rtp.Errorf(rtp.EDATABASE, "%s holds a tracker of schema version %d; this rtp uses version %d: upgrade it with the rtp that matches, or init a new database", s.path, version, rtp.SchemaVersion)
	}
	return s.pgSession(ctx)
}

// CreatePG creates the tracker in the database dsn names, with its schema,
// its three group roles and the seed, unless it is there; it reports
// whether it created it. The session must be allowed to create a schema
// in the database and roles (the database's owner with CREATEROLE).
func CreatePG(ctx context.Context, dsn string, opts Options) (*Store, bool, error) {
	s, err := connectPG(ctx, dsn, opts)
	if err != nil {
		return nil, false, err
	}
	version, err := s.pgVersion(ctx)
	created := err == nil && version == 0
	switch {
	case created:
		if err = s.pgInitialise(ctx); err == nil {
			err = s.pgSession(ctx)
		}
	case err == nil:
		err = s.pgOpen(ctx, version)
	}
	if err != nil {
		s.db.Close()
		return nil, false, err
	}
	return s, created, nil
}

func connectPG(ctx context.Context, dsn string, opts Options) (*Store, error) {
	config, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, rtp.Errorf(rtp.EINVALID, "invalid PostgreSQL URL %s: %s", Redact(dsn), parseProblem(err))
	}
	if config.ConnectTimeout == 0 {
		config.ConnectTimeout = DefaultConnectTimeout
	}
	config.RuntimeParams["search_path"] = PGSchema
	config.RuntimeParams["application_name"] = "rtp"
	config.RuntimeParams["timezone"] = "UTC"
	// Every statement is planned for its arguments: the store's queries
	// turn on them (a day, a moment, marks), and a plan made for any
	// arguments scans where a seek would do.
	config.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	// No JIT: the state's correlated subqueries make the planner's cost
	// estimates huge, and compiling them took 5–10 s of a 0.6 s update on
	// a tracker of 10,000 recommendations (PostgreSQL 15's defaults).
	config.RuntimeParams["jit"] = "off"
	if opts.ReadOnly {
		config.RuntimeParams["default_transaction_read_only"] = "on"
	}
	db := sql.OpenDB(pgConnector{base: stdlib.GetConnector(*config)})
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	s := &Store{db: db, path: Redact(dsn), readOnly: opts.ReadOnly, busyTimeout: DefaultBusyTimeout,
		seed: opts.Seed, historyOnly: opts.historyOnly, stmts: map[string]*sql.Stmt{}, used: map[string]bool{},
		Now: now, pg: &pgInfo{host: where(config)}}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, s.translate(err)
	}
	return s, nil
}

// pgInfo is what a Store on PostgreSQL knows of its server and session.
type pgInfo struct {
	host string // host:port, or the socket's folder, for messages
	role string // the session's login role
}

func where(c *pgx.ConnConfig) string {
	if strings.HasPrefix(c.Host, "/") {
		return fmt.Sprintf("the socket in %s, port %d", c.Host, c.Port)
	}
	return net.JoinHostPort(c.Host, fmt.Sprint(c.Port))
}

// pgVersion reads the tracker's schema version: 0 if the database has no
// rtp schema yet. A schema named rtp that is not a tracker's is refused.
func (s *Store) pgVersion(ctx context.Context) (int, error) {
	var hasSchema, hasTable, mayUse bool
	var role string
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?),
		EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = ? AND tablename = 'schema_version'),
		COALESCE((SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace WHERE nspname = ?), false), session_user`,
		PGSchema, PGSchema, PGSchema).Scan(&hasSchema, &hasTable, &mayUse, &role)
	if err != nil || !hasSchema {
		return 0, s.translate(err)
	}
	if !hasTable {
		return 0, rtp.Errorf(rtp.EDATABASE, "%s has a schema named %s that is not an rtp tracker's: use another database", s.path, PGSchema)
	}
	if !mayUse {
		// Else the server answers that the tracker's tables do not exist.
		return 0, rtp.Errorf(rtp.EREADONLY, "%s has no level on the tracker %s: an admin can give it one (rtp db grant %s --reader)", role, s.path, role)
	}
	var version int
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&version); err != nil {
		return 0, s.translate(err)
	}
	return version, nil
}

// pgSession learns who the session is, and whether it sees every entry:
// a session that does not (private entries of another organisation) works
// from the history it sees, never from the kept state.
func (s *Store) pgSession(ctx context.Context) error {
	var all bool
	err := s.db.QueryRowContext(ctx, `SELECT session_user, sees_everything()`).Scan(&s.pg.role, &all)
	if err != nil {
		return s.translate(err)
	}
	s.view.partial.Store(!all)
	return nil
}

// pgRoles are the group roles of a tracker: one per level, named after the
// database so that trackers in one cluster do not share them.
func pgRoles(database string) map[string]string {
	return map[string]string{
		"reader": database + "_reader",
		"member": database + "_member",
		"admin":  database + "_admin",
	}
}

func quoteIdent(s string) string { return pgx.Identifier{s}.Sanitize() }

// pgInitialise creates the schema, the roles, the kept state's functions
// and the seed, in one transaction.
func (s *Store) pgInitialise(ctx context.Context) error {
	return s.transact(ctx, func(tx *sql.Tx) error {
		var database, owner string
		if err := tx.QueryRowContext(ctx, `SELECT current_database(), current_user`).Scan(&database, &owner); err != nil {
			return err
		}
		roles := pgRoles(database)
		for _, level := range []string{"reader", "member", "admin"} {
			var exists bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)`, roles[level]).Scan(&exists); err != nil {
				return err
			}
			if !exists {
				if _, err := tx.ExecContext(ctx, `CREATE ROLE `+quoteIdent(roles[level])+` NOLOGIN`); err != nil {
					return err
				}
			}
		}
		// Admins grant the levels to others (rtp db grant).
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`GRANT %s, %s, %s TO %s WITH ADMIN OPTION`,
			quoteIdent(roles["reader"]), quoteIdent(roles["member"]), quoteIdent(roles["admin"]), quoteIdent(owner))); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `CREATE SCHEMA `+PGSchema); err != nil {
			return err
		}
		ddl := strings.NewReplacer("{{schema}}", PGSchema, "{{reader}}", quoteIdent(roles["reader"]),
			"{{member}}", quoteIdent(roles["member"]), "{{admin}}", quoteIdent(roles["admin"]),
			"{{owner}}", strings.ReplaceAll(owner, "'", "''")).Replace(pgSchema)
		if _, err := tx.ExecContext(ctx, pgNative+ddl); err != nil {
			return fmt.Errorf("creating the schema: %w", err)
		}
		if err := createKeptFunctions(ctx, tx, roles); err != nil {
			return err
		}
		for i, doc := range s.seedDocuments() {
			if err := insertDocument(ctx, tx, doc, i+1); err != nil {
				return err
			}
		}
		if err := startClock(ctx, tx, s.Now()); err != nil {
			return err
		}
		if err := resetState(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO schema_version (one, version) VALUES (1, ?)`, rtp.SchemaVersion)
		return err
	})
}

// keptStatements are the statements that write the kept tables (the
// current state, owner identities), which no role may write directly: on
// PostgreSQL each runs as a function of the owner's (SECURITY DEFINER),
// working from every entry whoever calls it. args gives arguments of the
// types the statement is called with.
func keptStatements() []struct {
	name, query string
	args        []any
} {
	return []struct {
		name, query string
		args        []any
	}{
		{"keep_state", Query("keep_state"), keepStateArgs(historyMarks{})},
		{"keep_state_owner", Query("keep_state_owner"), keepStateOwnerArgs("")},
		{"reset_owner_identities", resetOwnerIdentities, nil},
		{"keep_owner_identities", Query("keep_owner_identities"), nil},
	}
}

// createKeptFunctions creates the function of each kept statement.
func createKeptFunctions(ctx context.Context, tx *sql.Tx, roles map[string]string) error {
	for _, k := range keptStatements() {
		text, args, err := bindArgs(k.query, k.args)
		if err != nil {
			return err
		}
		types := make([]string, len(args))
		for i, a := range args {
			types[i] = strings.TrimPrefix(pgCast(a.Value), "::")
			text = keptConstant(text, i+1, a.Value)
		}
		statements := []string{text}
		switch k.name {
		case "reset_owner_identities":
			statements = nil // emptied by keep_owner_identities itself
		case "keep_owner_identities":
			statements = []string{resetOwnerIdentities, text}
		}
		// PL/pgSQL's EXECUTE plans each call for its arguments: a LANGUAGE
		// sql function is planned once for any, and its plan cannot seek
		// the indexes on the marks it is given (one update on a tracker of
		// 10,000 recommendations took 17 s instead of 77 ms).
		params := make([]string, len(types))
		using := make([]string, len(types))
		for i, t := range types {
			params[i] = fmt.Sprintf("p%d %s", i+1, t)
			using[i] = fmt.Sprintf("p%d", i+1)
		}
		var body strings.Builder
		body.WriteString("BEGIN\n")
		for _, st := range statements {
			body.WriteString("EXECUTE $statement$ " + st + " $statement$")
			if len(using) > 0 && strings.Contains(st, "$") {
				body.WriteString(" USING " + strings.Join(using, ", "))
			}
			body.WriteString(";\n")
		}
		body.WriteString("END")
		fn := fmt.Sprintf(pgNative+`CREATE FUNCTION kept_%s(%s) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = %s, pg_temp AS $kept$ %s $kept$`,
			k.name, strings.Join(params, ", "), PGSchema, body.String())
		if _, err := tx.ExecContext(ctx, fn); err != nil {
			return fmt.Errorf("creating kept_%s: %w", k.name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`REVOKE ALL ON FUNCTION kept_%s FROM PUBLIC; GRANT EXECUTE ON FUNCTION kept_%s TO %s, %s`,
			k.name, k.name, quoteIdent(roles["member"]), quoteIdent(roles["admin"]))); err != nil {
			return err
		}
	}
	return nil
}

// keptConstant writes into a kept function's text the arguments that are
// the same on every call (the day after any entry, "known now", the owner
// roles), in place of its parameter n: any member may call the function,
// and must not make it keep the state of another day. Each kept statement
// is always called with them; the parameter stays, unused, so the call is
// the statement's.
func keptConstant(text string, n int, value any) string {
	v, ok := value.(string)
	if !ok || (v != string(afterAnyEntry) && v != knownNow && v != mustJSON(rtp.Roles)) {
		return text
	}
	param := "$" + strconv.Itoa(n) + pgCast(value)
	return strings.ReplaceAll(text, param, "'"+strings.ReplaceAll(v, "'", "''")+"'"+pgCast(value))
}

// parseProblem is what pgx found wrong with a connection URL, without the
// URL it quotes (the message names it once, redacted).
func parseProblem(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, "`: "); strings.HasPrefix(msg, "cannot parse `") && i > 0 {
		msg = msg[i+len("`: "):]
	}
	return RedactURLs(msg)
}

// translatePG turns the server's refusals into errors a user can act on,
// by SQLSTATE rather than message text. The connection URL is never in
// them: its password may be.
func (s *Store) translatePG(err error) error {
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) {
			switch pgErr.Code {
			case "28P01", "28000":
				return rtp.Errorf(rtp.EDATABASE, "the PostgreSQL server at %s refused the login: %s", s.pg.host, pgErr.Message)
			case "3D000":
				return rtp.Errorf(rtp.ENOTFOUND, "the PostgreSQL server at %s: %s; create it first (createdb)", s.pg.host, pgErr.Message)
			}
			return rtp.Errorf(rtp.EDATABASE, "the PostgreSQL server at %s refused the connection: %s", s.pg.host, pgErr.Message)
		}
		return rtp.Errorf(rtp.EDATABASE, "cannot reach the PostgreSQL server at %s: %s", s.pg.host, connectReason(connErr))
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		who := s.pg.role
		if who == "" {
			who = "this role"
		}
		switch pgErr.Code {
		case "42501": // insufficient_privilege
			if strings.Contains(pgErr.Message, "function take_stamp") {
				// Every write begins by taking the stamp: a role refused it
				// may only read.
				return rtp.Errorf(rtp.EREADONLY, "%s may only read this tracker: nothing was changed; an admin can let it record with: rtp db grant %s --member", who, who)
			}
			return rtp.Errorf(rtp.EREADONLY, "the server refused: %s (%s may not do this here; an admin can grant more with rtp db grant); nothing was changed", pgErr.Message, who)
		case "25006": // read_only_sql_transaction
			return rtp.Errorf(rtp.EREADONLY, "the tracker %s is read-only here: nothing was changed", s.path)
		case "40001", "40P01", "55P03":
			return rtp.Errorf(rtp.EBUSY, "the tracker %s is busy: %s; nothing was changed, try again", s.path, pgErr.Message)
		case "57P01", "57P02", "57P03":
			// Shut down, restarting, or this session ended by an admin
			// (pg_terminate_backend): the transaction did not commit.
			return rtp.Errorf(rtp.EDATABASE, "the PostgreSQL server at %s ended the connection: %s; nothing was changed, try again when it is back", s.pg.host, pgErr.Message)
		}
		return fmt.Errorf("tracker %s: %s (SQLSTATE %s)", s.path, pgErr.Message, pgErr.Code)
	}
	if pgconn.Timeout(err) {
		return rtp.Errorf(rtp.EDATABASE, "the PostgreSQL server at %s did not answer in time; nothing was changed", s.pg.host)
	}
	return fmt.Errorf("tracker %s: %w", s.path, err)
}

// connectReason is why a connection failed, in a few words: pgx's
// message repeats the address and, for a server that answers in another
// protocol, speaks of message lengths. One reason per address tried
// (localhost may be two).
func connectReason(err *pgconn.ConnectError) string {
	var netErr net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout() {
		return fmt.Sprintf("no answer within the connect timeout (%s; connect_timeout=SECONDS in the URL sets it)", seconds(err.Config.ConnectTimeout))
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Sprintf("cannot find the host %s: %s", dnsErr.Name, dnsErr.Err)
	}
	inner := errors.Unwrap(err)
	attempts := []error{inner}
	if joined, ok := inner.(interface{ Unwrap() []error }); ok {
		attempts = joined.Unwrap()
	}
	var reasons []string
	for _, attempt := range attempts {
		if r := attemptReason(attempt); !slices.Contains(reasons, r) {
			reasons = append(reasons, r)
		}
	}
	return strings.Join(reasons, "; ")
}

// attemptReason is why connecting to one address failed.
func attemptReason(err error) string {
	var opErr *net.OpError
	var tooLong *pgproto3.ExceededMaxBodyLenErr
	switch {
	case err == nil:
		return "no reason given"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused: is the server running, and listening on that port?"
	case errors.As(err, &opErr):
		return opErr.Err.Error()
	case errors.As(err, &tooLong), strings.Contains(err.Error(), "received unexpected message"):
		return "something answered, but not as a PostgreSQL server does: is the port right?"
	case strings.Contains(err.Error(), "server refused TLS connection"):
		return "the server does not accept TLS connections, which the URL's sslmode demands: ask its administrator to turn TLS on"
	}
	// pgx's error for one address is "ADDRESS (HOST): what failed: why".
	if why := errors.Unwrap(err); why != nil {
		return why.Error()
	}
	return err.Error()
}

// seconds writes a duration in whole seconds, as connect_timeout takes it.
func seconds(d time.Duration) string {
	return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
}

// pgHistoryTables are the tables of entries: append-only for everyone,
// each with the triggers pgschema.sql gives them.
var pgHistoryTables = []string{"batches", "updates", "assignments", "evidence", "retractions", "owner_renames", "actor_additions",
	"checks", "check_answers", "check_answer_retractions", "targets"}

// pgSchemaProblems reports what would let history be changed or private
// entries be seen on the server: a missing trigger or policy, or a role
// given UPDATE or DELETE on a table of entries.
func pgSchemaProblems(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var problems []string
	enabled := map[string]bool{} // table.trigger, for every trigger enabled in the schema
	err := scanAll(ctx, tx, `SELECT c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND t.tgenabled <> 'D'`, func(r *sql.Rows) error {
		var name string
		err := r.Scan(&name)
		enabled[name] = true
		return err
	}, PGSchema)
	if err != nil {
		return nil, err
	}
	for _, table := range pgHistoryTables {
		triggers := []string{table + "_append_only", table + "_not_truncated", table + "_stamped"}
		if table == "updates" || table == "evidence" || table == "retractions" {
			triggers = append(triggers, table+"_seen") // names only entries its session sees
		}
		for _, trigger := range triggers {
			if !enabled[table+"."+trigger] {
				problems = append(problems, "schema: the trigger "+trigger+" on "+table+" is missing or disabled")
			}
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = ? AND c.relname IN ('updates', 'evidence', 'retractions', 'current_state') AND NOT c.relrowsecurity ORDER BY 1`, PGSchema)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			rows.Close()
			return nil, err
		}
		problems = append(problems, "schema: row-level security is off on "+table+": private entries are visible to every role")
	}
	rows.Close()
	policyProblems, err := pgPolicyProblems(ctx, tx)
	if err != nil {
		return nil, err
	}
	problems = append(problems, policyProblems...)
	rows, err = tx.QueryContext(ctx, `SELECT g.grantee || ' may ' || lower(g.privilege_type) || ' ' || g.table_name FROM information_schema.role_table_grants g
		WHERE g.table_schema = ? AND g.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
		AND g.table_name IN ('`+strings.Join(pgHistoryTables, "', '")+`')
		AND g.grantee <> (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = ?) ORDER BY 1`, PGSchema, PGSchema)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var grant string
		if err := rows.Scan(&grant); err != nil {
			return nil, err
		}
		problems = append(problems, "privileges: "+grant+": history must be append-only")
	}
	return problems, rows.Err()
}

// mayMerge refuses, before anything is read, a merge by a session that is
// not an admin of a server's tracker: the server would refuse its first
// entry anyway, in words naming that entry.
func (s *Store) mayMerge(ctx context.Context, tx *sql.Tx) error {
	if s.pg == nil {
		return nil
	}
	var admin bool
	if err := tx.QueryRowContext(ctx, `SELECT is_admin()`).Scan(&admin); err != nil {
		return err
	}
	if !admin {
		return rtp.Errorf(rtp.EREADONLY, "only an admin may merge another tracker into this one: nothing was changed; an admin can make %s one with: rtp db grant %s --admin", s.pg.role, s.pg.role)
	}
	return nil
}
