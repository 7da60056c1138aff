package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

var memoIDs = []string{"joint-office", "gender-lens", "upr", "civil-society", "prevention", "ga-agenda", "international-law", "regional-bodies"}

// mustCreate creates a seeded tracker in a temporary folder, with a clock
// fixed at 2026-11-29.
func mustCreate(tb testing.TB) *store.Store {
	tb.Helper()
	s, created, err := store.Create(context.Background(), filepath.Join(tb.TempDir(), "rtp.db"), memoOptions)
	if err != nil {
		tb.Fatal(err)
	}
	if !created {
		tb.Fatal("a new file was not reported as created")
	}
	s.Now = func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }
	tb.Cleanup(func() { s.Close() })
	return s
}

func list(tb testing.TB, s *store.Store, f rtp.ListFilter) []rtp.Item {
	tb.Helper()
	if f.AsOf == "" {
		f.AsOf = "2026-11-29"
	}
	var items []rtp.Item
	if err := s.Each(context.Background(), f, func(it rtp.Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return items
}

func ids(items []rtp.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func mustUpdate(tb testing.TB, s *store.Store, id string, status rtp.Status, asOf rtp.Date) rtp.Update {
	tb.Helper()
	u, err := s.AddUpdate(context.Background(), rtp.NewUpdate{RecommendationID: id, Status: status, AsOf: asOf, By: "tester"})
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func TestCreate(t *testing.T) {
	ctx := context.Background()
	t.Run("SeedsTheMemoInOrder", func(t *testing.T) {
		items := list(t, mustCreate(t), rtp.ListFilter{})
		if got := ids(items); !slices.Equal(got, memoIDs) {
			t.Fatalf("ids = %v, want %v", got, memoIDs)
		}
		for i, it := range items {
			if it.Number != i+1 || it.Status != rtp.StatusUnassessed || it.AsOf != nil || it.Source != "memo-2017" {
				t.Errorf("item %d = %+v, want number %d, unassessed, no date, source memo-2017", i, it, i+1)
			}
		}
	})
	t.Run("SecondCreateChangesNothing", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sub", "rtp.db")
		s, created, err := store.Create(ctx, path, memoOptions)
		if err != nil || !created {
			t.Fatalf("first Create: created=%v err=%v", created, err)
		}
		mustUpdate(t, s, "upr", rtp.StatusPartial, "2020-01-01")
		s.Close()
		s, created, err = store.Create(ctx, path, memoOptions)
		if err != nil || created {
			t.Fatalf("second Create: created=%v err=%v, want false, nil", created, err)
		}
		defer s.Close()
		if items := list(t, s, rtp.ListFilter{Statuses: []rtp.Status{rtp.StatusPartial}}); len(items) != 1 {
			t.Fatalf("after second Create, %d partial items, want the 1 recorded", len(items))
		}
	})
	t.Run("ErrNotFoundCreatesNothing", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "missing.db")
		_, err := store.Open(ctx, path, store.Options{})
		if rtp.ErrorCode(err) != rtp.ENOTFOUND {
			t.Fatalf("Open(missing) error = %v, want ENOTFOUND", err)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Fatalf("Open(missing) left a file behind: %v", err)
		}
	})
	t.Run("ErrNotATracker", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		text := []byte("meeting notes\n")
		if err := os.WriteFile(path, text, 0o644); err != nil {
			t.Fatal(err)
		}
		for name, open := range map[string]func() error{
			"Open":   func() error { _, err := store.Open(ctx, path, store.Options{}); return err },
			"Create": func() error { _, _, err := store.Create(ctx, path, memoOptions); return err },
		} {
			if err := open(); rtp.ErrorCode(err) != rtp.EDATABASE {
				t.Errorf("%s(text file) error = %v, want EDATABASE", name, err)
			}
		}
		if got, _ := os.ReadFile(path); string(got) != string(text) {
			t.Fatalf("the text file was changed to %q", got)
		}
	})
}

func TestAddUpdate(t *testing.T) {
	ctx := context.Background()
	t.Run("StatusAsOfAnyDate", func(t *testing.T) {
		s := mustCreate(t)
		mustUpdate(t, s, "ga-agenda", rtp.StatusImplemented, "2017-09-15")
		mustUpdate(t, s, "ga-agenda", rtp.StatusStalled, "2019-09-20")
		mustUpdate(t, s, "ga-agenda", rtp.StatusPartial, "2018-06-01") // recorded late, backdated
		for _, tc := range []struct {
			asOf   rtp.Date
			status rtp.Status
			since  string
		}{
			{"2017-09-14", rtp.StatusUnassessed, ""},
			{"2017-09-15", rtp.StatusImplemented, "2017-09-15"},
			{"2018-05-31", rtp.StatusImplemented, "2017-09-15"},
			{"2018-06-01", rtp.StatusPartial, "2018-06-01"},
			{"2019-09-20", rtp.StatusStalled, "2019-09-20"},
			{"2026-11-29", rtp.StatusStalled, "2019-09-20"},
		} {
			items := list(t, s, rtp.ListFilter{AsOf: tc.asOf})
			it := items[5]
			since := ""
			if it.AsOf != nil {
				since = string(*it.AsOf)
			}
			if it.Status != tc.status || since != tc.since {
				t.Errorf("as of %s: %s since %q, want %s since %q", tc.asOf, it.Status, since, tc.status, tc.since)
			}
		}
	})
	t.Run("NoteKeepsStatusAndItsStart", func(t *testing.T) {
		s := mustCreate(t)
		mustUpdate(t, s, "upr", rtp.StatusInProgress, "2018-01-01")
		u, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Note: "still going", AsOf: "2019-01-01", By: "tester"})
		if err != nil {
			t.Fatal(err)
		}
		if u.Status != rtp.StatusInProgress {
			t.Fatalf("note-only update has status %s, want in-progress", u.Status)
		}
		it := list(t, s, rtp.ListFilter{})[2]
		if *it.AsOf != "2018-01-01" || *it.LastUpdate != "2019-01-01" {
			t.Fatalf("since %s, last update %s; want 2018-01-01 and 2019-01-01", *it.AsOf, *it.LastUpdate)
		}
	})
	t.Run("EvidenceIsTiedAndDated", func(t *testing.T) {
		s := mustCreate(t)
		u, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "ga-agenda", Status: rtp.StatusImplemented, AsOf: "2017-09-15", By: "tester",
			Evidence: []rtp.NewEvidence{{RecommendationID: "ga-agenda", Ref: "A/72/250", By: "tester"}}})
		if err != nil {
			t.Fatal(err)
		}
		d, err := s.Detail(ctx, "ga-agenda", "2026-11-29", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Updates) != 1 || len(d.Updates[0].Evidence) != 1 || len(d.Evidence) != 0 {
			t.Fatalf("detail = %+v, want one update holding one evidence", d)
		}
		e := d.Updates[0].Evidence[0]
		if e.Ref != "A/72/250" || e.Date != "2017-09-15" || e.UpdateID != u.ID {
			t.Fatalf("evidence = %+v, want A/72/250 dated 2017-09-15 tied to update %d", e, u.ID)
		}
		if before := list(t, s, rtp.ListFilter{AsOf: "2017-09-14"})[5]; before.EvidenceCount != 0 {
			t.Fatalf("evidence counted before its date: %d", before.EvidenceCount)
		}
	})
	t.Run("ErrBeforeTheMemo", func(t *testing.T) {
		s := mustCreate(t)
		_, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusPartial, AsOf: "2017-09-06", By: "tester"})
		if rtp.ErrorCode(err) != rtp.EINVALID {
			t.Fatalf("error = %v, want EINVALID", err)
		}
	})
	t.Run("ErrUnknownRecommendation", func(t *testing.T) {
		s := mustCreate(t)
		_, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "nope", Status: rtp.StatusPartial, AsOf: "2020-01-01", By: "tester"})
		if rtp.ErrorCode(err) != rtp.ENOTFOUND {
			t.Fatalf("error = %v, want ENOTFOUND", err)
		}
	})
	t.Run("AllOrNothing", func(t *testing.T) {
		s := mustCreate(t)
		// The second evidence names a recommendation that does not exist, so
		// the foreign key fails after the update row was inserted.
		_, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusPartial, AsOf: "2020-01-01", By: "tester",
			Evidence: []rtp.NewEvidence{{RecommendationID: "upr", Ref: "A/1", By: "t"}, {RecommendationID: "nope", Ref: "A/2", By: "t"}}})
		if err == nil {
			t.Fatal("AddUpdate with a broken evidence succeeded")
		}
		d, err := s.Detail(ctx, "upr", "2026-11-29", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Updates) != 0 || d.EvidenceCount != 0 {
			t.Fatalf("a failed update left %d updates and %d evidence", len(d.Updates), d.EvidenceCount)
		}
	})
}

func TestAssign(t *testing.T) {
	ctx := context.Background()
	s := mustCreate(t)
	assign := func(owner string, role rtp.Role, asOf rtp.Date) bool {
		t.Helper()
		_, changed, err := s.Assign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: owner, Role: role, AsOf: asOf, By: "tester"})
		if err != nil {
			t.Fatal(err)
		}
		return changed
	}
	owners := func(asOf rtp.Date) string {
		return fmt.Sprint(list(t, s, rtp.ListFilter{AsOf: asOf})[2].Owners)
	}
	if !assign("ICRtoP", rtp.RoleSupport, "2018-01-01") || !assign("FES", rtp.RoleMonitor, "2018-02-01") {
		t.Fatal("new assignments reported no change")
	}
	if assign("ICRtoP", rtp.RoleSupport, "2018-03-01") {
		t.Fatal("assigning the same role again reported a change")
	}
	if !assign("ICRtoP", rtp.RoleLead, "2019-01-01") {
		t.Fatal("a role change reported no change")
	}
	if owner, err := s.Unassign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: "fes", AsOf: "2020-01-01", By: "tester"}); err != nil || owner != "FES" {
		t.Fatal(err)
	}
	for asOf, want := range map[rtp.Date]string{
		"2017-12-31": "[]",
		"2018-01-15": "[{ICRtoP support}]",
		"2018-06-01": "[{ICRtoP support} {FES monitor}]",
		"2019-06-01": "[{ICRtoP lead} {FES monitor}]",
		"2026-11-29": "[{ICRtoP lead}]",
	} {
		if got := owners(asOf); got != want {
			t.Errorf("owners on %s = %s, want %s", asOf, got, want)
		}
	}
	_, err := s.Unassign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: "FES", AsOf: "2026-11-29", By: "tester"})
	if rtp.ErrorCode(err) != rtp.ENOTFOUND {
		t.Fatalf("unassigning a former owner: %v, want ENOTFOUND", err)
	}
	if got := ids(list(t, s, rtp.ListFilter{Owner: "icrtop"})); !slices.Equal(got, []string{"upr"}) {
		t.Fatalf("--owner icrtop lists %v, want [upr]", got)
	}
	if got := ids(list(t, s, rtp.ListFilter{Owner: "FES"})); len(got) != 0 {
		t.Fatalf("--owner FES lists %v after FES was unassigned", got)
	}
}

func TestResolve(t *testing.T) {
	s := mustCreate(t)
	for arg, want := range map[string]string{
		"ga-agenda": "ga-agenda", "6": "ga-agenda", "ga": "ga-agenda", "GA": "ga-agenda",
		"international": "international-law", "1": "joint-office", "8": "regional-bodies",
	} {
		if got, err := s.Resolve(context.Background(), arg); got != want || err != nil {
			t.Errorf("Resolve(%q) = %q, %v; want %q", arg, got, err, want)
		}
	}
	for _, arg := range []string{"0", "-1", "1.5", "0x10", "9", "g", "gax", "ga-agenda-2", "%", "_", "' OR 1=1 --"} {
		if got, err := s.Resolve(context.Background(), arg); rtp.ErrorCode(err) != rtp.ENOTFOUND {
			t.Errorf("Resolve(%q) = %q, %v; want ENOTFOUND", arg, got, err)
		}
	}
}

func TestHistoryIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	s := mustCreate(t)
	mustUpdate(t, s, "upr", rtp.StatusPartial, "2020-01-01")
	if _, _, err := s.Assign(ctx, rtp.Assignment{RecommendationID: "upr", Owner: "ICRtoP", Role: rtp.RoleLead, AsOf: "2020-01-01", By: "t"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvidence(ctx, rtp.NewEvidence{RecommendationID: "upr", Ref: "A/1", By: "t"}); err != nil {
		t.Fatal(err)
	}
	db, err := sqlOpen(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		`UPDATE updates SET status = 'implemented'`,
		`DELETE FROM updates`,
		`DELETE FROM assignments`,
		`UPDATE evidence SET ref = 'x'`,
	} {
		if _, err := db.Exec(stmt); err == nil {
			t.Errorf("%s succeeded; the history must be append-only", stmt)
		}
	}
}

// TestConcurrentWriters has writers on separate connections append at once:
// each waits for the others instead of failing, and nothing is lost.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	path := mustCreate(t).Path()
	const writers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := store.Open(ctx, path, store.Options{})
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for i := range each {
				_, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: memoIDs[w], Status: rtp.StatusInProgress,
					Note: fmt.Sprintf("writer %d, update %d", w, i), AsOf: "2020-01-01", By: "tester"})
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, id := range memoIDs {
		d, err := s.Detail(ctx, id, "2026-11-29", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Updates) != each {
			t.Errorf("%s has %d updates, want %d", id, len(d.Updates), each)
		}
	}
}
