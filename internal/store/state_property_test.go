package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rtp-tracker/rtp"
)

// TestEveryReadPathFollowsTheRule records random histories (back-dated
// updates, note-only updates, retractions of updates and of evidence, owner
// churn with names in other cases, owner renames, evidence) and then, for random days,
// compares every way the store reads a state with rtp.StateOn applied to
// the history read back: lists from the kept state and from the history,
// Item, Detail, report rows and changes, as known now and at random moments
// (--as-recorded) between the writes (renames among them, received at the
// random times of a clock that jumps forward and back).
// A failure prints the seed, which RTP_STATE_SEED replays.
func TestEveryReadPathFollowsTheRule(t *testing.T) {
	t.Parallel()
	rng := seededRand(t, 9)
	ctx := context.Background()
	renamed, twoForms := 0, 0
	defer func() {
		if renamed == 0 && !t.Failed() {
			t.Error("no rename was recorded: the histories do not exercise renames")
		}
		if twoForms == 0 && !t.Failed() {
			t.Error("no document was recorded in two forms: the histories do not exercise documents")
		}
	}()
	for range 3 {
		kept, history := keptAndHistory(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
		// A clock that jumps: minutes ahead, or back (the store's stamps
		// still increase), or stands still.
		clock := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
		kept.Now = func() time.Time {
			clock = clock.Add(time.Duration(rng.IntN(600)-200) * time.Second)
			return clock
		}
		ids := []string{"ga-agenda", "upr", "gender-lens"}
		if err := randomHistory(ctx, kept, rng, ids, 150); err != nil {
			t.Fatal(err)
		}
		histories := readHistories(t, kept)
		renamed += len(histories["upr"].Renames)
		twoForms += documentsInTwoForms(kept, t)
		days := []rtp.Date{"2017-09-07", "2099-01-01"}
		var moments []rtp.Moment
		for _, h := range histories {
			for _, u := range h.Updates {
				days = append(days, u.AsOf)
				moments = append(moments, rtp.Moment(u.ReceivedAt), justBefore(t, u.ReceivedAt))
				if u.RetractedAt != "" {
					moments = append(moments, rtp.Moment(u.RetractedAt), justBefore(t, u.RetractedAt))
				}
			}
			for _, a := range h.Assignments {
				moments = append(moments, rtp.Moment(a.ReceivedAt))
			}
		}
		// Just before and at each rename's receipt: where a list as
		// recorded then names an owner by its old name, or its new one.
		var renameMoments []rtp.Moment
		for _, r := range histories["upr"].Renames {
			renameMoments = append(renameMoments, rtp.Moment(r.ReceivedAt), justBefore(t, r.ReceivedAt))
		}
		for range 6 {
			days = append(days, randomDay(rng))
		}
		// The days entries take effect on are where the paths could part;
		// a sample of them keeps the test to a few seconds.
		rng.Shuffle(len(days)-2, func(i, j int) { days[i+2], days[j+2] = days[j+2], days[i+2] })
		for _, day := range days[:min(len(days), 30)] {
			if day == "" {
				continue
			}
			compareReads(t, ctx, kept, history, histories, day, "")
			compareReads(t, ctx, kept, history, histories, day, moments[rng.IntN(len(moments))])
			if len(renameMoments) > 0 {
				compareReads(t, ctx, kept, history, histories, day, renameMoments[rng.IntN(len(renameMoments))])
			}
		}
		report, err := kept.Check(ctx)
		if err != nil || len(report.Problems) > 0 {
			t.Fatalf("check: %v %v", report.Problems, err)
		}
		if t.Failed() {
			return
		}
	}
}

// justBefore is the moment one microsecond before a stamp.
func justBefore(t *testing.T, stamp string) rtp.Moment {
	at, err := time.Parse(rtp.StampLayout, stamp)
	if err != nil {
		t.Fatal(err)
	}
	return rtp.Moment(rtp.Stamp(at.Add(-time.Microsecond)))
}

// seededRand is a random source for a property test, on stream: seeded
// from the clock, or from RTP_STATE_SEED to replay a failure, whose seed
// it prints.
func seededRand(t *testing.T, stream uint64) *rand.Rand {
	seed := uint64(time.Now().UnixNano())
	fmt.Sscan(os.Getenv("RTP_STATE_SEED"), &seed)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("seed %d (replay with RTP_STATE_SEED=%d)", seed, seed)
		}
	})
	return rand.New(rand.NewPCG(seed, stream))
}

// randomDay is a day from the memo's to the end of 2026.
func randomDay(rng *rand.Rand) rtp.Date {
	start := time.Date(2017, 9, 7, 0, 0, 0, 0, time.UTC)
	return rtp.DateOf(start.AddDate(0, 0, rng.IntN(3400)))
}

// entryDay is one of 40 days over the same years: entries often share a
// day, where the order by id decides.
func entryDay(rng *rand.Rand) rtp.Date {
	start := time.Date(2017, 9, 7, 0, 0, 0, 0, time.UTC)
	return rtp.DateOf(start.AddDate(0, 0, 85*rng.IntN(40)))
}

// randomHistory records n random writes on the recommendations ids.
// Refusals the store is right to give (an owner who is not one, a second
// retraction) are part of the game.
func randomHistory(ctx context.Context, s *Store, rng *rand.Rand, ids []string, n int) error {
	owners := []string{"ICRtoP", "icrtop", "ICRTOP", "FES", "fes", "Global Centre", "global centre", "Ärzte", "ärzte", "A\u0308rzte", "ÄRZTE",
		"Stanley Center", "stanley center", "FES NY", "GCR2P"}
	var updates, evidence []int64
	sureRename := rng.IntN(n)
	for i := range n {
		if i == sureRename {
			// Most random renames are refused (not an owner yet, a cycle):
			// one that is sure to be taken, at a random point of the
			// history, so that every run exercises renames.
			if _, _, err := s.Assign(ctx, rtp.Assignment{RecommendationID: ids[0], Owner: "Stanley Foundation",
				Role: rtp.Roles[0], AsOf: "2017-09-07", By: "t"}); err != nil {
				return err
			}
			if _, err := s.RenameOwner(ctx, rtp.NewOwnerRename{Old: "Stanley Foundation", New: "Stanley Center for Peace",
				AsOf: entryDay(rng), By: "t"}); err != nil {
				return err
			}
		}
		id := ids[rng.IntN(len(ids))]
		day := entryDay(rng)
		var err error
		switch op := rng.IntN(11); {
		case op == 10:
			// A rename, between any two of the names: many are refused
			// (not an owner yet, already another, a cycle, too early).
			old, new := owners[rng.IntN(len(owners))], owners[rng.IntN(len(owners))]
			if rtp.OwnerKey(old) != rtp.OwnerKey(new) {
				_, err = s.RenameOwner(ctx, rtp.NewOwnerRename{Old: old, New: new, AsOf: day, By: "t"})
			}
		case op < 4:
			status := rtp.Statuses[1+rng.IntN(len(rtp.Statuses)-1)]
			if rng.IntN(4) == 0 {
				status = "" // a note only: keeps the status in force then
			}
			nu := rtp.NewUpdate{RecommendationID: id, Status: status, Note: "n", AsOf: day, By: "t"}
			if status != "" && rng.IntN(5) == 0 {
				// About an actor only: never in the recommendation's own state.
				nu.Actor, nu.NewActor = "Regional body", true
			}
			if rng.IntN(2) == 0 {
				nu.Evidence = []rtp.NewEvidence{{RecommendationID: id, Ref: randomDocumentRef(rng), By: "t"}}
			}
			var u rtp.Update
			if u, err = s.AddUpdate(ctx, nu); err == nil {
				updates = append(updates, u.ID)
				for _, e := range u.Evidence {
					evidence = append(evidence, e.ID)
				}
			}
		case op < 5:
			var e rtp.Evidence
			// Private evidence counts in lists, in reports only with
			// IncludePrivate; it cites the documents public evidence does,
			// or a briefing only it cites.
			ref, private := randomDocumentRef(rng), rng.IntN(4) == 0
			if private && rng.IntN(2) == 0 {
				ref = fmt.Sprintf("Internal briefing %d", rng.IntN(3))
			}
			if e, err = s.AddEvidence(ctx, rtp.NewEvidence{RecommendationID: id, Ref: ref, Date: day, By: "t", Private: private}); err == nil {
				evidence = append(evidence, e.ID)
			}
		case op < 7:
			_, _, err = s.Assign(ctx, rtp.Assignment{RecommendationID: id, Owner: owners[rng.IntN(len(owners))],
				Role: rtp.Roles[rng.IntN(len(rtp.Roles))], AsOf: day, By: "t"})
		case op < 8:
			_, err = s.Unassign(ctx, rtp.Assignment{RecommendationID: id, Owner: owners[rng.IntN(len(owners))], AsOf: day, By: "t"})
		case op < 9 && len(updates) > 0:
			_, err = s.Retract(ctx, rtp.NewRetraction{UpdateID: updates[rng.IntN(len(updates))], Reason: "r", AsOf: day, By: "t"})
		case len(evidence) > 0:
			_, err = s.Retract(ctx, rtp.NewRetraction{EvidenceID: evidence[rng.IntN(len(evidence))], Reason: "r", AsOf: day, By: "t"})
		}
		if code := rtp.ErrorCode(err); code != "" && code != rtp.ENOTFOUND && code != rtp.ECONFLICT {
			return err
		}
	}
	return nil
}

// documentsInTwoForms counts the documents recorded under more than one
// reference.
func documentsInTwoForms(s *Store, t *testing.T) int {
	var n int
	err := s.db.QueryRow(`SELECT count(*) FROM (SELECT document FROM evidence GROUP BY recommendation_id, document HAVING count(DISTINCT ref) > 1)`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// randomDocumentRef cites one of a few documents, a UN document in any of
// the forms it is recorded in (its symbol, its undocs.org address, with or
// without a language) or a citation of its own, so that one document is
// often recorded several times and several ways: the state counts it once.
func randomDocumentRef(rng *rand.Rand) string {
	symbols := []string{"A/72/884", "S/2018/525", "A/HRC/RES/39/2"}
	if rng.IntN(5) == 0 {
		return fmt.Sprintf("Annual report %d", rng.IntN(3))
	}
	symbol := symbols[rng.IntN(len(symbols))]
	return []string{symbol, "https://undocs.org/" + symbol, "https://undocs.org/en/" + symbol}[rng.IntN(3)]
}

// readHistories reads every recommendation's history back as stored.
func readHistories(t *testing.T, s *Store) map[string]*rtp.History {
	t.Helper()
	out := map[string]*rtp.History{}
	of := func(id string) *rtp.History {
		if out[id] == nil {
			out[id] = &rtp.History{}
		}
		return out[id]
	}
	ctx := context.Background()
	err := s.read(ctx, func(tx *sql.Tx) error {
		ids, err := column(ctx, tx, `SELECT id FROM recommendations`)
		for _, id := range ids {
			of(id)
		}
		if err != nil {
			return err
		}
		err = scanAll(ctx, tx, `SELECT u.recommendation_id, u.id, u.uid, u.recorded_at, u.received_at, u.as_of, u.status, u.note_only, COALESCE(x.received_at, ''), COALESCE(u.actor, '')
			FROM updates u LEFT JOIN retractions x ON x.update_id = u.id`, func(rows *sql.Rows) error {
			var id string
			var u rtp.HistoryUpdate
			err := rows.Scan(&id, &u.ID, &u.UID, &u.RecordedAt, &u.ReceivedAt, &u.AsOf, &u.Status, &u.NoteOnly, &u.RetractedAt, &u.Actor)
			of(id).Updates = append(of(id).Updates, u)
			return err
		})
		if err != nil {
			return err
		}
		err = scanAll(ctx, tx, `SELECT recommendation_id, id, uid, recorded_at, received_at, owner, action, COALESCE(role, ''), as_of FROM assignments`, func(rows *sql.Rows) error {
			var id string
			var a rtp.HistoryAssignment
			err := rows.Scan(&id, &a.ID, &a.UID, &a.RecordedAt, &a.ReceivedAt, &a.Owner, &a.Action, &a.Role, &a.AsOf)
			of(id).Assignments = append(of(id).Assignments, a)
			return err
		})
		if err != nil {
			return err
		}
		renames, err := ownerRenames(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			of(id).Renames = renames
		}
		// The document from the reference, not the stored column: the rule
		// holds the store's key to rtp.DocumentKey.
		return scanAll(ctx, tx, `SELECT e.recommendation_id, e.id, e.date, e.received_at, COALESCE(x.received_at, ''), e.ref
			FROM evidence e LEFT JOIN retractions x ON x.evidence_id = e.id`, func(rows *sql.Rows) error {
			var id, ref string
			var e rtp.HistoryEvidence
			err := rows.Scan(&id, &e.ID, &e.Date, &e.ReceivedAt, &e.RetractedAt, &ref)
			e.Document = rtp.DocumentKey(ref)
			of(id).Evidence = append(of(id).Evidence, e)
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// stateOfItem is the part of an item that the rule gives.
func stateOfItem(it rtp.Item) rtp.State {
	return rtp.State{Status: it.Status, Since: it.AsOf, LastUpdate: it.LastUpdate, Owners: it.Owners, EvidenceCount: it.EvidenceCount}
}

func compareReads(t *testing.T, ctx context.Context, kept, history *Store, histories map[string]*rtp.History, day rtp.Date, known rtp.Moment) {
	t.Helper()
	check := func(way, id string, got rtp.State) {
		t.Helper()
		if want := rtp.StateOn(*histories[id], day, known); !reflect.DeepEqual(got, want) {
			t.Errorf("%s of %s on %s as known at %q:\n got %s\nwant %s", way, id, day, known, stateText(got), stateText(want))
		}
	}
	for name, s := range map[string]*Store{"kept": kept, "history": history} {
		seen := 0
		err := s.Each(ctx, rtp.ListFilter{AsOf: day, AsRecorded: known}, func(it rtp.Item) error {
			seen++
			check(name+" Each", it.ID, stateOfItem(it))
			return nil
		})
		if err != nil || seen != len(histories) {
			t.Fatalf("%s Each on %s: %d items, %v", name, day, seen, err)
		}
		for id := range histories {
			if known == "" {
				it, err := s.Item(ctx, id, day)
				if err != nil {
					t.Fatal(err)
				}
				check(name+" Item", id, stateOfItem(it))
			}
			d, err := s.Detail(ctx, id, day, known)
			if err != nil {
				t.Fatal(err)
			}
			check(name+" Detail", id, stateOfItem(d.Item))
		}
		compareOwnerFilter(t, ctx, name, s, histories, day, known)
		since := randomSince(day)
		err = s.Report(ctx, rtp.ReportRequest{AsOf: day, AsRecorded: known, Since: since, StaleBefore: day, IncludePrivate: true}, func(rep rtp.Report, rows rtp.ReportRows) error {
			if want := changesFromRule(histories, day, since, known); !reflect.DeepEqual(changeKeys(rep.Changes), want) {
				t.Errorf("%s report changes on %s since %s:\n got %v\nwant %v", name, day, since, changeKeys(rep.Changes), want)
			}
			if want := changesFromRule(histories, day, "", known); !reflect.DeepEqual(changeKeys(rep.History), want) {
				t.Errorf("%s report history on %s:\n got %v\nwant %v", name, day, changeKeys(rep.History), want)
			}
			return rows(func(r rtp.ReportRow) error {
				check(name+" report row", r.ID, stateOfItem(r.Item))
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		// Without IncludePrivate a report row is the state of the history
		// less its private evidence: it counts the public documents.
		public := withoutPrivateEvidence(t, s, histories)
		err = s.Report(ctx, rtp.ReportRequest{AsOf: day, AsRecorded: known, StaleBefore: day, RowsOnly: true}, func(_ rtp.Report, rows rtp.ReportRows) error {
			return rows(func(r rtp.ReportRow) error {
				if want := rtp.StateOn(*public[r.ID], day, known); !reflect.DeepEqual(stateOfItem(r.Item), want) {
					t.Errorf("%s public report row of %s on %s as known at %q:\n got %s\nwant %s", name, r.ID, day, known, stateText(stateOfItem(r.Item)), stateText(want))
				}
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// withoutPrivateEvidence is histories with the private evidence left out.
func withoutPrivateEvidence(t *testing.T, s *Store, histories map[string]*rtp.History) map[string]*rtp.History {
	t.Helper()
	private := map[int64]bool{}
	err := s.read(context.Background(), func(tx *sql.Tx) error {
		return scanAll(context.Background(), tx, `SELECT id FROM evidence WHERE private = 1`, func(rows *sql.Rows) error {
			var id int64
			err := rows.Scan(&id)
			private[id] = true
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*rtp.History{}
	for id, h := range histories {
		public := *h
		public.Evidence = slices.DeleteFunc(slices.Clone(h.Evidence), func(e rtp.HistoryEvidence) bool { return private[e.ID] })
		out[id] = &public
	}
	return out
}

// compareOwnerFilter holds --owner to the rule: a list filtered by any name
// an owner has had, in any case, holds the recommendations whose owners on
// the day (as known at known) include that owner (by identity), whatever
// name it bears then.
func compareOwnerFilter(t *testing.T, ctx context.Context, way string, s *Store, histories map[string]*rtp.History, day rtp.Date, known rtp.Moment) {
	t.Helper()
	var renames []rtp.OwnerRename
	names := map[string]bool{}
	for _, h := range histories {
		renames = h.Renames
		for _, a := range h.Assignments {
			names[a.Owner] = true
		}
	}
	for _, r := range renames {
		names[strings.ToUpper(r.OldName)], names[strings.ToLower(r.NewName)] = true, true
	}
	identities := rtp.OwnerIdentities(renames)
	for name := range names {
		want := []string{}
		for id, h := range histories {
			for _, o := range rtp.StateOn(*h, day, known).Owners {
				if rtp.IdentityOf(identities, rtp.OwnerKey(o.Name)) == rtp.IdentityOf(identities, rtp.OwnerKey(name)) {
					want = append(want, id)
					break
				}
			}
		}
		got := []string{}
		err := s.Each(ctx, rtp.ListFilter{AsOf: day, AsRecorded: known, Owner: name}, func(it rtp.Item) error {
			got = append(got, it.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s Each --owner %q on %s as known at %q: got %v, want %v", way, name, day, known, got, want)
		}
	}
}

// randomSince is a day some years before day, for a report's changes.
func randomSince(day rtp.Date) rtp.Date {
	return rtp.DateOf(day.Time().AddDate(-2, 0, 0))
}

// changesFromRule lists the status changes a report shows: each update in
// force on day, dated on or after since (--since is inclusive), whose
// status differs from the one in force before it, as "update-id from>to". A note-only update keeps the
// status in force: it changes nothing.
func changesFromRule(histories map[string]*rtp.History, day, since rtp.Date, known rtp.Moment) []string {
	out := []string{}
	for _, h := range histories {
		prev := rtp.StatusUnassessed
		for _, u := range rtp.InForce(*h, day, known) {
			if u.NoteOnly {
				continue
			}
			if u.Status != prev && u.AsOf >= since {
				out = append(out, fmt.Sprintf("%d %s>%s", u.ID, prev, u.Status))
			}
			prev = u.Status
		}
	}
	slices.Sort(out)
	return out
}

func changeKeys(changes []rtp.Change) []string {
	out := []string{}
	for _, c := range changes {
		if c.Kind != rtp.ChangeStatus {
			continue // the period's other entries: notes, evidence, owners, retractions
		}
		out = append(out, fmt.Sprintf("%d %s>%s", c.EntryID, c.From, c.To))
	}
	slices.Sort(out)
	return out
}

func stateText(st rtp.State) string {
	return fmt.Sprintf("%s since %s, last update %s, owners %v, evidence %d", st.Status, deref(st.Since), deref(st.LastUpdate), st.Owners, st.EvidenceCount)
}
