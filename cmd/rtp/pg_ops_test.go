package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp/internal/pgtest"
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
	mustCheck(t, server)
	t.Logf("%s", r.stdout)
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
