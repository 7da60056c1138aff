package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
)

// TestOneOwnerFollowsTheRule asks, on random histories (owner churn with
// names in other cases, same-day entries, notes, retractions), the narrow
// questions a write asks (is this owner in force, with which name and role;
// which status is in force) and compares the answers with the whole state
// by the rule (state_on, held to rtp.StateOn by
// TestEveryReadPathFollowsTheRule). A failure prints the seed, which
// RTP_STATE_SEED replays.
func TestOneOwnerFollowsTheRule(t *testing.T) {
	t.Parallel()
	rng := seededRand(t, 11)
	ctx := context.Background()
	kept, _ := keptAndHistory(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	ids := []string{"ga-agenda", "upr"}
	if err := randomHistory(ctx, kept, rng, ids, 200); err != nil {
		t.Fatal(err)
	}
	names := []string{"ICRtoP", "icrtop", "ICRTOP", "FES", "fes", "Global Centre", "global centre", "Ärzte", "ärzte", "A\u0308rzte", "ÄRZTE", "Nobody"}
	// Assignments as a merge brings them: recorded at other times, with
	// uids of other trackers, so that their local order is not the rule's.
	err := kept.Load(ctx, func(l *Loader) error {
		for i := range 80 {
			a := rtp.ExportAssignment{UID: fmt.Sprintf("%016x%010d", rng.Uint64(), i), RecommendationID: ids[rng.IntN(len(ids))],
				Owner: names[rng.IntN(len(names)-1)], Action: "assign", Role: rtp.Roles[rng.IntN(len(rtp.Roles))],
				AsOf: entryDay(rng), By: "other", RecordedAt: time.Date(2026, 1, 1+rng.IntN(3), 0, 0, 0, 0, time.UTC).Format(time.RFC3339)}
			if rng.IntN(4) == 0 {
				a.Action, a.Role = "unassign", ""
			}
			if err := l.Assignment(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = kept.read(ctx, func(tx *sql.Tx) error {
		renames, err := ownerRenames(ctx, tx)
		if err != nil {
			return err
		}
		identities := rtp.OwnerIdentities(renames)
		sameOwner := func(a, b string) bool {
			return rtp.IdentityOf(identities, rtp.OwnerKey(a)) == rtp.IdentityOf(identities, rtp.OwnerKey(b))
		}
		for range 400 {
			id, day := ids[rng.IntN(len(ids))], entryDay(rng)
			if rng.IntN(3) == 0 {
				day = randomDay(rng)
			}
			status, owners, err := stateOf(ctx, tx, id, day)
			if err != nil {
				return err
			}
			for _, name := range names {
				got, role, assigned, err := ownerOn(ctx, tx, id, name, day)
				if err != nil {
					return err
				}
				var want rtp.Owner
				for _, o := range owners {
					if sameOwner(o.Name, name) {
						want = o
					}
				}
				if assigned != (want.Name != "") || assigned && (got != want.Name || role != want.Role) {
					t.Errorf("%s on %s, owner %q: ownerOn gives %q %q assigned %v; the rule's owners are %v", id, day, name, got, role, assigned, owners)
				}
			}
			if got, err := statusOf(ctx, tx, id, day); err != nil || got != status {
				t.Errorf("%s on %s: statusOf gives %q (%v); the rule gives %q", id, day, got, err, status)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportRowQueriesSeek: what an import asks for every row (the status in
// force for a note, whether an owner is in force) is an index seek that
// reads no other owner, evidence or recommendation, so that each row costs
// the same however long the history: the import is linear in its rows.
// (The whole state, which the rows asked for before, lists every owner of
// the recommendation, and its cost grew with the import.)
func TestImportRowQueriesSeek(t *testing.T) {
	t.Parallel()
	kept, _ := keptAndHistory(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	args := append(stateArgs("2020-01-15", knownNow), sql.Named("id", "ga-agenda"), sql.Named("owner_key", rtp.OwnerKey("FES")))
	for name, want := range map[string][]string{
		"status_of": {"updates_by_recommendation (recommendation_id=? AND as_of<?)"},
		"owner_on":  {"assignments_by_recommendation (recommendation_id=? AND owner_key=? AND as_of<?)"},
	} {
		plan := queryPlan(t, kept, name, args...)
		text := strings.Join(plan, "\n")
		for _, seek := range want {
			if !strings.Contains(text, seek) {
				t.Errorf("%s does not seek %s:\n%s", name, seek, text)
			}
		}
		for _, line := range plan {
			if strings.HasPrefix(line, "SCAN") && line != "SCAN CONSTANT ROW" || strings.Contains(line, "evidence") ||
				name == "status_of" && strings.Contains(line, "assignments") || strings.HasSuffix(line, "(recommendation_id=?)") {
				t.Errorf("%s reads more than it needs: %s\n%s", name, line, text)
			}
		}
	}
}

// queryPlan returns the lines of SQLite's plan for the named query.
func queryPlan(t *testing.T, s *Store, name string, args ...any) []string {
	t.Helper()
	ctx := context.Background()
	var plan []string
	err := s.read(ctx, func(tx *sql.Tx) error {
		return scanAll(ctx, tx, "EXPLAIN QUERY PLAN "+Query(name), func(rows *sql.Rows) error {
			var id, parent, unused int
			var detail string
			err := rows.Scan(&id, &parent, &unused, &detail)
			plan = append(plan, detail)
			return err
		}, args...)
	})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// TestReportActorsReadOnlyActorUpdates holds the per-addressee table of a
// report to the partial index of updates with an actor: read by date
// (updates_by_date), it read every update of the tracker, 2.2 s at 100k.
func TestReportActorsReadOnlyActorUpdates(t *testing.T) {
	t.Parallel()
	kept, _ := keptAndHistory(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	plan := queryPlan(t, kept, "report_actor_statuses", stateArgs("2026-11-30", knownNow)...)
	text := strings.Join(plan, "\n")
	if !slices.Contains(plan, "SCAN u USING INDEX updates_by_actor") || strings.Contains(text, "updates_by_date") {
		t.Errorf("report_actor_statuses does not read updates_by_actor alone:\n%s", text)
	}
}
