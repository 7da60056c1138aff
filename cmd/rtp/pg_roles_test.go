package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp/internal/pgtest"
)

// The levels of a shared tracker, shown where they matter: on the server.
// Each role connects with psql directly, past rtp, and the server refuses
// what its level does not allow; rtp as the same role says so in one line.

// rolesTracker is a shared tracker with its four users: ada the admin
// (ICRtoP), alice and bob members of two organisations, rita a reader. Its
// database does not trust the client's clock: the server stamps entries.
type rolesTracker struct {
	c  *pgtest.Cluster
	db string
}

func newRolesTracker(t *testing.T) rolesTracker {
	t.Helper()
	c := pgtest.Shared(t)
	db, err := c.NewDatabase("roles_owner")
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []string{"alice", "bob", "rita", "ada", "norole"} {
		if err := c.EnsureRole(role, "LOGIN"); err != nil {
			t.Fatal(err)
		}
	}
	r := rolesTracker{c, db}
	r.must(t, "roles_owner", "init")
	r.must(t, "roles_owner", "db", "grant", "ada", "--admin", "--org", "ICRtoP")
	// ada grants the others: an admin may grant, not only the owner.
	r.must(t, "ada", "db", "grant", "alice", "--member", "--org", "Org A")
	r.must(t, "ada", "db", "grant", "bob", "--member", "--org", "Org B")
	r.must(t, "ada", "db", "grant", "rita", "--reader", "--org", "Org R")
	return r
}

// as runs rtp as role, recording under its own name.
func (r rolesTracker) as(t *testing.T, role string, args ...string) result {
	t.Helper()
	cmd := exec.Command("rtp", args...)
	cmd.Env = append(os.Environ(), "RTP_DB="+r.c.URL(role, r.db), "RTP_AUTHOR="+role, "RTP_NOW=", "COLUMNS=", "HOME="+t.TempDir())
	return run(t, cmd)
}

func (r rolesTracker) must(t *testing.T, role string, args ...string) string {
	t.Helper()
	res := r.as(t, role, args...)
	if res.code != 0 {
		t.Fatalf("rtp %s as %s: exit %d: %s", strings.Join(args, " "), role, res.code, res.stderr)
	}
	return res.stdout
}

// refused runs rtp as role and wants one line on stderr, exit 1, with want in it.
func (r rolesTracker) refused(t *testing.T, want, role string, args ...string) {
	t.Helper()
	res := r.as(t, role, args...)
	if res.code != 1 || strings.Count(res.stderr, "\n") != 1 || !strings.Contains(res.stderr, want) {
		t.Errorf("rtp %s as %s: exit %d, stderr %q; want exit 1 and one line with %q", strings.Join(args, " "), role, res.code, res.stderr, want)
	}
}

// psql runs SQL as role with psql, past rtp.
func (r rolesTracker) psql(t *testing.T, role, sql string) (string, error) {
	t.Helper()
	out, err := r.c.Psql(role, r.db, sql)
	return strings.TrimSpace(out), err
}

func (r rolesTracker) query(t *testing.T, role, sql string) string {
	t.Helper()
	out, err := r.psql(t, role, sql)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// serverRefuses wants the server to refuse sql as role, with want in its
// message.
func (r rolesTracker) serverRefuses(t *testing.T, role, sql, want string) {
	t.Helper()
	out, err := r.psql(t, role, sql)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("psql as %s: %s\n  got %q, %v; want refused with %q", role, sql, out, err, want)
	}
}

func TestPGRolesGrantAndMembers(t *testing.T) {
	r := newRolesTracker(t)
	var members []struct{ Role, Level, Org string }
	if err := json.Unmarshal([]byte(r.must(t, "rita", "db", "members", "--format", "json")), &members); err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, m := range members {
		got = append(got, m.Role+"/"+m.Level+"/"+m.Org)
	}
	if want := "ada/admin/ICRtoP alice/member/Org A bob/member/Org B rita/reader/Org R"; strings.Join(got, " ") != want {
		t.Errorf("members %q, want %q", strings.Join(got, " "), want)
	}
	// The server's own record agrees: each holds its level's group role, and only it.
	held := r.query(t, "roles_owner", `SELECT string_agg(m.rolname || '>' || g.rolname || CASE WHEN a.admin_option THEN '*' ELSE '' END, ' ' ORDER BY m.rolname)
		FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
		WHERE m.rolname IN ('alice', 'bob', 'rita', 'ada') AND g.rolname LIKE '`+r.db+`\_%'`)
	db := r.db
	if want := "ada>" + db + "_admin* alice>" + db + "_member bob>" + db + "_member rita>" + db + "_reader"; held != want {
		t.Errorf("memberships %q, want %q", held, want)
	}

	// Only admins grant, a role must exist, and a file has no levels.
	r.refused(t, "only an admin", "alice", "db", "grant", "bob", "--admin")
	r.serverRefuses(t, "alice", `GRANT `+db+`_admin TO alice`, "must have admin option")
	r.serverRefuses(t, "alice", `INSERT INTO rtp.members VALUES ('alice', 'admin', 'Org A')`, "permission denied")
	r.refused(t, `there is no role "ghost"`, "ada", "db", "grant", "ghost", "--reader")
	r.refused(t, "always an admin", "ada", "db", "grant", "roles_owner", "--reader")
	if res := r.as(t, "ada", "db", "grant", "a\nb", "--reader"); res.code != 2 || !strings.Contains(res.stderr, "control characters") {
		t.Errorf("role with a line break: exit %d, %q", res.code, res.stderr)
	}
	if res := r.as(t, "ada", "db", "grant", "bob", "--reader", "--admin"); res.code != 2 {
		t.Errorf("two levels: exit %d, %q", res.code, res.stderr)
	}
	file := filepath.Join(t.TempDir(), "rtp.db")
	mustRTP(t, file, "init")
	before := dump(t, file)
	res := rtp(t, file, "", "db", "grant", "alice", "--member")
	if res.code != 1 || strings.Count(res.stderr, "\n") != 1 || !strings.Contains(res.stderr, "shared trackers") || dump(t, file) != before {
		t.Errorf("grant on a file: exit %d, %q", res.code, res.stderr)
	}

	// A new level replaces the old, keeping the organisation; revoke takes all.
	r.must(t, "ada", "db", "grant", "rita", "--member")
	if got := r.query(t, "rita", `SELECT level || '/' || org FROM rtp.members WHERE role = 'rita'`); got != "member/Org R" {
		t.Errorf("rita after --member: %q", got)
	}
	r.must(t, "ada", "db", "revoke", "rita")
	r.serverRefuses(t, "rita", `SELECT count(*) FROM rtp.updates`, "permission denied")
	if out := r.must(t, "ada", "db", "members"); strings.Contains(out, "rita") {
		t.Errorf("rita still listed after revoke:\n%s", out)
	}
	r.refused(t, "no level", "ada", "db", "revoke", "rita")
}

// TestPGRolesSchemaPrivileges checks the schema's own defences: a role with
// no level reads and runs nothing, and every function that runs as the
// owner finds tables in the tracker's schema only, never in a session's
// temporary tables.
func TestPGRolesSchemaPrivileges(t *testing.T) {
	r := newRolesTracker(t)
	r.serverRefuses(t, "norole", `SELECT count(*) FROM rtp.updates`, "permission denied for schema rtp")
	r.refused(t, "norole has no level on the tracker", "norole", "track", "list")
	executable := `SELECT coalesce(string_agg(proname, ' ' ORDER BY proname), '') FROM pg_proc
		WHERE pronamespace = 'rtp'::regnamespace AND has_function_privilege('%s', oid, 'EXECUTE')`
	if got := r.query(t, "roles_owner", fmt.Sprintf(executable, "norole")); got != "" {
		t.Errorf("a role with no level may execute %s", got)
	}
	if got, want := r.query(t, "roles_owner", fmt.Sprintf(executable, "rita")), "author_of is_admin is_date is_stamp my_org sees_everything"; got != want {
		t.Errorf("a reader may execute %q, want %q", got, want)
	}
	unsafe := r.query(t, "roles_owner", `SELECT coalesce(string_agg(proname, ' ' ORDER BY proname), '') FROM pg_proc
		WHERE pronamespace = 'rtp'::regnamespace AND prosecdef AND NOT coalesce(proconfig @> ARRAY['search_path=rtp, pg_temp'], false)`)
	if unsafe != "" {
		t.Errorf("SECURITY DEFINER functions without search_path rtp, pg_temp: %s", unsafe)
	}
	// db check notices a defence turned off.
	r.query(t, "roles_owner", `ALTER TABLE rtp.retractions DISABLE TRIGGER retractions_seen`)
	if res := r.as(t, "roles_owner", "db", "check"); res.code != 1 || !strings.Contains(res.stdout, "retractions_seen") {
		t.Errorf("db check with retractions_seen disabled: exit %d, %s%s", res.code, res.stdout, res.stderr)
	}
	r.query(t, "roles_owner", `CREATE FUNCTION rtp.added_later() RETURNS int LANGUAGE sql AS 'SELECT 1'`)
	if got := r.query(t, "roles_owner", `SELECT has_function_privilege('norole', 'rtp.added_later()', 'EXECUTE')`); got != "f" {
		t.Errorf("PUBLIC may execute a function added after init")
	}
}

func TestPGRolesServerRefuses(t *testing.T) {
	r := newRolesTracker(t)
	db := r.db
	r.must(t, "alice", "track", "update", "upr", "--status", "in-progress", "--as-of", "2020-01-01", "--evidence", "A/HRC/1")
	r.must(t, "alice", "track", "assign", "upr", "FES", "--as-of", "2020-01-01")
	r.must(t, "alice", "owner", "rename", "FES", "Friedrich-Ebert-Stiftung", "--as-of", "2020-02-01")
	r.must(t, "alice", "track", "retract", "1", "--reason", "Entered twice")

	t.Run("Reader", func(t *testing.T) {
		if got := r.query(t, "rita", `SELECT count(*) FROM rtp.updates`); got != "1" {
			t.Errorf("rita reads %s updates, want 1", got)
		}
		r.serverRefuses(t, "rita", `INSERT INTO rtp.updates (uid, recommendation_id, status, as_of, by, recorded_at) VALUES ('r1', 'upr', 'stalled', '2020-01-01', 'rita', '')`, "permission denied")
		for _, call := range []string{`rtp.take_stamp(NULL)`, `rtp.unstamp()`, `rtp.kept_reset_owner_identities()`, `rtp.kept_keep_owner_identities()`} {
			r.serverRefuses(t, "rita", `SELECT `+call, "permission denied for function")
		}
		r.refused(t, "rita may only read this tracker", "rita", "track", "update", "upr", "--status", "stalled", "--as-of", "2020-01-02")
	})

	t.Run("MemberCannotChangeHistory", func(t *testing.T) {
		for _, table := range []string{"updates", "evidence", "assignments", "retractions"} {
			r.serverRefuses(t, "alice", `UPDATE rtp.`+table+` SET by = 'x'`, "permission denied")
			r.serverRefuses(t, "alice", `DELETE FROM rtp.`+table, "permission denied")
			r.serverRefuses(t, "alice", `TRUNCATE rtp.`+table+` CASCADE`, "permission denied")
		}
		r.serverRefuses(t, "alice", `INSERT INTO rtp.sources (id, position, kind, title, date) VALUES ('s', 9, 'memo', 'S', '2020-01-01')`, "permission denied")
		r.serverRefuses(t, "alice", `UPDATE rtp.current_state SET status = 'implemented'`, "permission denied")
		r.serverRefuses(t, "alice", `INSERT INTO rtp.current_state (recommendation_id, status, evidence_count) VALUES ('upr', 'implemented', 0)`, "permission denied")
		r.serverRefuses(t, "alice", `DELETE FROM rtp.owner_identities`, "permission denied")
		r.serverRefuses(t, "alice", `UPDATE rtp.clock SET last_stamp = '2000-01-01T00:00:00.000000Z'`, "permission denied")
		r.serverRefuses(t, "alice", `INSERT INTO rtp.batches (uid, kind, source, by, recorded_at) VALUES ('m1', 'merge', 'x.db', 'alice', '')`, "only an admin may merge")

		// The kept functions a member's writes call work from the whole
		// history, whatever the member passes: they cannot keep another
		// day's state or leave the identities empty.
		state := `SELECT string_agg(recommendation_id || ' ' || status || ' ' || coalesce(owners, ''), '; ' ORDER BY recommendation_id) FROM rtp.current_state`
		identities := `SELECT string_agg(key || '=' || identity, ' ' ORDER BY key) FROM rtp.owner_identities`
		beforeState, beforeIDs := r.query(t, "ada", state), r.query(t, "ada", identities)
		if beforeIDs == "" {
			t.Fatal("no owner identity after a rename")
		}
		args := r.query(t, "ada", `SELECT pg_get_function_identity_arguments('rtp.kept_keep_state'::regproc)`)
		var values []string
		for _, arg := range strings.Split(args, ", ") {
			typ := arg[strings.LastIndexByte(arg, ' ')+1:] // "p1 text" or "text"
			values = append(values, map[bool]string{true: "'2000-01-01'", false: "0"}[typ == "text"])
		}
		r.query(t, "alice", `SELECT rtp.kept_keep_state(`+strings.Join(values, ", ")+`)`)
		r.query(t, "alice", `SELECT rtp.kept_reset_owner_identities()`)
		if after := r.query(t, "ada", state); after != beforeState {
			t.Errorf("kept_keep_state called by a member changed the state:\n  before %s\n  after  %s", beforeState, after)
		}
		if after := r.query(t, "ada", identities); after != beforeIDs {
			t.Errorf("owner identities after a member's reset: %q, want %q", after, beforeIDs)
		}

		// Only an admin merges another tracker: its entries keep their authors.
		other := filepath.Join(t.TempDir(), "other.db")
		mustRTP(t, other, "init")
		mustRTP(t, other, "track", "update", "upr", "--status", "stalled", "--as-of", "2020-04-01")
		exported := filepath.Join(t.TempDir(), "other.json")
		if err := os.WriteFile(exported, []byte(mustRTP(t, other, "export")), 0o600); err != nil {
			t.Fatal(err)
		}
		updates := r.query(t, "roles_owner", `SELECT count(*) FROM rtp.updates`)
		r.refused(t, "rtp: only an admin may merge another tracker into this one: nothing was changed", "alice", "merge", exported)
		if got := r.query(t, "roles_owner", `SELECT count(*) FROM rtp.updates`); got != updates {
			t.Errorf("updates %s after a member's merge, want %s", got, updates)
		}

		sources := r.query(t, "roles_owner", `SELECT count(*) FROM rtp.sources`)
		r.refused(t, "permission denied", "alice", "source", "add", filepath.Join("..", "..", "testdata", "sources", "meeting-2018.json"))
		if got := r.query(t, "roles_owner", `SELECT count(*) FROM rtp.sources`); got != sources {
			t.Errorf("sources %s after a member's source add, want %s", got, sources)
		}
	})

	t.Run("ServerStampsAuthorAndClock", func(t *testing.T) {
		start := time.Now().UTC().Add(-time.Minute)
		insert := `INSERT INTO rtp.updates (uid, recommendation_id, status, as_of, by, recorded_at)
			VALUES ('%s', 'upr', 'stalled', '2020-03-01', '%s', '2001-01-01T00:00:00.000000Z')`
		r.query(t, "alice", fmt.Sprintf(insert, "p1", "someone else"))
		// SET ROLE changes the privileges in use, not who the session is.
		r.query(t, "alice", `SET ROLE `+db+`_member; `+fmt.Sprintf(insert, "p2", ""))
		// A merge batch an admin made does not let a member's entries keep
		// the author and time they claim.
		r.query(t, "ada", `INSERT INTO rtp.batches (uid, kind, source, by, recorded_at) VALUES ('m2', 'merge', 'x.db', 'ada', '')`)
		r.query(t, "alice", `INSERT INTO rtp.updates (uid, recommendation_id, status, as_of, by, recorded_at, batch_id)
			SELECT 'p3', 'upr', 'stalled', '2020-03-01', 'bob', '2001-01-01T00:00:00.000000Z', id FROM rtp.batches WHERE uid = 'm2'`)
		r.must(t, "alice", "track", "update", "upr", "--as-of", "2020-03-02", "--note", "p4", "--by", "Carol (Org A)")
		rows := r.query(t, "ada", `SELECT CASE WHEN note = 'p4' THEN 'p4' ELSE uid END || '|' || by || '|' || recorded_at || '|' || received_at FROM rtp.updates WHERE uid IN ('p1', 'p2', 'p3') OR note = 'p4' ORDER BY note, uid`)
		wantBy := map[string]string{"p1": "alice (for someone else)", "p2": "alice", "p3": "alice (for bob)", "p4": "alice (for Carol (Org A))"}
		lines := strings.Split(rows, "\n")
		if len(lines) != 4 {
			t.Fatalf("rows %q", rows)
		}
		for _, line := range lines {
			f := strings.Split(line, "|")
			if f[1] != wantBy[f[0]] {
				t.Errorf("%s: by %q, want %q", f[0], f[1], wantBy[f[0]])
			}
			at, err := time.Parse(time.RFC3339Nano, f[2])
			if err != nil || at.Before(start) || at.After(time.Now().Add(time.Minute)) || f[2] != f[3] {
				t.Errorf("%s: recorded_at %q (received %q), want the server's clock now, not the 2001 claimed", f[0], f[2], f[3])
			}
		}
	})
}

// export entries an rtp export lists, by kind.
type exportEntries struct {
	Updates     []struct{ UID, Note string }   `json:"updates"`
	Evidence    []struct{ UID, Ref string }    `json:"evidence"`
	Retractions []struct{ UID, Reason string } `json:"retractions"`
}

func TestPGRolesPrivateEntries(t *testing.T) {
	r := newRolesTracker(t)
	r.must(t, "alice", "track", "update", "upr", "--status", "in-progress", "--as-of", "2020-01-01", "--note", "Public note")
	r.must(t, "bob", "track", "update", "upr", "--as-of", "2020-01-04", "--note", "Bob's public note")
	r.must(t, "bob", "track", "retract", "2", "--reason", "Public retraction")
	bobShow := r.must(t, "bob", "track", "show", "upr", "--format", "json")
	bobList := r.must(t, "bob", "track", "list", "--format", "json")

	r.must(t, "alice", "track", "update", "upr", "--status", "stalled", "--as-of", "2020-02-01", "--note", "SECRET-note",
		"--evidence", "https://example.org/SECRET-ref", "--private")
	r.must(t, "alice", "track", "evidence", "upr", "https://example.org/SECRET-evidence", "--date", "2020-02-02", "--private")
	// A retraction of a private entry is as private as the entry.
	r.must(t, "alice", "track", "update", "upr", "--as-of", "2020-02-03", "--note", "SECRET-typo", "--private")
	r.must(t, "alice", "track", "retract", "4", "--reason", "SECRET-reason")

	for _, role := range []string{"alice", "ada"} {
		if out := r.must(t, role, "track", "show", "upr"); !strings.Contains(out, "SECRET-note") || !strings.Contains(out, "SECRET-evidence") {
			t.Errorf("%s does not see alice's private entries:\n%s", role, out)
		}
	}
	if got := r.query(t, "bob", `SELECT (SELECT count(*) FROM rtp.updates WHERE private = 1) || ' ' || (SELECT count(*) FROM rtp.evidence WHERE private = 1)`); got != "0 0" {
		t.Errorf("bob's psql sees %s private updates and evidence, want 0 0", got)
	}
	if got := r.query(t, "ada", `SELECT (SELECT count(*) FROM rtp.updates WHERE private = 1) || ' ' || (SELECT count(*) FROM rtp.evidence WHERE private = 1)`); got != "2 2" {
		t.Errorf("ada's psql sees %s private updates and evidence, want 2 2", got)
	}
	if got := r.must(t, "bob", "track", "show", "upr", "--format", "json"); got != bobShow {
		t.Errorf("bob's track show changed with alice's private entries:\nbefore %s\nafter  %s", bobShow, got)
	}
	if got := r.must(t, "bob", "track", "list", "--format", "json"); got != bobList {
		t.Errorf("bob's track list changed with alice's private entries")
	}
	// bob's db check cannot compare the kept state, which counts alice's
	// private entries, with the history he sees: it says so, and finds the
	// tracker sound.
	if out := r.must(t, "bob", "db", "check"); !strings.Contains(out, "is sound") {
		t.Errorf("bob's db check: %s", out)
	}
	export := r.must(t, "bob", "export", "--include-private")
	if strings.Contains(export, "SECRET") {
		t.Errorf("bob's export holds alice's private entries")
	}

	// psql as bob sees exactly what rtp shows bob, row for row.
	var e exportEntries
	if err := json.Unmarshal([]byte(export), &e); err != nil {
		t.Fatal(err)
	}
	for table, n := range map[string]int{"updates": len(e.Updates), "evidence": len(e.Evidence), "retractions": len(e.Retractions)} {
		if got := r.query(t, "bob", `SELECT count(*) FROM rtp.`+table); got != strconv.Itoa(n) {
			t.Errorf("bob's psql sees %s %s, his export %d", got, table, n)
		}
	}
	var all exportEntries
	if err := json.Unmarshal([]byte(r.must(t, "ada", "export", "--include-private")), &all); err != nil {
		t.Fatal(err)
	}
	if len(e.Retractions) != 1 || len(all.Updates) != len(e.Updates)+2 || len(all.Evidence) != len(e.Evidence)+2 || len(all.Retractions) != 2 {
		t.Errorf("ada exports %d updates, %d evidence, %d retractions; bob %d, %d, %d: want 2, 2 and 1 more, bob 1 retraction",
			len(all.Updates), len(all.Evidence), len(all.Retractions), len(e.Updates), len(e.Evidence), len(e.Retractions))
	}

	// Nothing bob does reaches what he cannot see: not retracting it by
	// its number, nor claiming to be an admin in a table of his own.
	private := r.query(t, "ada", `SELECT min(id) FROM rtp.updates WHERE private = 1`)
	r.serverRefuses(t, "bob", `INSERT INTO rtp.retractions (uid, update_id, reason, as_of, by, recorded_at) VALUES ('x1', `+private+`, 'no', '2020-03-01', 'bob', '')`,
		"there is no update "+private)
	r.serverRefuses(t, "bob", `INSERT INTO rtp.evidence (uid, recommendation_id, update_id, ref, date, by, recorded_at) VALUES ('x2', 'upr', `+private+`, 'A/1', '2020-03-01', 'bob', '')`,
		"there is no update "+private)
	r.refused(t, "no update", "bob", "track", "retract", private, "--reason", "Not ours")
	if got := r.query(t, "bob", `CREATE TEMP TABLE members (role text, level text, org text);
		INSERT INTO members VALUES ('bob', 'admin', 'Org A');
		GRANT SELECT ON members TO PUBLIC;
		SET search_path = pg_temp, rtp;
		SELECT count(*) FROM rtp.updates WHERE private = 1`); got != "0" {
		t.Errorf("bob sees %s private updates with a temporary members table of his own, want 0", got)
	}
}
