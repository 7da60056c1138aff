package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	domain "github.com/rtp-tracker/rtp"
)

// These tests run the real rtp binary (the copy testscript puts on PATH)
// against real tracker files, as separate processes.

type result struct {
	stdout, stderr string
	code           int
}

// rtp runs the binary with the tracker at db and a fixed author.
func rtp(t testing.TB, db, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command("rtp", args...)
	cmd.Env = append(os.Environ(), "RTP_DB="+db, "RTP_AUTHOR=tester", "RTP_NOW=", "COLUMNS=", "HOME="+t.TempDir())
	cmd.Stdin = strings.NewReader(stdin)
	return run(t, cmd)
}

// rtpCommand prepares rtp on the tracker at db with the clock at now.
func rtpCommand(t testing.TB, db, now string, args ...string) *exec.Cmd {
	cmd := exec.Command("rtp", args...)
	cmd.Env = append(os.Environ(), "RTP_DB="+db, "RTP_AUTHOR=tester", "RTP_NOW="+now, "COLUMNS=", "HOME="+t.TempDir())
	return cmd
}

// run runs a prepared command and collects its output and exit code.
func run(t testing.TB, cmd *exec.Cmd) result {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	code := 0
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatalf("running %v: %v", cmd.Args, err)
	}
	return result{out.String(), errOut.String(), code}
}

func mustRTP(t testing.TB, db string, args ...string) string {
	t.Helper()
	r := rtp(t, db, "", args...)
	if r.code != 0 {
		t.Fatalf("rtp %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

func newTracker(t testing.TB) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "rtp.db")
	mustRTP(t, db, "init")
	return db
}

func openDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t testing.TB, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func mustCheck(t testing.TB, db string) {
	t.Helper()
	if r := rtp(t, db, "", "db", "check"); r.code != 0 || !strings.Contains(r.stdout, "is sound") {
		t.Fatalf("rtp db check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestConcurrentProcesses has 8 processes at a time append 50 updates each
// to one tracker: every update is recorded and none reports a failure.
func TestConcurrentProcesses(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	const workers, each = 8, 50
	start := time.Now()
	var wg sync.WaitGroup
	failures := make(chan string, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				r := rtp(t, db, "", "track", "update", fmt.Sprint(w%8+1), "--status", "in-progress",
					"--note", fmt.Sprintf("worker %d update %d", w, i), "--as-of", "2020-01-01")
				if r.code != 0 {
					failures <- fmt.Sprintf("worker %d update %d: exit %d: %s", w, i, r.code, r.stderr)
				}
			}
		}()
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	elapsed := time.Since(start)
	got := count(t, openDB(t, db), `SELECT count(*) FROM updates`)
	if got != workers*each {
		t.Fatalf("%d updates recorded, want %d", got, workers*each)
	}
	t.Logf("%d processes, %d updates each: all %d recorded in %s (%.1f ms a process)",
		workers, each, got, elapsed.Round(time.Millisecond), float64(elapsed.Milliseconds())*workers/float64(workers*each))
	mustCheck(t, db)
}

// TestReadersDoNotBlockWriters keeps a read transaction open while rtp
// writes: in WAL mode the writer goes ahead at once.
func TestReadersDoNotBlockWriters(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	reader := openDB(t, db)
	tx, err := reader.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	before := count(t, reader, `SELECT count(*) FROM recommendations`)
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM updates`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("rtp", "track", "update", "6", "--status", "partial")
	cmd.Env = append(os.Environ(), "RTP_DB="+db, "RTP_AUTHOR=tester", "RTP_BUSY_TIMEOUT=1s")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("a writer beside an open reader failed: %v: %s", err, out)
	}
	if before != 8 {
		t.Fatalf("%d recommendations", before)
	}
}

// TestBusyWriterGivesUp holds the write lock longer than rtp is willing to
// wait: rtp gives up with a clear message, exit 1, and nothing written.
func TestBusyWriterGivesUp(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	locker, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	conn, err := locker.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("rtp", "track", "update", "6", "--status", "partial")
	cmd.Env = append(os.Environ(), "RTP_DB="+db, "RTP_AUTHOR=tester", "RTP_BUSY_TIMEOUT=300ms")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 {
		t.Fatalf("rtp under a held lock: %v, want exit 1", err)
	}
	want := "rtp: the tracker " + db + " is busy: another rtp process kept it locked for over 300ms; nothing was changed, try again\n"
	if stderr.String() != want {
		t.Fatalf("stderr = %q, want %q", stderr.String(), want)
	}
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if n := count(t, openDB(t, db), `SELECT count(*) FROM updates`); n != 0 {
		t.Fatalf("%d updates after a busy failure, want 0", n)
	}
	mustRTP(t, db, "track", "update", "6", "--status", "partial")
}

// TestCrashMidWrite kills (SIGKILL) a process writing one update with many
// pieces of evidence at many moments: each time the update is stored whole
// or not at all, and the tracker passes rtp db check.
func TestCrashMidWrite(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	const evidence = 300
	args := []string{"track", "update", "6", "--status", "partial"}
	for i := range evidence {
		args = append(args, "--evidence", fmt.Sprintf("A/CRASH/%d", i))
	}
	// How long a whole run takes, to spread the kills across it.
	start := time.Now()
	mustRTP(t, db, append(args, "--note", "calibration")...)
	full := time.Since(start)

	const attempts = 40
	committed, rolledBack := 0, 0
	for i := range attempts {
		note := fmt.Sprintf("crash %d", i)
		killAfter(t, full*time.Duration(i)/attempts, db, append(args, "--note", note)...)

		mustCheck(t, db)
		reader := openDB(t, db)
		updates := count(t, reader, `SELECT count(*) FROM updates WHERE note = ?`, note)
		pieces := count(t, reader, `SELECT count(*) FROM evidence e JOIN updates u ON u.id = e.update_id WHERE u.note = ?`, note)
		reader.Close()
		switch {
		case updates == 0 && pieces == 0:
			rolledBack++
		case updates == 1 && pieces == evidence:
			committed++
		default:
			t.Fatalf("kill %d after %s left %d updates and %d evidence: half a write", i, full*time.Duration(i)/attempts, updates, pieces)
		}
	}
	t.Logf("a whole write takes %s; of %d kills spread over it, %d left the update whole and %d left nothing",
		full.Round(time.Millisecond), attempts, committed, rolledBack)
	if rolledBack == 0 {
		t.Errorf("no kill landed before the commit: the test did not test anything")
	}
}

// killAfter starts rtp on the tracker at db and kills it (SIGKILL) after
// delay, wherever it is then.
func killAfter(t *testing.T, delay time.Duration, db string, args ...string) {
	t.Helper()
	cmd := exec.Command("rtp", args...)
	cmd.Env = append(os.Environ(), "RTP_DB="+db, "RTP_AUTHOR=tester")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(delay)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

// TestMigrateFixture opens a tracker written by schema version 1: rtp backs
// it up, upgrades it, and still says everything version 1 said.
func TestMigrateFixture(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "v1.db")
	original, err := os.ReadFile(filepath.Join("..", "..", "testdata", "fixtures", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, original, 0o644); err != nil {
		t.Fatal(err)
	}
	clock := "RTP_NOW=2020-06-01T09:00:00Z"
	run := func(args ...string) result {
		cmd := exec.Command("rtp", args...)
		cmd.Env = append(os.Environ(), "RTP_DB="+db, clock)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("rtp %v: %v: %s", args, err, errOut.String())
		}
		return result{stdout: out.String(), stderr: errOut.String()}
	}

	// Read-only, it reads an upgraded copy and changes nothing.
	ro := exec.Command("rtp", "--read-only", "track", "list")
	ro.Env = append(os.Environ(), "RTP_DB="+db, clock)
	if out, err := ro.CombinedOutput(); err != nil || !strings.Contains(string(out), "has schema version 1: read through a copy upgraded") {
		t.Fatalf("read-only open of a v1 file: %v: %s", err, out)
	}
	if now, _ := os.ReadFile(db); !bytes.Equal(now, original) {
		t.Fatal("a read-only open changed the v1 file")
	}

	list := run("track", "list", "--format", "json")
	backup := filepath.Join(dir, "v1.db.v1-20200601T090000Z.bak")
	wantMsg := fmt.Sprintf("rtp: upgraded %s from schema version 1 to %d; the file as it was is kept at %s\n", db, domain.SchemaVersion, backup)
	if list.stderr != wantMsg {
		t.Fatalf("stderr = %q, want %q", list.stderr, wantMsg)
	}
	assertContainsJSON(t, "track list", filepath.Join("..", "..", "testdata", "fixtures", "v1-list.json"), list.stdout)
	for _, id := range []string{"ga-agenda", "upr", "gender-lens"} {
		show := run("track", "show", id, "--format", "json")
		assertContainsJSON(t, "track show "+id, filepath.Join("..", "..", "testdata", "fixtures", "v1-show-"+id+".json"), show.stdout)
	}
	// The upgraded file has exactly the schema of a new tracker (db check
	// compares them), and the backup is the version-1 file.
	mustCheck(t, db)
	if v := count(t, openDB(t, backup), `PRAGMA user_version`); v != 1 {
		t.Fatalf("backup has schema version %d, want 1", v)
	}
	if v := count(t, openDB(t, db), `PRAGMA user_version`); v != domain.SchemaVersion {
		t.Fatalf("upgraded file has schema version %d, want %d", v, domain.SchemaVersion)
	}
	// Upgraded once: the next command says nothing about it.
	if again := run("track", "list"); again.stderr != "" {
		t.Fatalf("second open said %q", again.stderr)
	}
	// And the new feature works on it.
	run("track", "retract", "2", "--reason", "fixture check")
}

// assertContainsJSON checks that every value in the JSON file want is in
// got, at the same place: a newer rtp may add keys, never lose or change one.
func assertContainsJSON(t *testing.T, what, wantFile, got string) {
	t.Helper()
	data, err := os.ReadFile(wantFile)
	if err != nil {
		t.Fatal(err)
	}
	var want, have any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(got), &have); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if path, ok := containsJSON(want, have, "$"); !ok {
		t.Errorf("%s differs from what the fixture's version listed, at %s", what, path)
	}
}

func containsJSON(want, have any, path string) (string, bool) {
	switch w := want.(type) {
	case map[string]any:
		h, ok := have.(map[string]any)
		if !ok {
			return path, false
		}
		for k, v := range w {
			if p, ok := containsJSON(v, h[k], path+"."+k); !ok {
				return p, false
			}
		}
		return "", true
	case []any:
		h, ok := have.([]any)
		if !ok || len(h) != len(w) {
			return path, false
		}
		for i := range w {
			if p, ok := containsJSON(w[i], h[i], fmt.Sprintf("%s[%d]", path, i)); !ok {
				return p, false
			}
		}
		return "", true
	default:
		return path, reflect.DeepEqual(want, have)
	}
}
