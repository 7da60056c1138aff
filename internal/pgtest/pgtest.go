// Package pgtest starts a throwaway PostgreSQL cluster for tests: initdb in
// a temporary folder, the server listening on a Unix socket in it and on a
// free loopback port, stopped and removed when the tests are done. Nothing
// is mocked: the tests talk to Debian's real server.
//
// The server refuses to run as root, so as root the cluster belongs to the
// postgres user (runuser -u postgres). Without PostgreSQL installed the
// tests that need it are skipped, except under CI (CI set), where they fail:
// .ci/run installs it.
package pgtest

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Superuser is the cluster's superuser, who creates the test databases and
// roles.
const Superuser = "rtp_test_admin"

// Cluster is a running throwaway PostgreSQL server.
type Cluster struct {
	Dir    string // the cluster's folder (data, socket, log)
	Socket string // the folder holding the server's Unix socket
	Port   int
	Bin    string // the folder of the server's programs
	asUser string // the OS user the server runs as ("" for this one)
	mu     sync.Mutex
	dbs    int
	roles  map[string]bool // made by EnsureRole
}

// BinDir finds the folder of PostgreSQL's server programs (initdb,
// pg_ctl): on Debian they are under /usr/lib/postgresql/VERSION/bin, the
// newest first; else on PATH.
func BinDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("PostgreSQL's server programs (initdb, pg_ctl) are not installed: apt-get install postgresql")
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Need skips the test when PostgreSQL is not installed, unless under CI.
func Need(tb testing.TB) string {
	tb.Helper()
	bin, err := BinDir()
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%v (CI is set: the PostgreSQL tests must run)", err)
		}
		tb.Skip(err)
	}
	return bin
}

// Start initialises and starts a cluster in a new folder under parent.
// Stop it with Stop.
func Start(parent string) (*Cluster, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{Dir: dir, Socket: dir, Bin: bin}
	if os.Geteuid() == 0 {
		c.asUser = "postgres"
		if _, err := user.Lookup(c.asUser); err != nil {
			return nil, fmt.Errorf("running as root, the server needs the postgres user: %v", err)
		}
		// The postgres user must reach the folder: the temporary folders
		// above it are the tester's (0700): they may pass through them,
		// not list them.
		for d := filepath.Dir(dir); d != "/" && d != "."; d = filepath.Dir(d) {
			if info, err := os.Stat(d); err == nil && info.Mode().Perm()&0o001 == 0 {
				os.Chmod(d, info.Mode().Perm()|0o001)
			}
		}
		if out, err := exec.Command("chown", "postgres:postgres", dir).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("chown %s: %v: %s", dir, err, out)
		}
	}
	data := filepath.Join(dir, "data")
	// The Unix socket trusts every role (the tests connect as any role
	// without a password); loopback TCP asks for a password, as a real
	// server does, so that a wrong password can be tested (TCPURL,
	// SetPassword).
	if out, err := c.run(filepath.Join(bin, "initdb"), "-D", data, "-U", Superuser,
		"--auth-local=trust", "--auth-host=scram-sha-256",
		"--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	c.Port = port
	// fsync off: a throwaway cluster need not survive a power cut, and the
	// tests run faster.
	opts := fmt.Sprintf("-k %s -p %d -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", dir, port)
	if out, err := c.run(filepath.Join(bin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts, "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return nil, fmt.Errorf("pg_ctl start: %v: %s\n%s", err, out, log)
	}
	return c, nil
}

// Stop stops the server and removes its folder.
func (c *Cluster) Stop() {
	c.run(filepath.Join(c.Bin, "pg_ctl"), "-D", filepath.Join(c.Dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(c.Dir)
}

func (c *Cluster) run(name string, args ...string) ([]byte, error) {
	var cmd *exec.Cmd
	if c.asUser != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.asUser, "--", name}, args...)...)
	} else {
		cmd = exec.Command(name, args...)
	}
	cmd.Dir = "/"
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.Bytes(), err
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// URL is the connection URL of database db as role, over the Unix socket.
func (c *Cluster) URL(role, db string) string {
	q := url.Values{}
	q.Set("host", c.Socket)
	q.Set("port", strconv.Itoa(c.Port))
	q.Set("sslmode", "disable")
	return (&url.URL{Scheme: "postgres", User: url.User(role), Path: "/" + db, RawQuery: q.Encode()}).String()
}

// TCPURL is the connection URL of database db as role over loopback TCP,
// where the server asks for the role's password (SetPassword); an empty
// password leaves it out of the URL (for PGPASSWORD or .pgpass).
func (c *Cluster) TCPURL(role, password, db string) string {
	u := &url.URL{Scheme: "postgres", Host: "127.0.0.1:" + strconv.Itoa(c.Port), Path: "/" + db, RawQuery: "sslmode=disable"}
	if password != "" {
		u.User = url.UserPassword(role, password)
	} else {
		u.User = url.User(role)
	}
	return u.String()
}

// Psql runs SQL with psql as role on database db and returns what it
// printed (unaligned, tuples only) and its error.
func (c *Cluster) Psql(role, db, sql string) (string, error) {
	cmd := exec.Command(filepath.Join(c.Bin, "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
		"-h", c.Socket, "-p", strconv.Itoa(c.Port), "-U", role, "-d", db, "-c", sql)
	if _, err := os.Stat(cmd.Path); err != nil {
		cmd.Path, _ = exec.LookPath("psql")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("psql as %s: %v: %s", role, err, strings.TrimSpace(string(out)))
	}
	return string(out), nil
}

// NewDatabase creates a new empty database, owned by owner (a new login
// role, created if missing, that may create roles: the one `rtp init`
// runs as), and returns its name.
func (c *Cluster) NewDatabase(owner string) (string, error) {
	c.mu.Lock()
	c.dbs++
	name := fmt.Sprintf("rtp%d_%d", c.dbs, time.Now().UnixNano()%1e6)
	c.mu.Unlock()
	// One database at a time: CREATE DATABASE copies template1, and two
	// at once wait for each other anyway.
	if err := c.EnsureRole(owner, "LOGIN CREATEROLE"); err != nil {
		return "", err
	}
	if _, err := c.Psql(Superuser, "postgres", fmt.Sprintf(`CREATE DATABASE %s OWNER %s`, name, quoteIdent(owner))); err != nil {
		return "", err
	}
	return name, nil
}

// EnsureRole creates a role with the given attributes unless it exists.
func (c *Cluster) EnsureRole(role, attrs string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.roles[role] {
		return nil
	}
	_, err := c.Psql(Superuser, "postgres", fmt.Sprintf(`DO $$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN CREATE ROLE %s %s; END IF;
	END $$`, strings.ReplaceAll(role, "'", "''"), quoteIdent(role), attrs))
	if err == nil {
		if c.roles == nil {
			c.roles = map[string]bool{}
		}
		c.roles[role] = true
	}
	return err
}

// SetPassword gives role (made by EnsureRole or NewDatabase) a password,
// for logins over TCP.
func (c *Cluster) SetPassword(role, password string) error {
	_, err := c.Psql(Superuser, "postgres", fmt.Sprintf(`ALTER ROLE %s PASSWORD '%s'`,
		quoteIdent(role), strings.ReplaceAll(password, "'", "''")))
	return err
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

var (
	shared     *Cluster
	sharedErr  error
	sharedOnce sync.Once
)

// Shared returns the package's one cluster, started on first use (skipping
// the test if PostgreSQL is not installed, failing it under CI). The
// package's TestMain stops it with StopShared.
func Shared(tb testing.TB) *Cluster {
	tb.Helper()
	Need(tb)
	sharedOnce.Do(func() { shared, sharedErr = Start("") })
	if sharedErr != nil {
		tb.Fatal(sharedErr)
	}
	return shared
}

// StopShared stops the package's cluster if one was started.
func StopShared() {
	if shared != nil {
		shared.Stop()
	}
}
