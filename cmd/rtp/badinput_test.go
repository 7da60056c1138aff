package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	domain "github.com/rtp-tracker/rtp"
)

// dump is the logical dump of a tracker (see logicalDump).
func dump(t testing.TB, path string) string {
	t.Helper()
	text, err := logicalDump(path)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// TestBadInputLeavesTrackerUnchanged tries hostile and mistaken input
// through the real binary: each gets its exit code, a one-line message that
// names the problem, and a tracker whose logical dump is byte-identical.
func TestBadInputLeavesTrackerUnchanged(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	refuseBadInput(t, db, badInputCases(t, db), func() string { return dump(t, db) })
	mustCheck(t, db)
}

// badInput is a mistaken or hostile command line and how rtp refuses it.
type badInput struct {
	name  string
	stdin string
	args  []string
	code  int
	msg   string // must appear in the one line on stderr
}

// badInputCases are the bad command lines for the tracker at db, which
// holds one update and one assignment of ga-agenda (refuseBadInput).
func badInputCases(t *testing.T, db string) []badInput {
	huge := strings.Repeat("x", 3<<20)
	return []badInput{
		{"unknown ID", "", []string{"track", "update", "nope", "--status", "partial"}, 1, `unknown recommendation "nope"`},
		{"ID zero", "", []string{"track", "update", "0", "--status", "partial"}, 1, `unknown recommendation "0"`},
		{"ID negative", "", []string{"track", "update", "--status", "partial", "--", "-1"}, 1, `unknown recommendation "-1"`},
		{"ID fraction", "", []string{"track", "update", "1.5", "--status", "partial"}, 1, `unknown recommendation "1.5"`},
		{"ID hex", "", []string{"track", "update", "0x10", "--status", "partial"}, 1, `unknown recommendation "0x10"`},
		{"ID out of range", "", []string{"track", "update", "9", "--status", "partial"}, 1, `unknown recommendation "9"`},
		{"ID ambiguous", "", []string{"track", "update", "g", "--status", "partial"}, 1, `recommendation "g" is ambiguous: it could be gender-lens, ga-agenda`},
		{"ID SQL", "", []string{"track", "update", "' OR 1=1 --", "--status", "partial"}, 1, `unknown recommendation "' OR 1=1 --"`},
		{"status unknown", "", []string{"track", "update", "6", "--status", "done"}, 2, `invalid --status "done": use one of unassessed,`},
		{"status case", "", []string{"track", "update", "6", "--status", "Partial"}, 2, `(did you mean "partial"?)`},
		{"status trailing space", "", []string{"track", "update", "6", "--status", "partial "}, 2, `invalid --status "partial "`},
		{"status empty", "", []string{"track", "update", "6", "--status", ""}, 2, `invalid --status ""`},
		{"date impossible", "", []string{"track", "update", "6", "--status", "partial", "--as-of", "2018-02-30"}, 2, `invalid --as-of "2018-02-30": there is no such day`},
		{"date ambiguous", "", []string{"track", "update", "6", "--status", "partial", "--as-of", "03/04/2018"}, 2, `invalid --as-of "03/04/2018": dates are written YYYY-MM-DD`},
		{"date in words", "", []string{"track", "update", "6", "--status", "partial", "--as-of", "next friday"}, 2, `invalid --as-of "next friday"`},
		{"date future", "", []string{"track", "update", "6", "--status", "partial", "--as-of", "2999-01-01"}, 2, `invalid --as-of "2999-01-01": it is in the future`},
		{"date before memo", "", []string{"track", "update", "6", "--status", "partial", "--as-of", "2001-01-01"}, 2, `ga-agenda was made on 2017-09-07`},
		{"evidence date", "", []string{"track", "evidence", "6", "A/1", "--date", "2018-04-31"}, 2, `invalid --date "2018-04-31": there is no such day`},
		{"stale duration", "", []string{"track", "list", "--stale", "3 months"}, 2, `invalid --stale "3 months"`},
		{"note NUL", "a\x00b", []string{"track", "update", "6", "--note", "-"}, 2, `--note contains a NUL byte at offset 1`},
		{"note invalid UTF-8", "caf\xe9", []string{"track", "update", "6", "--note", "-"}, 2, `--note is not valid UTF-8 text (byte 0xe9 at offset 3)`},
		{"note huge", huge, []string{"track", "update", "6", "--status", "partial", "--note", "-"}, 2, `the note on standard input is over 65536 bytes`},
		{"note argument huge", "", []string{"track", "update", "6", "--note", huge[:70000]}, 2, `--note is 70000 bytes long: the limit is 65536`},
		{"evidence javascript", "", []string{"track", "update", "6", "--evidence", "javascript:alert(1)"}, 2, `invalid --evidence "javascript:alert(1)": links must start with http:// or https://`},
		{"evidence file", "", []string{"track", "evidence", "6", "file:///etc/passwd"}, 2, `invalid REF "file:///etc/passwd"`},
		{"evidence no host", "", []string{"track", "update", "6", "--evidence", "https://"}, 2, `the link has no host name`},
		{"name with newline", "", []string{"track", "assign", "6", "FES\nNew York"}, 2, `control characters such as line breaks are not allowed`},
		{"name escape", "", []string{"track", "update", "6", "--status", "partial", "--by", "\x1b[31mEvil"}, 2, `invalid --by "\x1b[31mEvil"`},
		{"role", "", []string{"track", "assign", "6", "FES", "--role", "owner"}, 2, `invalid --role "owner": use lead, support or monitor`},
		{"unassign stranger", "", []string{"track", "unassign", "6", "FES"}, 1, `"FES" is not an owner of ga-agenda`},
		{"format", "", []string{"track", "list", "--format", "xlsx"}, 2, `invalid --format "xlsx"`},
		{"unknown flag", "", []string{"track", "update", "6", "--stat", "partial"}, 2, `unknown flag: --stat`},
		{"nothing to record", "", []string{"track", "update", "6"}, 2, `nothing to record`},
		{"retract unknown", "", []string{"track", "retract", "99", "--reason", "x"}, 1, `there is no update 99`},
		{"retract bad ID", "", []string{"track", "retract", "-7", "--reason", "x"}, 2, `unknown shorthand flag`},
		{"retract no reason", "", []string{"track", "retract", "1"}, 2, `give the --reason`},
		{"retract evidence ID", "", []string{"track", "retract", "--evidence", "1e3", "--reason", "x"}, 2, `invalid evidence ID "1e3"`},
		{"backup over itself", "", []string{"db", "backup", db}, 2, `it is the tracker itself`},
		{"backup missing folder", "", []string{"db", "backup", filepath.Join(t.TempDir(), "no", "such", "x.db")}, 2, `does not exist`},
		{"log since", "", []string{"log", "--since", "yesterday"}, 2, `invalid --since "yesterday"`},
	}
}

// refuseBadInput seeds the tracker at db for badInputCases, runs each case
// and checks its exit code, its one line naming the problem, and that
// dumpTracker gives the same before and after.
func refuseBadInput(t *testing.T, db string, cases []badInput, dumpTracker func() string) {
	t.Helper()
	mustRTP(t, db, "track", "update", "ga-agenda", "--status", "implemented", "--as-of", "2017-09-15", "--evidence", "A/72/250")
	mustRTP(t, db, "track", "assign", "ga-agenda", "ICRtoP")
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
	before := dumpTracker()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rtp(t, db, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, tc.code, r.stderr)
			}
			if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "rtp: ") {
				t.Errorf("stderr is not one line starting rtp: %q", r.stderr)
			}
			if !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("stderr %q does not say %q", r.stderr, tc.msg)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if after := dumpTracker(); after != before {
				t.Errorf("the tracker changed")
			}
		})
	}
}

// TestRefusesFilesThatAreNotTrackers opens files that are not usable rtp
// trackers: each is refused with a clear message and exit 1, no panic, and
// the file is left byte for byte as it was.
func TestRefusesFilesThatAreNotTrackers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := newTracker(t)
	mustRTP(t, good, "track", "update", "6", "--status", "partial", "--evidence", "A/1")
	tracker, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (x); INSERT INTO notes VALUES ('mine')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	newer := filepath.Join(dir, "newer.db")
	mustRTP(t, newer, "init")
	db, _ = sql.Open("sqlite", newer)
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, domain.SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Damage inside a table's pages, past the header.
	corrupt := append([]byte(nil), tracker...)
	for i := 4096; i < len(corrupt); i += 7 {
		corrupt[i] ^= 0x5a
	}
	files := map[string]struct {
		data []byte // nil: already written above
		msg  string
	}{
		"notes.db":     {[]byte("Meeting notes, 7 September 2017\n"), "is not an rtp tracker (not an SQLite database, or damaged)"},
		"empty.db":     {[]byte{}, "is empty, not an rtp tracker"},
		"truncated.db": {tracker[:100], "is damaged"},
		"halved.db":    {tracker[:len(tracker)/2], ""},
		"corrupt.db":   {corrupt, ""},
		"random.db":    {bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 4096), "is not an rtp tracker"},
		"other.db":     {nil, "is not an rtp tracker (it is an SQLite database of another program)"},
		"newer.db":     {nil, fmt.Sprintf("was written by a newer rtp (schema version %d; this rtp reads up to version %d)", domain.SchemaVersion+1, domain.SchemaVersion)},
	}
	for name, f := range files {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // each case has its own file
			path := filepath.Join(dir, name)
			if f.data != nil {
				if err := os.WriteFile(path, f.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			original, _ := os.ReadFile(path)
			commands := [][]string{{"track", "list"}, {"track", "update", "6", "--status", "partial"}, {"db", "check"}}
			if name != "empty.db" { // init makes an empty file a tracker: TestInitAfterKill
				commands = append(commands, []string{"init"})
			}
			for _, args := range commands {
				r := rtp(t, path, "", args...)
				if r.code != 1 || !strings.HasPrefix(r.stderr, "rtp: ") || strings.Count(r.stderr, "\n") != 1 {
					t.Errorf("rtp %v: exit %d, stderr %q; want exit 1 and one line", args, r.code, r.stderr)
				}
				if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
					t.Fatalf("rtp %v panicked: %s", args, r.stderr)
				}
				t.Logf("rtp %v: %s", args, strings.TrimSpace(r.stdout+r.stderr))
				if f.msg != "" && !strings.Contains(r.stderr, f.msg) {
					t.Errorf("rtp %v: stderr %q does not say %q", args, r.stderr, f.msg)
				}
				if now, _ := os.ReadFile(path); !bytes.Equal(now, original) {
					t.Fatalf("rtp %v changed the file", args)
				}
			}
		})
	}
}

// TestReadOnly opens a tracker with --read-only: reading works, writing is
// refused with a clear message, and the file is untouched.
func TestReadOnly(t *testing.T) {
	t.Parallel()
	db := newTracker(t)
	mustRTP(t, db, "track", "update", "6", "--status", "partial")
	before := dump(t, db)
	if out := mustRTP(t, db, "--read-only", "track", "list", "--format", "tsv"); !strings.Contains(out, "\tga-agenda\t") {
		t.Fatalf("read-only list: %q", out)
	}
	mustRTP(t, db, "--read-only", "track", "show", "6")
	mustRTP(t, db, "--read-only", "log")
	mustRTP(t, db, "--read-only", "db", "check")
	for _, args := range [][]string{
		{"--read-only", "track", "update", "6", "--status", "implemented"},
		{"--read-only", "track", "assign", "6", "FES"},
		{"--read-only", "track", "retract", "1", "--reason", "x"},
	} {
		r := rtp(t, db, "", args...)
		if r.code != 1 || r.stderr != "rtp: the tracker "+db+" is read-only here: nothing was changed\n" {
			t.Errorf("rtp %v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if dump(t, db) != before {
		t.Fatal("a read-only session changed the tracker")
	}

	// A file and folder the operating system will not let us write: the
	// same, without the flag. Root may write anything, so as root the rtp
	// process runs as the unprivileged user nobody.
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared")
	if err := os.Mkdir(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	frozen := filepath.Join(shared, "rtp.db")
	if err := os.WriteFile(frozen, data, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(shared, 0o755)
	binary, err := exec.LookPath("rtp")
	if err != nil {
		t.Fatal(err)
	}
	var credential *syscall.Credential
	if os.Geteuid() == 0 {
		// nobody must be able to reach the binary and the tracker.
		for p := dir; p != "/" && p != "."; p = filepath.Dir(p) {
			if info, err := os.Stat(p); err == nil && info.Mode().Perm()&0o005 != 0o005 {
				os.Chmod(p, info.Mode().Perm()|0o005)
			}
		}
		copyOf := filepath.Join(dir, "rtp")
		bin, err := os.ReadFile(binary)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(copyOf, bin, 0o755); err != nil {
			t.Fatal(err)
		}
		binary, credential = copyOf, &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	asUser := func(args ...string) result {
		cmd := exec.Command(binary, args...)
		cmd.Env = []string{"RTP_DB=" + frozen, "RTP_AUTHOR=tester", "HOME=" + dir}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: credential}
		return run(t, cmd)
	}
	if r := asUser("track", "list", "--format", "tsv"); r.code != 0 || !strings.Contains(r.stdout, "\tga-agenda\tKeep RtoP on the General Assembly's formal agenda\tpartial\t") {
		t.Fatalf("list of a read-only tracker in a read-only folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := asUser("db", "check"); r.code != 0 {
		t.Fatalf("check of a read-only tracker: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := asUser("track", "update", "6", "--status", "implemented")
	if r.code != 1 || r.stderr != "rtp: the tracker "+frozen+" is read-only here: nothing was changed\n" {
		t.Errorf("update of a read-only tracker: exit %d, stderr %q", r.code, r.stderr)
	}
	if now, _ := os.ReadFile(frozen); !bytes.Equal(now, data) {
		t.Fatal("the read-only tracker changed")
	}
}
