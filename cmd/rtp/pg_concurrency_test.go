package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/rtp-tracker/rtp/internal/pgtest"
)

// TestConcurrentWritersPostgres runs 16 rtp processes at once, each
// recording 50 mixed entries (updates with and without a status, evidence,
// assignments and unassignments, retractions of its own earlier entries)
// as its own member role, half of them on the one recommendation every
// process writes to and half on one it shares with one or two others.
// Nothing may be lost: every entry each process was told was recorded is
// in the history, db check finds the tracker sound, and the kept current
// state is the one worked out from the history from scratch (the server's
// export merged into a new local tracker, and the server's own list as
// recorded now, which reads the history rather than the kept state).
func TestConcurrentWritersPostgres(t *testing.T) {
	c := pgtest.Shared(t)
	db, err := c.NewDatabase("tester")
	if err != nil {
		t.Fatal(err)
	}
	owner := c.URL("tester", db)
	mustRTP(t, owner, "init")
	const processes, writes = 16, 50
	for p := range processes {
		role := writerRole(db, p)
		if err := c.EnsureRole(role, "LOGIN"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Psql(pgtest.Superuser, db, fmt.Sprintf(`GRANT %s_member TO %s`, db, role)); err != nil {
			t.Fatal(err)
		}
	}

	recorded := make([]map[string]int, processes) // per process: kind → entries it was told were recorded
	var wg sync.WaitGroup
	errs := make(chan error, processes)
	for p := range processes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &writer{url: c.URL(writerRole(db, p), db), role: writerRole(db, p), home: t.TempDir(), p: p, recorded: map[string]int{}}
			recorded[p] = w.recorded
			if err := w.run(writes); err != nil {
				errs <- fmt.Errorf("process %d: %w", p, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		return
	}

	// Every entry is in the history, under the role that recorded it.
	for p := range processes {
		role := writerRole(db, p)
		want := recorded[p]
		if n := want["update"] + want["note"] + want["evidence"] + want["assign"] + want["unassign"] + want["retraction"]; n != writes {
			t.Fatalf("process %d was told of %d entries, not %d: %v", p, n, writes, want)
		}
		got, err := c.Psql(pgtest.Superuser, db, fmt.Sprintf(`SET search_path = rtp;
			SELECT (SELECT count(*) FROM updates WHERE "by" = '%[1]s' AND note_only = 0), (SELECT count(*) FROM updates WHERE "by" = '%[1]s' AND note_only = 1),
				(SELECT count(*) FROM evidence WHERE "by" = '%[1]s'), (SELECT count(*) FROM assignments WHERE "by" = '%[1]s' AND action = 'assign'),
				(SELECT count(*) FROM assignments WHERE "by" = '%[1]s' AND action = 'unassign'), (SELECT count(*) FROM retractions WHERE "by" = '%[1]s')`, role))
		if err != nil {
			t.Fatal(err)
		}
		wantLine := fmt.Sprintf("%d|%d|%d|%d|%d|%d", want["update"], want["note"], want["evidence"], want["assign"], want["unassign"], want["retraction"])
		if strings.TrimSpace(got) != wantLine {
			t.Errorf("%s's entries in the history (updates|notes|evidence|assigns|unassigns|retractions): %s, want %s", role, strings.TrimSpace(got), wantLine)
		}
	}
	if r := rtp(t, owner, "", "db", "check"); r.code != 0 || !strings.Contains(r.stdout, "is sound") {
		t.Errorf("db check: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}

	// The kept state against the state worked out from the history.
	kept := mustRTP(t, owner, "track", "list", "--format", "json")
	export := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(export, []byte(mustRTP(t, owner, "export")), 0o644); err != nil {
		t.Fatal(err)
	}
	local := newTracker(t)
	mustRTP(t, local, "merge", export)
	if worked := mustRTP(t, local, "track", "list", "--format", "json"); worked != kept {
		t.Errorf("the server's kept state differs from the state worked out from its export:\nserver: %s\nlocal: %s", kept, worked)
	}
	stamp, err := c.Psql(pgtest.Superuser, db, `SELECT last_stamp FROM rtp.clock`)
	if err != nil {
		t.Fatal(err)
	}
	if fromHistory := mustRTP(t, owner, "track", "list", "--format", "json", "--as-recorded", strings.TrimSpace(stamp)); fromHistory != kept {
		t.Errorf("the server's kept state differs from its history as recorded at %s:\nkept: %s\nhistory: %s", stamp, kept, fromHistory)
	}
	if !strings.Contains(kept, `"status": "`) || strings.Count(kept, `"owners": []`) == 8 {
		t.Errorf("the list shows none of the writes: the test tests nothing:\n%s", kept)
	}
}

// writerRole is the login role of process p, a member of the tracker db.
func writerRole(db string, p int) string { return fmt.Sprintf("%s_w%02d", db, p) }

// sharedRecommendation is the one every process writes to; each also
// writes to one of the memo's seven others, which it shares with one or two
// other processes.
var (
	sharedRecommendation = "upr"
	otherIDs             = []string{"joint-office", "gender-lens", "civil-society", "prevention", "ga-agenda", "international-law", "regional-bodies"}
)

// writer is one process's sequence of writes.
type writer struct {
	url, role, home string
	p               int
	recorded        map[string]int
}

var (
	updateNumber   = regexp.MustCompile(`\(update (\d+) by `)
	evidenceNumber = regexp.MustCompile(`evidence (\d+) recorded`)
)

// run records writes entries in cycles of ten: on the shared recommendation
// A and the process's own B, an update with a status and evidence on A, an
// assignment and a note on B, the retraction of that update, the
// unassignment, an update and evidence on B, an assignment or unassignment
// on A (alternating between cycles), and the retraction of that first
// evidence.
func (w *writer) run(writes int) error {
	a, b := sharedRecommendation, otherIDs[w.p%len(otherIDs)]
	statuses := []string{"in-progress", "partial", "stalled", "implemented", "regressed"}
	me := fmt.Sprintf("Org %02d", w.p)
	var update, evidence string
	for i := range writes {
		cycle := i / 10
		status := statuses[(w.p+i)%len(statuses)]
		var args []string
		kind := ""
		switch i % 10 {
		case 0:
			args, kind = []string{"track", "update", a, "--status", status, "--note", fmt.Sprintf("p%d w%d", w.p, i)}, "update"
		case 1:
			args, kind = []string{"track", "evidence", a, fmt.Sprintf("A/%d/%d", w.p, i), "--date", "2026-01-01"}, "evidence"
		case 2:
			args, kind = []string{"track", "assign", b, me, "--role", "support"}, "assign"
		case 3:
			args, kind = []string{"track", "update", b, "--note", fmt.Sprintf("note p%d w%d", w.p, i)}, "note"
		case 4:
			args, kind = []string{"track", "retract", update, "--reason", "concurrency test"}, "retraction"
		case 5:
			args, kind = []string{"track", "unassign", b, me}, "unassign"
		case 6:
			args, kind = []string{"track", "update", b, "--status", status}, "update"
		case 7:
			args, kind = []string{"track", "evidence", b, fmt.Sprintf("https://example.org/%d/%d", w.p, i), "--date", "2026-01-02"}, "evidence"
		case 8:
			if cycle%2 == 0 {
				args, kind = []string{"track", "assign", a, me, "--role", "lead"}, "assign"
			} else {
				args, kind = []string{"track", "unassign", a, me}, "unassign"
			}
		case 9:
			args, kind = []string{"track", "retract", "--evidence", evidence, "--reason", "concurrency test"}, "retraction"
		}
		out, err := w.rtp(args...)
		if err != nil {
			return err
		}
		switch i % 10 {
		case 0:
			update, err = number(updateNumber, out)
		case 1:
			evidence, err = number(evidenceNumber, out)
		}
		if err != nil {
			return fmt.Errorf("rtp %s: %w", strings.Join(args, " "), err)
		}
		w.recorded[kind]++
	}
	return nil
}

func number(re *regexp.Regexp, out string) (string, error) {
	m := re.FindStringSubmatch(out)
	if m == nil {
		return "", fmt.Errorf("no entry number in %q", out)
	}
	return m[1], nil
}

// rtp runs one write as the process's role.
func (w *writer) rtp(args ...string) (string, error) {
	cmd := exec.Command("rtp", args...)
	cmd.Env = append(os.Environ(), "RTP_DB="+w.url, "RTP_AUTHOR="+w.role, "RTP_NOW=", "HOME="+w.home)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("rtp %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}
