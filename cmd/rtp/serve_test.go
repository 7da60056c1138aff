package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
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
	for _, c := range []struct{ api, cli string }{
		{"/api/list?as_of=2018-12-31", "track list --format json --as-of 2018-12-31"},
		{"/api/list?as_of=2019-12-31&status=stalled", "track list --format json --as-of 2019-12-31 --status stalled"},
		{"/api/report?as_of=2018-12-31", "report --format json --as-of 2018-12-31"},
		{"/api/report?as_of=2019-12-31&owner=icrtop", "report --format json --as-of 2019-12-31 --owner icrtop"},
		{"/api/recommendations/ga-agenda", "track show ga-agenda --format json"},
		{"/api/recommendations/upr", "track show upr --format json"},
		{"/api/sources", "source list --format json"},
	} {
		status, got := s.get(t, c.api)
		if want := mustRTP(t, db, strings.Fields(c.cli)...); status != http.StatusOK || got != want {
			t.Errorf("%s (%d) differs from rtp %s:\n%s\nwant:\n%s", c.api, status, c.cli, got, want)
		}
	}
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
