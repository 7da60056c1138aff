package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp/internal/pgtest"
)

// server is a running `rtp serve` process.
type server struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
	done   chan error
}

var servingLine = regexp.MustCompile(`serving .* at (http://127\.0\.0\.1:\d+)/`)

// startServe starts the real binary on the tracker at db, on any free port
// of loopback, and waits for the address it prints.
func startServe(t *testing.T, db string, args ...string) *server {
	t.Helper()
	cmd := rtpCommand(t, db, "", append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, stderr: &bytes.Buffer{}, done: make(chan error, 1)}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			s.stderr.WriteString(sc.Text() + "\n")
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		s.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	})
	select {
	case s.url = <-found:
	case err := <-s.done:
		t.Fatalf("rtp serve exited: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("rtp serve printed no address in 30 s")
	}
	return s
}

func (s *server) get(t *testing.T, target string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.url + target)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// apiAndCLI is an API route and the rtp command line that answers alike.
type apiAndCLI struct{ api, cli string }

// sameAsCLI fails the test unless each route answers what its command line
// prints on the tracker db (when says when, if more than once).
func (s *server) sameAsCLI(t *testing.T, db, when string, asked []apiAndCLI) {
	t.Helper()
	for _, q := range asked {
		status, got := s.get(t, q.api)
		if want := mustRTP(t, db, strings.Fields(q.cli)...); status != http.StatusOK || got != want {
			t.Errorf("%s %s (%d) differs from rtp %s:\n%s\nwant:\n%s", when, q.api, status, q.cli, got, want)
		}
	}
}

// stop sends sig and waits for the process to end.
func (s *server) stop(t *testing.T, sig syscall.Signal) error {
	t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("rtp serve did not stop within 20 s")
	}
	return nil
}

// TestServeAnswersAsTheCLI: the API's JSON is the command line's
// --format json, for the same day, from the real binary on both sides; a
// change recorded by another rtp process shows on the next request; SIGTERM
// and SIGINT stop the server cleanly.
func TestServeAnswersAsTheCLI(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	mustRTP(t, db, "track", "assign", "ga-agenda", "ICRtoP", "--as-of", "2017-09-07")
	mustRTP(t, db, "track", "update", "ga-agenda", "--status", "implemented", "--as-of", "2017-09-15", "--note", "On the agenda <b>72</b>", "--evidence", "A/72/250")
	mustRTP(t, db, "track", "update", "ga-agenda", "--status", "stalled", "--as-of", "2019-09-18", "--note", "Not on the 74th agenda")
	mustRTP(t, db, "track", "update", "upr", "--status", "regressed", "--as-of", "2018-11-01", "--note", "Wrong one")
	mustRTP(t, db, "track", "retract", "3", "--reason", "Meant for civil-society")
	s := startServe(t, db)
	s.sameAsCLI(t, db, "", []apiAndCLI{
		{"/api/list?as_of=2018-12-31", "track list --format json --as-of 2018-12-31"},
		{"/api/list?as_of=2019-12-31&status=stalled", "track list --format json --as-of 2019-12-31 --status stalled"},
		{"/api/report?as_of=2018-12-31", "report --format json --as-of 2018-12-31"},
		{"/api/report?as_of=2019-12-31&owner=icrtop", "report --format json --as-of 2019-12-31 --owner icrtop"},
		{"/api/recommendations/ga-agenda", "track show ga-agenda --format json"},
		{"/api/recommendations/upr", "track show upr --format json"},
		{"/api/sources", "source list --format json"},
	})
	if _, page := s.get(t, "/rec/civil-society"); strings.Contains(page, "Recorded by another process") {
		t.Fatal("the note is there before it is recorded")
	}
	mustRTP(t, db, "track", "update", "civil-society", "--status", "in-progress", "--note", "Recorded by another process")
	if _, page := s.get(t, "/rec/civil-society"); !strings.Contains(page, "Recorded by another process") {
		t.Error("a change by another process does not show on the next request")
	}
	if err := s.stop(t, syscall.SIGTERM); err != nil {
		t.Errorf("after SIGTERM: %v\n%s", err, s.stderr)
	}
	if !strings.Contains(s.stderr.String(), "stopped serving") {
		t.Errorf("stderr: %s", s.stderr)
	}
	s = startServe(t, db)
	if err := s.stop(t, syscall.SIGINT); err != nil {
		t.Errorf("after SIGINT: %v\n%s", err, s.stderr)
	}
}

// TestServeNeverShowsPrivateText fetches every page and API answer of the
// private tracker from the real binary and finds no canary.
func TestServeNeverShowsPrivateText(t *testing.T) {
	t.Parallel()
	db := privateTracker(t)
	s := startServe(t, db)
	for _, target := range []string{
		"/", "/?as_of=2019-12-31", "/list", "/list?as_of=2019-12-31&sort=-evidence",
		"/rec/upr", "/rec/upr?as_of=2019-12-31", "/rec/gender-lens", "/rec/ga-agenda", "/rec/joint-office", "/rec/joint-office?as_of=2019-12-31",
		"/report/rtp-report.csv", "/report/rtp-report.html", "/report/rtp-report.md", "/report/rtp-report.json",
		"/api/list", "/api/report?as_of=2019-12-31", "/api/recommendations/upr", "/api/recommendations/gender-lens",
		"/api/recommendations/ga-agenda", "/api/recommendations/joint-office", "/api/sources",
	} {
		status, body := s.get(t, target)
		if status != http.StatusOK {
			t.Errorf("%s: %d", target, status)
		}
		for _, c := range canaries {
			if strings.Contains(body, c) {
				t.Errorf("%s holds the private %q", target, c)
			}
		}
	}
	if _, body := s.get(t, "/rec/gender-lens"); !strings.Contains(body, "Public note") {
		t.Error("the public note beside the private evidence is missing")
	}
}

func TestServeRefusesABadCommandLine(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"serve", "--addr", "nonsense"}, 2, `invalid --addr "nonsense"`},
		{[]string{"serve", "--source", "nope", "--addr", "127.0.0.1:0"}, 2, "--source"},
		{[]string{"serve", "extra"}, 2, "takes"},
	} {
		r := rtp(t, db, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.says) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("rtp %v: exit %d, stderr %q", c.args, r.code, r.stderr)
		}
	}
}

// TestServeShowsHostileTextAsText serves the report scenario, whose notes
// hold markup and a spreadsheet formula: the pages show them as text.
func TestServeShowsHostileTextAsText(t *testing.T) {
	t.Parallel()
	s := startServe(t, scenarioTracker(t))
	for _, target := range []string{"/rec/upr?as_of=2019-12-31", "/list?as_of=2019-12-31", "/?as_of=2019-12-31"} {
		status, page := s.get(t, target)
		if status != http.StatusOK || strings.Contains(page, "<script>alert") || strings.Contains(page, "<script") {
			t.Errorf("%s (%d) holds a script element", target, status)
		}
	}
	_, page := s.get(t, "/rec/upr?as_of=2019-12-31")
	for _, escaped := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "=HYPERLINK(&#34;http://evil.example&#34;,&#34;click&#34;)"} {
		if !strings.Contains(page, escaped) {
			t.Errorf("the page lacks the escaped note %s", escaped)
		}
	}
}

// TestServePostgresAsReader serves a shared tracker as a role granted only
// the reader level, of organisation OrgB: the API answers as the command
// line does for that role, before and after a member of OrgA records
// private entries (which the server then hides from the reader, kept state
// included); no page shows a private entry, of OrgA's or of the reader's
// own OrgB; an unchanged page answers 304, until another client of the
// server records something; and the reader's sessions never ask the
// server for what it refuses a reader (a stamp, a write).
func TestServePostgresAsReader(t *testing.T) {
	t.Parallel()
	c := pgtest.Shared(t)
	name, err := c.NewDatabase("tester")
	if err != nil {
		t.Fatal(err)
	}
	owner := c.URL("tester", name)
	mustRTP(t, owner, "init")
	reader, memberA, memberB := name+"_web", name+"_a", name+"_b"
	for _, role := range []string{reader, memberA, memberB} {
		if err := c.EnsureRole(role, "LOGIN"); err != nil {
			t.Fatal(err)
		}
	}
	// Every statement of the reader's sessions goes to the server's log.
	psql(t, c, pgtest.Superuser, name, "ALTER ROLE "+reader+" SET log_statement = 'all'")
	psql(t, c, "tester", name, fmt.Sprintf(`GRANT %[1]s_reader TO %[2]s; GRANT %[1]s_member TO %[3]s, %[4]s;
		INSERT INTO rtp.members (role, level, org) VALUES ('%[2]s', 'reader', 'OrgB'), ('%[3]s', 'member', 'OrgA'), ('%[4]s', 'member', 'OrgB')`,
		name, reader, memberA, memberB))
	asReader, asA, asB := c.URL(reader, name), c.URL(memberA, name), c.URL(memberB, name)
	mustRTP(t, owner, "track", "assign", "ga-agenda", "ICRtoP", "--as-of", "2017-09-07")
	mustRTP(t, owner, "track", "update", "ga-agenda", "--status", "implemented", "--as-of", "2017-09-15", "--note", "Public agenda note", "--evidence", "A/72/250")

	s := startServe(t, asReader)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("rtp serve's log:\n%s", s.stderr)
		}
	})
	asked := []apiAndCLI{
		{"/api/list", "track list --format json"},
		{"/api/list?as_of=2019-12-31&status=in-progress", "track list --format json --as-of 2019-12-31 --status in-progress"},
		{"/api/report?as_of=2019-12-31", "report --format json --as-of 2019-12-31"},
		{"/api/recommendations/upr", "track show upr --format json"},
		{"/api/recommendations/ga-agenda", "track show ga-agenda --format json"},
		{"/api/recommendations/civil-society", "track show civil-society --format json"},
		{"/api/sources", "source list --format json"},
	}
	s.sameAsCLI(t, asReader, "before any private entry", asked)

	etag := s.do(t, "/rec/civil-society", "").Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	mustRTP(t, asReader, "track", "list") // a read by another client
	if code := s.do(t, "/rec/civil-society", etag).StatusCode; code != http.StatusNotModified {
		t.Errorf("an unchanged page with its ETag: %d, want 304", code)
	}

	// OrgA records private entries, and a public one.
	mustRTP(t, asA, "track", "update", "upr", "--status", "in-progress", "--as-of", "2019-06-10", "--note", "CANARY-A-note", "--evidence", "CANARY-A-ref", "--private")
	mustRTP(t, asA, "track", "evidence", "gender-lens", "CANARY-A-evidence", "--title", "CANARY-A-title", "--private", "--date", "2019-07-01")
	mustRTP(t, asA, "track", "update", "civil-society", "--status", "partial", "--as-of", "2019-02-01", "--note", "Public note of OrgA")
	if code := s.do(t, "/rec/civil-society", etag).StatusCode; code != http.StatusOK {
		t.Errorf("after another client recorded an update, the old ETag gets %d, want 200", code)
	}
	if _, page := s.get(t, "/rec/civil-society"); !strings.Contains(page, "Public note of OrgA") {
		t.Error("the update recorded by another client does not show")
	}
	s.sameAsCLI(t, asReader, "after OrgA's private entries", asked)
	if out := mustRTP(t, owner, "track", "show", "upr"); !strings.Contains(out, "CANARY-A-note") {
		t.Fatal("the owner does not see OrgA's private note: the canary search below proves nothing")
	}

	// OrgB, the reader's own organisation, records a private note: the
	// reader may read it on the command line, the view shows it nowhere.
	mustRTP(t, asB, "track", "update", "joint-office", "--status", "stalled", "--as-of", "2019-03-01", "--note", "CANARY-B-note", "--evidence", "CANARY-B-ref", "--private")
	if out := mustRTP(t, asReader, "track", "show", "joint-office"); !strings.Contains(out, "CANARY-B-note") {
		t.Errorf("the reader does not see its organisation's private note on the command line:\n%s", out)
	}
	noCanaries(t, s)
	if err := s.stop(t, syscall.SIGTERM); err != nil || strings.Contains(s.stderr.String(), "rtp serve: ") {
		t.Errorf("rtp serve: %v; it logged:\n%s", err, s.stderr)
	}
	checkReaderStatements(t, c, reader)
	// The tracker's owner, an admin, sees every private entry: served as
	// the owner, the view shows none either (its lists sorted on the
	// values serve shows read the kept state then).
	noCanaries(t, startServe(t, owner))
}

// noCanaries fetches every page and API answer of the shared tracker and
// finds none of the private entries of TestServePostgresAsReader.
func noCanaries(t *testing.T, s *server) {
	t.Helper()
	for _, target := range []string{
		"/", "/?as_of=2019-12-31", "/list", "/list?as_of=2019-12-31&sort=-evidence", "/list?sort=-evidence", "/list?sort=last_update&stale=1y", "/list?sort=status",
		"/rec/upr", "/rec/upr?as_of=2019-12-31", "/rec/gender-lens", "/rec/joint-office", "/rec/joint-office?as_of=2019-12-31",
		"/report/rtp-report.csv", "/report/rtp-report.html", "/report/rtp-report.md", "/report/rtp-report.json",
		"/api/list", "/api/list?stale=1y", "/api/report?as_of=2019-12-31", "/api/recommendations/upr", "/api/recommendations/gender-lens",
		"/api/recommendations/joint-office", "/api/sources",
	} {
		status, body := s.get(t, target)
		if status != http.StatusOK {
			t.Errorf("%s: %d", target, status)
		}
		for _, c := range []string{"CANARY-A-note", "CANARY-A-ref", "CANARY-A-evidence", "CANARY-A-title", "CANARY-B-note", "CANARY-B-ref"} {
			if strings.Contains(body, c) {
				t.Errorf("%s holds the private %q", target, c)
			}
		}
	}
}

// checkReaderStatements reads the server's log, where every statement of
// the reader's sessions is (log_statement = all for that role only), and
// fails on one that asks what a reader may not do, or on any error in
// those sessions.
func checkReaderStatements(t *testing.T, c *pgtest.Cluster, reader string) {
	t.Helper()
	log, err := os.ReadFile(filepath.Join(c.Dir, "log"))
	if err != nil {
		t.Fatal(err)
	}
	// An entry starts with the time and [pid]; its statement may go on
	// over the following lines.
	start := regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[.\d]* \S+ \[(\d+)\] `)
	type entry struct{ pid, text string }
	var entries []entry
	bounds := start.FindAllStringSubmatchIndex(string(log), -1)
	for i, b := range bounds {
		end := len(log)
		if i+1 < len(bounds) {
			end = bounds[i+1][0]
		}
		entries = append(entries, entry{string(log[b[2]:b[3]]), string(log[b[1]:end])})
	}
	readerPIDs := map[string]bool{}
	for _, e := range entries {
		if strings.HasPrefix(e.text, "LOG:  statement: ") || strings.HasPrefix(e.text, "LOG:  execute ") {
			readerPIDs[e.pid] = true
		}
	}
	if len(readerPIDs) == 0 {
		t.Fatalf("no statement of %s in the server's log", reader)
	}
	refused := regexp.MustCompile(`(?i)\b(take_stamp|unstamp|kept_\w+)\(|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b|^(ERROR|FATAL):`)
	statements := 0
	for _, e := range entries {
		if !readerPIDs[e.pid] {
			continue
		}
		statements++
		if refused.MatchString(e.text) {
			t.Errorf("a session of the reader asked: %s", strings.TrimSpace(e.text))
		}
	}
	t.Logf("%d entries of %d reader sessions in the server's log", statements, len(readerPIDs))
}

func psql(t *testing.T, c *pgtest.Cluster, role, db, sql string) {
	t.Helper()
	if _, err := c.Psql(role, db, sql); err != nil {
		t.Fatal(err)
	}
}

// do fetches target, with If-None-Match unless empty.
func (s *server) do(t *testing.T, target, ifNoneMatch string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.url+target, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ifNoneMatch != "" {
		req.Header.Set("If-None-Match", ifNoneMatch)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}
