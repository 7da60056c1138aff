package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

func assignOwner(t *testing.T, s *store.Store, rec, owner string, asOf rtp.Date) {
	t.Helper()
	if _, _, err := s.Assign(context.Background(), rtp.Assignment{RecommendationID: rec, Owner: owner, Role: rtp.RoleLead, AsOf: asOf, By: "t"}); err != nil {
		t.Fatal(err)
	}
}

// wantOwners checks the owners of upr on each day.
func wantOwners(t *testing.T, s *store.Store, want map[rtp.Date]string) {
	t.Helper()
	for day, owners := range want {
		if got := fmt.Sprint(list(t, s, rtp.ListFilter{AsOf: day})[2].Owners); got != owners {
			t.Errorf("owners of upr on %s: %s, want %s", day, got, owners)
		}
	}
}

func renameOwner(s *store.Store, old, new string, asOf rtp.Date) error {
	_, err := s.RenameOwner(context.Background(), rtp.NewOwnerRename{Old: old, New: new, AsOf: asOf, By: "t"})
	return err
}

// TestRenameChain: an owner renamed twice is one owner under its three
// names, named on each day by the name it had then; the old name is kept
// as the history spells it, whatever case the rename was asked in.
func TestRenameChain(t *testing.T) {
	t.Parallel()
	s := freshStore(t, "chain.db")
	assignOwner(t, s, "upr", "Stanley Foundation", "2018-01-01")
	if err := renameOwner(s, "stanley foundation", "Stanley Center", "2021-01-01"); err != nil {
		t.Fatal(err)
	}
	if err := renameOwner(s, "STANLEY CENTER", "Stanley Institute", "2023-01-01"); err != nil {
		t.Fatal(err)
	}
	days := map[rtp.Date]string{
		"2019-01-01": "[{Stanley Foundation lead}]",
		"2021-01-01": "[{Stanley Center lead}]",
		"2024-01-01": "[{Stanley Institute lead}]",
	}
	wantOwners(t, s, days)
	for day := range days {
		for _, name := range []string{"Stanley Foundation", "stanley center", "STANLEY INSTITUTE"} {
			if items := list(t, s, rtp.ListFilter{AsOf: day, Owner: name}); len(items) != 1 {
				t.Errorf("--owner %q on %s found %d recommendations, want upr", name, day, len(items))
			}
		}
	}
	renames, err := s.OwnerRenames(context.Background())
	if err != nil || len(renames) != 2 || renames[0].OldName != "Stanley Foundation" || renames[1].OldName != "Stanley Center" {
		t.Fatalf("renames: %+v %v", renames, err)
	}
	// Back to the first name is a cycle.
	if err := renameOwner(s, "Stanley Institute", "Stanley Foundation", "2024-01-01"); rtp.ErrorCode(err) != rtp.ECONFLICT || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("a rename back to the first name: %v, want a cycle refused", err)
	}
	if report, err := s.Check(context.Background()); err != nil || len(report.Problems) > 0 {
		t.Fatalf("check: %v %v", report.Problems, err)
	}
}

// TestMergeRefusesRenamesThatClash: two trackers that each renamed another
// owner to the same name cannot be merged, in either direction, and the
// tracker is left as it was; a merge of renames already there adds nothing.
func TestMergeRefusesRenamesThatClash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := freshStore(t, "a.db"), freshStore(t, "b.db")
	assignOwner(t, a, "upr", "FES", "2019-01-01")
	assignOwner(t, b, "upr", "ICRtoP", "2019-01-01")
	if err := renameOwner(a, "FES", "Coalition", "2020-01-01"); err != nil {
		t.Fatal(err)
	}
	if err := renameOwner(b, "ICRtoP", "coalition", "2020-01-01"); err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]*store.Store{{a, b}, {b, a}} {
		from, into := pair[0], pair[1]
		exp, err := from.Export(ctx)
		if err != nil {
			t.Fatal(err)
		}
		before, _ := into.Export(ctx)
		_, err = into.Merge(ctx, rtp.BatchOrigin{Source: "x.json", By: "t"}, exp, nil)
		if rtp.ErrorCode(err) != rtp.ECONFLICT || !strings.Contains(err.Error(), "second owner") {
			t.Errorf("merge of clashing renames: %v, want a conflict naming the second owner", err)
		}
		if after, _ := into.Export(ctx); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Error("a refused merge changed the tracker")
		}
	}
	exp, err := a.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := freshStore(t, "c.db")
	for i, want := range []int{1, 0} {
		res, err := c.Merge(ctx, rtp.BatchOrigin{Source: "a.json", By: "t"}, exp, nil)
		if err != nil || res.Renames != want {
			t.Fatalf("merge %d: %d renames added, want %d (%v)", i+1, res.Renames, want, err)
		}
	}
	wantOwners(t, c, map[rtp.Date]string{"2020-06-01": "[{Coalition lead}]"})
}

// TestRenamedOwnersSortByTheNameOnTheDay: owners of one role are listed by
// the name each bears on the day, which renames can reorder.
func TestRenamedOwnersSortByTheNameOnTheDay(t *testing.T) {
	t.Parallel()
	s := freshStore(t, "order.db")
	for _, name := range []string{"Alpha Org", "Beta Org", "Mike Org"} {
		assignOwner(t, s, "upr", name, "2018-01-01")
	}
	if err := renameOwner(s, "Alpha Org", "Zulu Org", "2020-01-01"); err != nil {
		t.Fatal(err)
	}
	if err := renameOwner(s, "Beta Org", "Charlie Org", "2021-01-01"); err != nil {
		t.Fatal(err)
	}
	wantOwners(t, s, map[rtp.Date]string{
		"2019-01-01": "[{Alpha Org lead} {Beta Org lead} {Mike Org lead}]",
		"2020-06-01": "[{Beta Org lead} {Mike Org lead} {Zulu Org lead}]",
		"2021-06-01": "[{Charlie Org lead} {Mike Org lead} {Zulu Org lead}]",
	})
}

// TestCheckFindsRenamesThatJoinOrMissOwners: db check holds renames written
// behind rtp's back to the rules a merge and rtp owner rename hold them to:
// a rename to a name that was another owner's before its date joins two
// owners, and a rename of a name assigned nothing by its date renames none.
func TestCheckFindsRenamesThatJoinOrMissOwners(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := freshStore(t, "check.db")
	assignOwner(t, s, "upr", "Alpha", "2019-10-01")
	assignOwner(t, s, "ga-agenda", "Beta", "2019-10-01")
	assignOwner(t, s, "prevention", "Gamma", "2019-12-01")
	if report, err := s.Check(ctx); err != nil || len(report.Problems) > 0 {
		t.Fatalf("db check before: %v %v", err, report.Problems)
	}
	path := s.Path()
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.ExecContext(ctx, `INSERT INTO owner_renames (uid, old_key, old_name, new_name, new_key, as_of, by, recorded_at, received_at)
		VALUES ('join', 'alpha', 'Alpha', 'Beta', 'beta', '2019-10-02', 't', '2026-11-29T12:00:01.000000Z', '2026-11-29T12:00:01.000000Z'),
		('none', 'gamma', 'Gamma', 'Delta', 'delta', '2019-11-01', 't', '2026-11-29T12:00:02.000000Z', '2026-11-29T12:00:02.000000Z')`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	report, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	problems := strings.Join(report.Problems, "\n")
	for _, want := range []string{
		"rename join ('Alpha' to 'Beta' from 2019-10-02) would join two owners: 'Beta' was already an owner (of ga-agenda from 2019-10-01)",
		"rename none ('Gamma' to 'Delta' from 2019-11-01) renames no owner: 'Gamma' was not assigned anything on or before 2019-11-01",
	} {
		if !strings.Contains(problems, want) {
			t.Errorf("db check problems lack %q:\n%s", want, problems)
		}
	}
}
