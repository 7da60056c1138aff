package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	domain "github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/pgtest"
	"github.com/rtp-tracker/rtp/internal/store"
)

// These tests run the real binary against a shared tracker on the
// package's throwaway PostgreSQL cluster: moving a tracker in and out,
// the server's failures, backups with the server's own tools, and the
// hostile input of the SQLite tests.

// newServerTracker creates an empty database owned by the role "tester"
// (RTP_AUTHOR of rtp()) and inits a tracker in it; the server's clock
// stamps its entries. It returns the database's name and URL.
func newServerTracker(t *testing.T, c *pgtest.Cluster) (string, string) {
	t.Helper()
	db, err := c.NewDatabase("tester")
	if err != nil {
		t.Fatal(err)
	}
	url := c.URL("tester", db)
	mustRTP(t, url, "init")
	return db, url
}

// seededTracker is a local tracker with an entry of every kind: updates,
// evidence, assignments, an unassignment, retractions of an update and of
// evidence, an amendment, an owner rename and private entries.
func seededTracker(t *testing.T) string {
	t.Helper()
	db := newTracker(t)
	for _, args := range [][]string{
		{"track", "update", "ga-agenda", "--status", "implemented", "--as-of", "2017-09-15", "--note", "On the agenda", "--evidence", "A/72/250"},
		{"track", "update", "upr", "--status", "in-progress", "--as-of", "2019-06-10", "--note", "PRIVATE-CANARY note", "--private"},
		{"track", "update", "gender-lens", "--status", "partial", "--as-of", "2019-03-01", "--evidence", "https://example.org/r?a=1&b=2"},
		{"track", "update", "joint-office", "--status", "stalled", "--as-of", "2019-04-01", "--note", "Entered by mistake"},
		{"track", "retract", "4", "--reason", "Wrong recommendation"},
		{"track", "evidence", "upr", "A/HRC/41/1", "--title", "UPR report", "--date", "2019-07-01", "--note", "Mid-term"},
		{"track", "evidence", "upr", "PRIVATE-CANARY-ref", "--private", "--date", "2019-07-02"},
		{"track", "evidence", "ga-agenda", "A/72/PV.2", "--date", "2017-09-16"},
		{"track", "retract", "--evidence", "4", "--reason", "Wrong document"},
		{"track", "amend", "1", "--note", "On the agenda of the 72nd session", "--reason", "Fuller note"},
		{"track", "assign", "ga-agenda", "ICRtoP"},
		{"track", "assign", "upr", "Stanley Foundation", "--role", "support"},
		{"track", "assign", "gender-lens", "FES"},
		{"track", "unassign", "gender-lens", "FES"},
		{"owner", "rename", "Stanley Foundation", "Stanley Center", "--as-of", time.Now().UTC().Format(time.DateOnly)},
	} {
		mustRTP(t, db, args...)
	}
	return db
}

// TestMoveTrackerToServerAndBack moves a local tracker to the server with
// rtp merge, then takes an offline copy back: the server's export merged
// into a new local file exports byte for byte the same, with and without
// the private entries.
func TestMoveTrackerToServerAndBack(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	local := seededTracker(t)
	_, server := newServerTracker(t, c)
	// --db names the server over RTP_DB's local file, as a member would
	// type it.
	r := rtp(t, local, "", "merge", local, "--db", server)
	if r.code != 0 || !strings.Contains(r.stdout, "merged") {
		t.Fatalf("rtp merge %s --db server: exit %d\n%s%s", local, r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, "diverged") {
		t.Errorf("moving in reported a divergence:\n%s", r.stdout)
	}
	// Every entry of seededTracker, the amendment counted as an update; its
	// private update and private evidence counted as such.
	if want := "added 5 updates, 4 assignments, 5 evidence, 3 retractions, 1 owner rename; 2 of the updates and evidence are private; 0 entries were already here"; !strings.Contains(r.stdout, want) {
		t.Errorf("moving in said %q, want %q", r.stdout, want)
	}
	mustCheck(t, server)
	for _, private := range []bool{true, false} {
		args := []string{"export"}
		if private {
			args = append(args, "--include-private")
		}
		fromLocal := mustRTP(t, local, args...)
		fromServer := mustRTP(t, server, args...)
		if fromServer != fromLocal {
			t.Errorf("private=%v: the server's export differs from the local tracker's:\n%s", private, firstDifference(fromLocal, fromServer))
		}
		if got := strings.Contains(fromServer, "PRIVATE-CANARY"); got != private {
			t.Errorf("private=%v: the private entries are in the export: %v", private, got)
		}
		file := filepath.Join(t.TempDir(), "server.json")
		if err := os.WriteFile(file, []byte(fromServer), 0o600); err != nil {
			t.Fatal(err)
		}
		offline := newTracker(t)
		mustRTP(t, offline, "merge", file)
		mustCheck(t, offline)
		if back := mustRTP(t, offline, args...); back != fromServer {
			t.Errorf("private=%v: the offline copy's export differs from the server's:\n%s", private, firstDifference(fromServer, back))
		}
	}
}

// firstDifference shows the first line where two texts differ.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, wl, gl)
		}
	}
	return "(same lines)"
}

// rtpWith runs the binary on the tracker at db with more environment
// variables (PGPASSWORD, PGPASSFILE, RTP_PG_TRACE).
func rtpWith(t *testing.T, db string, env []string, args ...string) result {
	t.Helper()
	cmd := rtpCommand(t, db, "", args...)
	cmd.Env = append(cmd.Env, env...)
	return run(t, cmd)
}

// serverDump is the data of a tracker's schema as pg_dump writes it: two
// equal dumps mean nothing was written.
func serverDump(t *testing.T, c *pgtest.Cluster, db string) string {
	t.Helper()
	out, err := exec.Command(filepath.Join(c.Bin, "pg_dump"), "--data-only", "-n", "rtp",
		"-h", c.Socket, "-p", strconv.Itoa(c.Port), "-U", pgtest.Superuser, "-d", db).CombinedOutput()
	if err != nil {
		t.Fatalf("pg_dump: %v: %s", err, out)
	}
	// \restrict and \unrestrict carry a new random key on every dump.
	var kept []string
	for _, line := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(line, `\restrict `) && !strings.HasPrefix(line, `\unrestrict `) {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

// superuser runs SQL as the cluster's superuser on database db.
func superuser(t *testing.T, c *pgtest.Cluster, db, sql string) string {
	t.Helper()
	out, err := c.Psql(pgtest.Superuser, db, sql)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(out)
}

// freeTCPPort is a loopback port nobody listens on.
func freeTCPPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// oneLineError checks that a command failed with exit 1, one line on
// stderr that says want, and nothing on stdout.
func oneLineError(t *testing.T, r result, want ...string) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (stderr %q)", r.code, r.stderr)
	}
	if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "rtp: ") {
		t.Errorf("stderr is not one line starting rtp: %q", r.stderr)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr %q does not say %q", r.stderr, w)
		}
	}
	if r.stdout != "" {
		t.Errorf("stdout = %q, want nothing", r.stdout)
	}
}

// listen starts a loopback server that accepts connections and answers
// each with reply (nothing: it never answers), and returns its port.
func listen(t *testing.T, reply string) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn // held open until the test ends: closing would answer
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, conn)
			if reply != "" {
				conn.Write([]byte(reply))
			}
		}
	}()
	t.Cleanup(func() {
		l.Close()
		<-done
		for _, conn := range conns {
			conn.Close()
		}
	})
	return l.Addr().(*net.TCPAddr).Port
}

// TestServerUnreachable: a server that is down (a port nobody listens on),
// that never answers (it accepts the connection and says nothing, as a
// hung server or a firewall that swallows packets does), or that is not
// PostgreSQL gives one line naming host and port, exit 1, within the
// connect timeout.
func TestServerUnreachable(t *testing.T) {
	t.Parallel()
	down, hung, web := freeTCPPort(t), listen(t, ""), listen(t, "HTTP/1.1 400 Bad Request\r\n\r\n")
	url := func(port int, timeout int) string {
		return fmt.Sprintf("postgres://tester@127.0.0.1:%d/coalition?sslmode=disable&connect_timeout=%d", port, timeout)
	}
	cases := []struct {
		name, url, where, why string
		within                time.Duration
	}{
		{"down", url(down, 5), fmt.Sprintf("127.0.0.1:%d", down), "connection refused: is the server running, and listening on that port?", 5 * time.Second},
		{"no answer", url(hung, 1), fmt.Sprintf("127.0.0.1:%d", hung), "no answer within the connect timeout (1 s;", 3 * time.Second},
		// .invalid never resolves (RFC 2606).
		{"no such host", "postgres://tester@db.rtp-test.invalid/coalition?connect_timeout=5", "db.rtp-test.invalid:5432",
			"cannot find the host db.rtp-test.invalid", 5 * time.Second},
		{"not PostgreSQL", url(web, 5), fmt.Sprintf("127.0.0.1:%d", web), "something answered, but not as a PostgreSQL server does: is the port right?", 5 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, args := range [][]string{{"track", "list"}, {"track", "update", "ga-agenda", "--status", "partial"}, {"init"}} {
				start := time.Now()
				r := rtp(t, tc.url, "", args...)
				if took := time.Since(start); took > tc.within {
					t.Errorf("rtp %s took %v, more than %v", args[0], took, tc.within)
				}
				oneLineError(t, r, "cannot reach the PostgreSQL server at "+tc.where+": "+tc.why)
			}
		})
	}
}

// TestServerRefusals: a wrong password, a missing database, a role without
// rights, a tracker newer than this rtp, a database whose rtp schema is
// something else, TLS the server does not offer: one line naming the
// problem, exit 1, nothing written.
func TestServerRefusals(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	db, _ := newServerTracker(t, c)
	if err := c.SetPassword("tester", "right-password"); err != nil {
		t.Fatal(err)
	}
	if err := c.EnsureRole("pgops_stranger", "LOGIN"); err != nil {
		t.Fatal(err)
	}
	newer, newerURL := newServerTracker(t, c)
	superuser(t, c, newer, "ALTER TABLE rtp.schema_version DISABLE TRIGGER USER; UPDATE rtp.schema_version SET version = version + 1")
	other, err := c.NewDatabase("tester")
	if err != nil {
		t.Fatal(err)
	}
	superuser(t, c, other, "CREATE SCHEMA rtp AUTHORIZATION tester; CREATE TABLE rtp.notes (note text); INSERT INTO rtp.notes VALUES ('theirs')")
	host := fmt.Sprintf("127.0.0.1:%d", c.Port)
	socket := fmt.Sprintf("the socket in %s, port %d", c.Socket, c.Port)
	cases := []struct {
		name, url string
		want      []string
	}{
		{"wrong password", c.TCPURL("tester", "wrong-password", db),
			[]string{"the PostgreSQL server at " + host + " refused the login", `password authentication failed for user "tester"`}},
		{"unknown role", c.TCPURL("nobody_here", "x", db),
			[]string{"the PostgreSQL server at " + host + " refused the login", `"nobody_here"`}},
		{"missing database", c.URL("tester", "no_such_tracker"),
			[]string{"the PostgreSQL server at " + socket, `database "no_such_tracker" does not exist`, "createdb"}},
		{"role without rights", c.URL("pgops_stranger", db),
			[]string{"pgops_stranger has no level on the tracker postgres://pgops_stranger@/" + db, "rtp db grant pgops_stranger --reader"}},
		{"newer schema", newerURL,
			[]string{fmt.Sprintf("was written by a newer rtp (schema version %d; this rtp reads up to version %d): upgrade rtp", domain.SchemaVersion+1, domain.SchemaVersion)}},
		{"something else", c.URL("tester", other),
			[]string{"has a schema named rtp that is not an rtp tracker's: use another database"}},
		{"TLS not offered", strings.Replace(c.TCPURL("tester", "right-password", db), "sslmode=disable", "sslmode=require", 1),
			[]string{"cannot reach the PostgreSQL server at " + host + ": the server does not accept TLS connections, which the URL's sslmode demands"}},
	}
	before := map[string]string{}
	for _, d := range []string{db, newer, other} {
		before[d] = serverDump(t, c, d)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, args := range [][]string{{"track", "update", "ga-agenda", "--status", "partial", "--note", "not written"}, {"track", "list"}, {"init"}} {
				r := rtp(t, tc.url, "", args...)
				oneLineError(t, r, tc.want...)
			}
		})
	}
	for _, d := range []string{db, newer, other} {
		if after := serverDump(t, c, d); after != before[d] {
			t.Errorf("database %s changed:\n%s", d, firstDifference(before[d], after))
		}
	}
	// rtp init, refused, made none of the group roles of the databases
	// that hold no tracker (other tests make roles of their own meanwhile).
	groups := fmt.Sprintf(`SELECT string_agg(rolname, ', ') FROM pg_roles WHERE rolname LIKE '%s\_%%' OR rolname LIKE 'no\_such\_tracker\_%%'`, other)
	if made := superuser(t, c, "postgres", groups); made != "" {
		t.Errorf("roles were created: %s", made)
	}
	// The other TLS settings reach pgx too: a CA file that is not there.
	noCA := strings.Replace(c.TCPURL("tester", "right-password", db), "sslmode=disable", "sslmode=verify-full&sslrootcert=/nonexistent/ca.pem", 1)
	if r := rtp(t, noCA, "", "track", "list"); r.code != 2 || !strings.Contains(r.stderr, "/nonexistent/ca.pem") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("sslrootcert that is not there: exit %d, stderr %q", r.code, r.stderr)
	}
	// The right password over TCP works, for the record.
	if r := rtp(t, c.TCPURL("tester", "right-password", db), "", "track", "list"); r.code != 0 {
		t.Errorf("the right password: exit %d: %s", r.code, r.stderr)
	}
}

// canaryPassword is a password found nowhere else: no output may hold it.
const canaryPassword = "CANARY-pw-5Rz"

// TestPasswordsNeverPrinted runs commands that succeed and commands that
// fail with the password in the connection URL (as user:password@ and as
// ?password=): neither their output, nor the trace of refused statements,
// nor what they record holds it.
func TestPasswordsNeverPrinted(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	owner := "pgops_canary"
	db, err := c.NewDatabase(owner)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.EnsureRole("pgops_canary_reader", "LOGIN"); err != nil {
		t.Fatal(err)
	}
	for _, role := range []string{owner, "pgops_canary_reader"} {
		if err := c.SetPassword(role, canaryPassword); err != nil {
			t.Fatal(err)
		}
	}
	url := c.TCPURL(owner, canaryPassword, db)
	inQuery := c.TCPURL(owner, "", db) + "&password=" + canaryPassword
	reader := c.TCPURL("pgops_canary_reader", canaryPassword, db)
	wrong := c.TCPURL(owner, canaryPassword+"-wrong", db)
	unreachable := fmt.Sprintf("postgres://%s:%s@127.0.0.1:%d/%s?sslmode=disable", owner, canaryPassword, freeTCPPort(t), db)
	invalid := fmt.Sprintf("postgres://%s:%s@127.0.0.1:notaport/%s", owner, canaryPassword, db)
	export := filepath.Join(t.TempDir(), "export.json")
	trace := []string{"RTP_PG_TRACE=1"}
	runs := []struct {
		url  string
		code int
		env  []string
		args []string
	}{
		{url, 0, nil, []string{"init"}},
		{url, 0, nil, []string{"init"}},
		{url, 0, nil, []string{"db", "path"}},
		{"", 0, nil, []string{"--db", url, "db", "path"}},
		{inQuery, 0, nil, []string{"db", "path"}},
		{url, 0, nil, []string{"--help"}},
		{url, 0, nil, []string{"db", "backup", "--help"}},
		{url, 0, trace, []string{"track", "update", "ga-agenda", "--status", "partial", "--note", "recorded"}},
		{inQuery, 0, trace, []string{"track", "evidence", "ga-agenda", "A/72/250"}},
		{url, 0, nil, []string{"track", "list"}},
		{url, 0, nil, []string{"track", "show", "ga-agenda"}},
		{url, 0, nil, []string{"export", "--include-private", "--output", export}},
		{url, 0, nil, []string{"merge", export}},
		{url, 0, nil, []string{"db", "check"}},
		{url, 1, nil, []string{"db", "backup", filepath.Join(t.TempDir(), "copy.db")}},
		{url, 1, trace, []string{"track", "retract", "999", "--reason", "none such"}},
		{reader, 1, trace, []string{"track", "update", "ga-agenda", "--status", "stalled"}},
		{wrong, 1, trace, []string{"track", "list"}},
		{wrong, 1, nil, []string{"init"}},
		{unreachable, 1, nil, []string{"track", "list"}},
		{invalid, 2, nil, []string{"track", "list"}},
		{invalid, 0, nil, []string{"db", "path"}},
		{url, 1, nil, []string{"merge", url}},
		{url, 1, nil, []string{"track", "import", url}},
	}
	superuser(t, c, db, "") // the database answers before rtp init
	for i, run := range runs {
		if i == 2 {
			// The reader may read: it is refused only its write.
			superuser(t, c, db, fmt.Sprintf("GRANT %s_reader TO pgops_canary_reader", db))
		}
		r := rtpWith(t, run.url, run.env, run.args...)
		if r.code != run.code {
			t.Errorf("rtp %s: exit %d, want %d: %s", strings.Join(run.args, " "), r.code, run.code, r.stderr)
		}
		if strings.Contains(r.stdout+r.stderr, canaryPassword) {
			t.Errorf("rtp %s printed the password:\n%s%s", strings.Join(run.args, " "), r.stdout, r.stderr)
		}
	}
	// rtp serve's log: its first line names the tracker, then a line per
	// failed request.
	s := startServe(t, url)
	for _, target := range []string{"/", "/rec/upr", "/no/such/page"} {
		s.get(t, target)
	}
	s.stop(t, syscall.SIGTERM)
	if log := s.stderr.String(); strings.Contains(log, canaryPassword) || !strings.Contains(log, "rtp: serving postgres://pgops_canary:xxxxx@") {
		t.Errorf("rtp serve's log shows the password, or not the tracker:\n%s", log)
	}
	if text := serverDump(t, c, db); strings.Contains(text, canaryPassword) || !strings.Contains(text, "recorded") {
		t.Errorf("the tracker holds the password, or not the update recorded")
	}
}

// TestPasswordFromEnvironment: a URL without a password logs in with
// PGPASSWORD, with the file PGPASSFILE names, or with ~/.pgpass, as
// libpq's programs do; the PG* variables fill in what the URL leaves out.
func TestPasswordFromEnvironment(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	db, err := c.NewDatabase("pgops_env")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetPassword("pgops_env", "env-password"); err != nil {
		t.Fatal(err)
	}
	url := c.TCPURL("pgops_env", "", db)
	mustRTP(t, c.URL("pgops_env", db), "init")
	passfile := filepath.Join(t.TempDir(), "passwords")
	home := t.TempDir()
	line := fmt.Sprintf("127.0.0.1:%d:%s:pgops_env:env-password\n", c.Port, db)
	for _, f := range []string{passfile, filepath.Join(home, ".pgpass")} {
		if err := os.WriteFile(f, []byte(line), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name, url string
		env       []string
	}{
		{"PGPASSWORD", url, []string{"PGPASSWORD=env-password"}},
		{"PGPASSFILE", url, []string{"PGPASSFILE=" + passfile}},
		{".pgpass", url, []string{"HOME=" + home}},
		{"PG variables", "postgres://", []string{"PGHOST=127.0.0.1", fmt.Sprintf("PGPORT=%d", c.Port), "PGUSER=pgops_env",
			"PGDATABASE=" + db, "PGPASSWORD=env-password", "PGSSLMODE=disable"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rtpWith(t, tc.url, tc.env, "db", "check")
			if r.code != 0 || !strings.Contains(r.stdout, "is sound") {
				t.Errorf("exit %d: %s%s", r.code, r.stdout, r.stderr)
			}
		})
	}
	// Without them the server refuses: the password did come from them.
	r := rtpWith(t, url, []string{"PGPASSFILE=" + filepath.Join(t.TempDir(), "none")}, "db", "check")
	oneLineError(t, r, "refused the login")
}

// pgTool runs one of the server's programs (pg_dump, pg_restore) against
// the cluster's socket as role and fails the test if it fails.
func pgTool(t *testing.T, c *pgtest.Cluster, role, program string, args ...string) {
	t.Helper()
	args = append([]string{"-h", c.Socket, "-p", strconv.Itoa(c.Port), "-U", role}, args...)
	if out, err := exec.Command(filepath.Join(c.Bin, program), args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v: %s", program, strings.Join(args, " "), err, out)
	}
}

// backedUpTracker is a tracker on the server with a member's private
// update, its owner's export, and its dump as the README makes it
// (pg_dump -Fc -n rtp, as the owner).
type backedUpTracker struct {
	db, member, export, dump string
}

func backUpTracker(t *testing.T, c *pgtest.Cluster) backedUpTracker {
	t.Helper()
	db, server := newServerTracker(t, c)
	mustRTP(t, server, "merge", seededTracker(t))
	member := "pgops_backup_member"
	if err := c.EnsureRole(member, "LOGIN"); err != nil {
		t.Fatal(err)
	}
	superuser(t, c, db, fmt.Sprintf("GRANT %s_member TO %s; INSERT INTO rtp.members VALUES ('%s', 'member', 'FES')", db, member, member))
	mustRTP(t, c.URL(member, db), "track", "update", "upr", "--status", "partial", "--as-of", "2020-02-02", "--note", "FES private view", "--private")
	r := rtp(t, server, "", "db", "backup", filepath.Join(t.TempDir(), "copy.db"))
	oneLineError(t, r, "is on a PostgreSQL server: back it up with the server's own tools", "pg_dump -Fc -n rtp -d "+db)
	b := backedUpTracker{db: db, member: member, export: mustRTP(t, server, "export", "--include-private"),
		dump: filepath.Join(t.TempDir(), "rtp.dump")}
	if !strings.Contains(b.export, "FES private view") {
		t.Fatalf("the owner's export lacks the member's private update")
	}
	pgTool(t, c, "tester", "pg_dump", "-Fc", "-n", "rtp", "-d", db, "-f", b.dump)
	return b
}

// restoreInto creates the database again in cluster c and restores the
// dump into it, as its owner; then rtp db check finds it sound, the
// owner's export is the one before, byte for byte, and the member records
// again and sees its private update.
func (b backedUpTracker) restoreInto(t *testing.T, c *pgtest.Cluster) {
	t.Helper()
	superuser(t, c, "postgres", "CREATE DATABASE "+b.db+" OWNER tester")
	pgTool(t, c, "tester", "pg_restore", "-d", b.db, b.dump)
	server := c.URL("tester", b.db)
	mustCheck(t, server)
	if after := mustRTP(t, server, "export", "--include-private"); after != b.export {
		t.Errorf("the restored tracker's export differs:\n%s", firstDifference(b.export, after))
	}
	asMember := c.URL(b.member, b.db)
	mustRTP(t, asMember, "track", "update", "upr", "--status", "in-progress", "--as-of", "2020-03-03", "--note", "FES after the restore")
	if shown := mustRTP(t, asMember, "track", "show", "upr"); !strings.Contains(shown, "FES private view") || !strings.Contains(shown, "FES after the") {
		t.Errorf("the member does not see its entries after the restore:\n%s", shown)
	}
	mustCheck(t, server)
}

// TestServerBackupAndRestore follows the README: rtp db backup refuses a
// server and names pg_dump; the owner's pg_dump -Fc -n rtp, the database
// dropped and created again, pg_restore: the tracker is as it was, and a
// member granted before records again (the group roles and their members
// live in the cluster, not in the database, and survive).
func TestServerBackupAndRestore(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	b := backUpTracker(t, c)
	superuser(t, c, "postgres", "DROP DATABASE "+b.db)
	if r := rtp(t, c.URL("tester", b.db), "", "track", "list"); r.code != 1 {
		t.Fatalf("the dropped database still answers: %+v", r)
	}
	b.restoreInto(t, c)
}

// TestServerRestoreIntoAnotherCluster follows the README into a new
// server: the roles first (pg_dumpall --roles-only: the login roles, the
// tracker's three group roles and who is in them), a database of the same
// name (the group roles are named after it), then pg_restore.
func TestServerRestoreIntoAnotherCluster(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	b := backUpTracker(t, c)
	other, err := pgtest.Start(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Stop)
	roles := filepath.Join(t.TempDir(), "roles.sql")
	pgTool(t, c, pgtest.Superuser, "pg_dumpall", "--roles-only", "-f", roles)
	// The new cluster's own superuser exists already: psql reports it
	// and goes on.
	exec.Command(filepath.Join(other.Bin, "psql"), "-X", "-q", "-h", other.Socket, "-p", strconv.Itoa(other.Port),
		"-U", pgtest.Superuser, "-d", "postgres", "-f", roles).Run()
	b.restoreInto(t, other)
}

// TestServerCheckFindsDamage has a superuser undo, one at a time, what
// keeps the server's history append-only and private entries private: rtp
// db check lists it and exits 1, as it does for a damaged file, and finds
// the tracker sound once it is put back.
func TestServerCheckFindsDamage(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	db, server := newServerTracker(t, c)
	mustRTP(t, server, "track", "update", "upr", "--status", "partial", "--note", "private", "--private")
	mustCheck(t, server)
	cases := []struct {
		damage, repair, want string
		problems             string
	}{
		{"ALTER TABLE rtp.updates DISABLE TRIGGER updates_append_only", "ALTER TABLE rtp.updates ENABLE TRIGGER updates_append_only",
			"schema: the trigger updates_append_only on updates is missing or disabled", "1 problem"},
		{"ALTER TABLE rtp.evidence DISABLE ROW LEVEL SECURITY", "ALTER TABLE rtp.evidence ENABLE ROW LEVEL SECURITY",
			"schema: row-level security is off on evidence: private entries are visible to every role", "1 problem"},
		{"ALTER POLICY visible ON rtp.updates RENAME TO gone", "ALTER POLICY gone ON rtp.updates RENAME TO visible",
			"schema: the row-level security policy visible on updates is missing", "2 problems"}, // and gone is not rtp's
		{"CREATE POLICY everyone ON rtp.updates FOR SELECT USING (true)", "DROP POLICY everyone ON rtp.updates",
			"schema: the row-level security policy everyone on updates is not rtp's", "1 problem"},
		{fmt.Sprintf("GRANT DELETE ON rtp.retractions TO %s_member", db), fmt.Sprintf("REVOKE DELETE ON rtp.retractions FROM %s_member", db),
			fmt.Sprintf("privileges: %s_member may delete retractions: history must be append-only", db), "1 problem"},
		// The tables of checks and targets are history too.
		{"ALTER TABLE rtp.check_answers DISABLE TRIGGER check_answers_append_only", "ALTER TABLE rtp.check_answers ENABLE TRIGGER check_answers_append_only",
			"schema: the trigger check_answers_append_only on check_answers is missing or disabled", "1 problem"},
		{fmt.Sprintf("GRANT UPDATE ON rtp.targets TO %s_member", db), fmt.Sprintf("REVOKE UPDATE ON rtp.targets FROM %s_member", db),
			fmt.Sprintf("privileges: %s_member may update targets: history must be append-only", db), "1 problem"},
	}
	for _, tc := range cases {
		superuser(t, c, db, tc.damage)
		r := rtp(t, server, "", "db", "check")
		if r.code != 1 || !strings.Contains(r.stdout, tc.want) {
			t.Errorf("after %s: exit %d, stdout %q, want exit 1 and %q", tc.damage, r.code, r.stdout, tc.want)
		}
		if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, ": "+tc.problems+" found") {
			t.Errorf("after %s: stderr %q, want one line saying %s found", tc.damage, r.stderr, tc.problems)
		}
		superuser(t, c, db, tc.repair)
		mustCheck(t, server)
	}
}

// TestBadInputOnServer refuses the SQLite tests' bad command lines on a
// server alike: same exit code, same one line, nothing written. rtp db
// backup is left out: a server's tracker is backed up with pg_dump.
func TestBadInputOnServer(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	db, server := newServerTracker(t, c)
	var cases []badInput
	for _, tc := range badInputCases(t, server) {
		if tc.args[0] != "db" {
			cases = append(cases, tc)
		}
	}
	refuseBadInput(t, server, cases, func() string { return serverDump(t, c, db) })
	mustCheck(t, server)
}

// hostileValues are stored verbatim or refused, the same on both
// backends: SQL, placeholders of every dialect (the driver rewrites ? and
// :name in statements, never in values), quoting, markup, formulas,
// Unicode that is hard to see.
var hostileValues = []string{
	`'; DROP TABLE updates; --`,
	`Robert'); DROP TABLE rtp.updates CASCADE; --`,
	`$1 $2 ? ?? :name :1 @p1 %s %v {{schema}} {{owner}}`,
	`$$ $kept$ E'\x41' \' \\ " ""`,
	`x' IS NULL OR 'a' IS 'a`,
	`<script>alert(1)</script>`,
	`=HYPERLINK("http://evil.example","click")`,
	"\u202eevil\u202c and e\u0301 and \U0001F469\u200d\U0001F469\u200d\U0001F467",
	"NULL",
	"tab\there",
	"line\nbreak",
	strings.Repeat("é", 32768),
}

// TestHostileValuesOnServer records every hostile value as a note, an
// author, an owner, an evidence reference and title, on a local file and
// on a server: each command ends alike on both, and what either accepted
// is in its export as it was typed.
func TestHostileValuesOnServer(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	local := newTracker(t)
	_, server := newServerTracker(t, c)
	var accepted []string
	for i, v := range hostileValues {
		for _, args := range [][]string{
			{"track", "update", "ga-agenda", "--status", "partial", "--as-of", "2020-01-01", "--note", v},
			{"track", "update", "upr", "--note", v, "--as-of", "2020-01-01", "--by", v},
			{"track", "assign", "gender-lens", v},
			{"track", "evidence", "upr", fmt.Sprintf("https://example.org/hostile/%d?q=%s", i, url.QueryEscape(v[:min(len(v), 200)])), "--title", v, "--date", "2020-01-02"},
			{"track", "evidence", "upr", v, "--date", "2020-01-02"},
		} {
			onFile, onServer := rtp(t, local, "", args...), rtp(t, server, "", args...)
			what := fmt.Sprintf("rtp %s %q", strings.Join(args[:3], " "), v[:min(len(v), 40)])
			if onFile.code != onServer.code || strings.ReplaceAll(onFile.stderr, local, "TRACKER") != strings.ReplaceAll(onServer.stderr, store.Redact(server), "TRACKER") {
				t.Errorf("%s: exit %d on the file, %d on the server\nfile:   %s\nserver: %s", what, onFile.code, onServer.code, onFile.stderr, onServer.stderr)
			}
			if onServer.code == 0 && !slices.Contains(accepted, v) {
				accepted = append(accepted, v)
			}
		}
	}
	if len(accepted) < len(hostileValues)/2 {
		t.Errorf("only %d of %d hostile values were accepted anywhere", len(accepted), len(hostileValues))
	}
	for _, tracker := range []string{local, server} {
		strs := exportStrings(t, mustRTP(t, tracker, "export"))
		for _, v := range accepted {
			if !strs[v] {
				t.Errorf("%s: the export lacks %q as typed", tracker, v[:min(len(v), 40)])
			}
		}
	}
	mustCheck(t, server)
}

// exportStrings is every string value in an export, decoded.
func exportStrings(t *testing.T, export string) map[string]bool {
	t.Helper()
	var doc any
	if err := json.Unmarshal([]byte(export), &doc); err != nil {
		t.Fatal(err)
	}
	strs := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			strs[v] = true
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(doc)
	return strs
}

// TestServerGoneMidWrite cuts rtp's connection while it writes: a
// superuser holds the tracker's clock row, rtp's update waits for it inside
// its transaction, and the superuser ends rtp's session. rtp says so in
// one line, exits 1, and nothing of the update is stored.
func TestServerGoneMidWrite(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	db, server := newServerTracker(t, c)
	before := serverDump(t, c, db)
	holder := exec.Command(filepath.Join(c.Bin, "psql"), "-X", "-q", "-h", c.Socket, "-p", strconv.Itoa(c.Port), "-U", pgtest.Superuser, "-d", db)
	holder.Stdin = strings.NewReader("BEGIN; SELECT 1 FROM rtp.clock WHERE one = 1 FOR UPDATE; SELECT pg_sleep(60);")
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		holder.Process.Kill()
		holder.Wait()
	}()
	waitFor := func(what, query string) string {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if got := superuser(t, c, db, query); got != "" {
				return got
			}
		}
		t.Fatalf("waited 20 s for %s", what)
		return ""
	}
	waitFor("the clock row to be held", `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(60)%' AND state = 'active' AND pid <> pg_backend_pid()`)
	writer := rtpCommand(t, server, "", "track", "update", "ga-agenda", "--status", "stalled", "--note", "never stored")
	var stdout, stderr strings.Builder
	writer.Stdout, writer.Stderr = &stdout, &stderr
	if err := writer.Start(); err != nil {
		t.Fatal(err)
	}
	pid := waitFor("rtp to wait for the clock row", `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'rtp' AND wait_event_type = 'Lock'`)
	superuser(t, c, db, "SELECT pg_terminate_backend("+pid+")")
	err := writer.Wait()
	code := 0
	if exitErr, ok := err.(*exec.ExitError); ok {
		code = exitErr.ExitCode()
	}
	oneLineError(t, result{stdout.String(), stderr.String(), code}, "ended the connection: terminating connection due to administrator command; nothing was changed")
	holder.Process.Kill()
	holder.Wait()
	if after := serverDump(t, c, db); after != before {
		t.Errorf("the tracker changed:\n%s", firstDifference(before, after))
	}
	mustCheck(t, server)
}
