package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

// TestOwnerIsOneIdentity: case and Unicode variants of a name are one owner
// in every way owners are compared: assign (a role change, the history's
// spelling kept), the lists of any day, --owner, unassign, and import.
func TestOwnerIsOneIdentity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustCreate(t)
	assign := func(owner string, role rtp.Role, asOf rtp.Date) (string, bool) {
		t.Helper()
		name, changed, err := s.Assign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: owner, Role: role, AsOf: asOf, By: "tester"})
		if err != nil {
			t.Fatal(err)
		}
		return name, changed
	}
	if name, changed := assign("Ärzte ohne Grenzen", rtp.RoleMonitor, "2019-01-01"); !changed || name != "Ärzte ohne Grenzen" {
		t.Fatalf("first assignment: %q %v", name, changed)
	}
	if name, changed := assign("ÄRZTE OHNE GRENZEN", rtp.RoleLead, "2019-02-01"); !changed || name != "Ärzte ohne Grenzen" {
		t.Fatalf("a case variant with another role: %q changed %v, want the role changed under the history's spelling", name, changed)
	}
	if name, changed := assign("A\u0308rzte ohne grenzen", rtp.RoleLead, "2019-03-01"); changed || name != "Ärzte ohne Grenzen" {
		t.Fatalf("an NFD variant with the same role: %q changed %v, want no change", name, changed)
	}
	for day, want := range map[rtp.Date]string{
		"2019-01-15": "[{Ärzte ohne Grenzen monitor}]",
		"2019-06-01": "[{Ärzte ohne Grenzen lead}]",
	} {
		if got := fmt.Sprint(list(t, s, rtp.ListFilter{AsOf: day})[2].Owners); got != want {
			t.Errorf("owners of upr on %s: %s, want %s", day, got, want)
		}
	}
	for _, form := range []string{"ärzte ohne grenzen", "ÄRZTE OHNE GRENZEN", "A\u0308RZTE OHNE GRENZEN"} {
		items := list(t, s, rtp.ListFilter{AsOf: "2019-06-01", Owner: form})
		if len(items) != 1 || items[0].ID != "upr" {
			t.Errorf("--owner %q found %d recommendations, want upr", form, len(items))
		}
	}
	owner, err := s.Unassign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: "ärzte OHNE grenzen", AsOf: "2019-08-01", By: "tester"})
	if err != nil || owner != "Ärzte ohne Grenzen" {
		t.Fatalf("unassign by a variant: %q %v", owner, err)
	}
	if got := list(t, s, rtp.ListFilter{AsOf: "2019-09-01"})[2].Owners; len(got) != 0 {
		t.Errorf("owners after the unassignment: %v", got)
	}
	report, err := s.Check(ctx)
	if err != nil || len(report.Problems) > 0 {
		t.Fatalf("db check: %v %v", report.Problems, err)
	}
}

// TestCheckFindsAWrongOwnerKey: an owner_key that is not rtp.OwnerKey of its
// owner (written behind rtp's back) is a problem db check reports.
func TestCheckFindsAWrongOwnerKey(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rtp.db")
	s, _, err := store.Create(ctx, path, memoOptions)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.Assign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: "FES", Role: rtp.RoleLead, AsOf: "2019-01-01", By: "t"}); err != nil {
		t.Fatal(err)
	}
	db, err := sqlOpen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var trigger string
	if err := db.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'assignments_append_only_u'`).Scan(&trigger); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER assignments_append_only_u`, `UPDATE assignments SET owner_key = 'FES'`, trigger} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	report, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := `every assignment's owner_key is its owner's identity: assignment 1 of "FES" has owner_key "FES", not "fes"`
	if strings.Join(report.Problems, "\n") != want {
		t.Errorf("problems: %q, want %q", report.Problems, want)
	}
}
