package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

func ptr[T any](v T) *T { return &v }

// mustExport is the whole tracker as JSON, to prove it unchanged.
func mustExport(tb testing.TB, s *store.Store) string {
	tb.Helper()
	exp, err := s.Export(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	data, err := json.Marshal(exp)
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

func mustDetail(tb testing.TB, s *store.Store, id string, asOf rtp.Date) rtp.Detail {
	tb.Helper()
	d, err := s.Detail(context.Background(), id, asOf, "")
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func mustSound(tb testing.TB, s *store.Store) {
	tb.Helper()
	report, err := s.Check(context.Background())
	if err != nil || len(report.Problems) > 0 {
		tb.Fatalf("db check: %v %v", err, report.Problems)
	}
}

func TestAmend(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("UpdateCopiesWhatIsNotGivenAndCountsInsteadOfTheOld", func(t *testing.T) {
		t.Parallel()
		s := mustCreate(t)
		u, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusInProgress, Note: "UPR debrief",
			AsOf: "2019-06-10", By: "FES", Private: true, Evidence: []rtp.NewEvidence{{RecommendationID: "upr", Ref: "A/HRC/41/2", By: "FES"}}})
		if err != nil {
			t.Fatal(err)
		}
		done, err := s.Amend(ctx, rtp.NewAmendment{UpdateID: u.ID, Status: ptr(rtp.StatusPartial), AsOf: ptr(rtp.Date("2020-03-01")), By: "ICRtoP"})
		if err != nil {
			t.Fatal(err)
		}
		if done != (rtp.Amended{RecommendationID: "upr", Kind: "update", Original: u.ID, New: u.ID + 1}) {
			t.Fatalf("Amend = %+v", done)
		}
		for day, want := range map[rtp.Date]rtp.Status{"2019-06-10": rtp.StatusUnassessed, "2020-02-29": rtp.StatusUnassessed,
			"2020-03-01": rtp.StatusPartial, "2026-11-29": rtp.StatusPartial} {
			if it, err := s.Item(ctx, "upr", day); err != nil || it.Status != want {
				t.Errorf("on %s upr is %v (%v), want %s", day, it.Status, err, want)
			}
		}
		d := mustDetail(t, s, "upr", "2026-11-29")
		if len(d.Updates) != 2 {
			t.Fatalf("updates = %+v", d.Updates)
		}
		old, amendment := d.Updates[0], d.Updates[1]
		if old.AmendedBy == nil || old.AmendedBy.ID != done.New || old.AmendedBy.By != "ICRtoP" || old.Retracted == nil || old.Retracted.Reason != rtp.DefaultAmendReason {
			t.Errorf("old update = %+v, want amended by %d and retracted as amended", old, done.New)
		}
		if amendment.Amends != u.ID || amendment.Note != "UPR debrief" || !amendment.Private || amendment.By != "ICRtoP" || amendment.Retracted != nil {
			t.Errorf("amendment = %+v, want the note and privacy copied", amendment)
		}
		// The evidence keeps supporting the update, and keeps counting.
		if len(amendment.Evidence) != 1 || amendment.Evidence[0].Retracted != nil || d.EvidenceCount != 1 {
			t.Errorf("evidence = %+v (count %d), want it with the amendment, counting", amendment.Evidence, d.EvidenceCount)
		}
		mustSound(t, s)
	})

	t.Run("NoteOnlyStaysNoteOnly", func(t *testing.T) {
		t.Parallel()
		s := mustCreate(t)
		mustUpdate(t, s, "upr", rtp.StatusStalled, "2019-01-01")
		n, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Note: "a tpyo", AsOf: "2019-02-01", By: "t"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Amend(ctx, rtp.NewAmendment{UpdateID: n.ID, Note: ptr("a typo"), By: "t"}); err != nil {
			t.Fatal(err)
		}
		exp, err := s.Export(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if last := exp.Updates[len(exp.Updates)-1]; !last.NoteOnly || last.Note != "a typo" || last.Amends != exp.Updates[1].UID {
			t.Errorf("amendment = %+v, want note-only, amending %s", last, exp.Updates[1].UID)
		}
		it, err := s.Item(ctx, "upr", "2026-11-29")
		if err != nil || it.Status != rtp.StatusStalled || *it.AsOf != "2019-01-01" {
			t.Errorf("upr = %+v (%v), want stalled since 2019-01-01", it, err)
		}
	})

	t.Run("EvidenceKeepsItsUpdate", func(t *testing.T) {
		t.Parallel()
		s := mustCreate(t)
		u, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusInProgress, AsOf: "2019-06-10", By: "t",
			Evidence: []rtp.NewEvidence{{RecommendationID: "upr", Ref: "A/HRC/41/2", Title: "UPR report", By: "t"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Amend(ctx, rtp.NewAmendment{EvidenceID: u.Evidence[0].ID, Ref: ptr("A/HRC/41/3"), By: "t"}); err != nil {
			t.Fatal(err)
		}
		d := mustDetail(t, s, "upr", "2026-11-29")
		ev := d.Updates[0].Evidence
		if len(ev) != 2 || ev[1].Ref != "A/HRC/41/3" || ev[1].Title != "UPR report" || ev[1].UpdateID != u.ID || ev[1].Amends != ev[0].ID || ev[0].AmendedBy == nil {
			t.Fatalf("evidence = %+v, want the amendment with the title copied, of the same update", ev)
		}
		if d.EvidenceCount != 1 {
			t.Errorf("evidence count = %d, want 1", d.EvidenceCount)
		}
		mustSound(t, s)
	})

	t.Run("RetractingAnAmendmentRetractsTheEvidenceOfItsChain", func(t *testing.T) {
		t.Parallel()
		s := mustCreate(t)
		u, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusInProgress, AsOf: "2019-06-10", By: "t",
			Evidence: []rtp.NewEvidence{{RecommendationID: "upr", Ref: "A/1", By: "t"}}})
		if err != nil {
			t.Fatal(err)
		}
		first, err := s.Amend(ctx, rtp.NewAmendment{UpdateID: u.ID, Note: ptr("one"), By: "t"})
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.Amend(ctx, rtp.NewAmendment{UpdateID: first.New, Note: ptr("two"), By: "t"})
		if err != nil {
			t.Fatal(err)
		}
		done, err := s.Retract(ctx, rtp.NewRetraction{UpdateID: second.New, Reason: "never happened", AsOf: "2026-11-29", By: "t"})
		if err != nil {
			t.Fatal(err)
		}
		if len(done.Evidence) != 1 || done.Evidence[0] != u.Evidence[0].ID {
			t.Errorf("retracted evidence %v, want [%d]", done.Evidence, u.Evidence[0].ID)
		}
		mustSound(t, s)
	})

	t.Run("Refusals", func(t *testing.T) {
		t.Parallel()
		s := mustCreate(t)
		u, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusInProgress, Note: "n", AsOf: "2019-06-10", By: "t"})
		if err != nil {
			t.Fatal(err)
		}
		e, err := s.AddEvidence(ctx, rtp.NewEvidence{RecommendationID: "upr", Ref: "A/1", Date: "2019-01-01", By: "t"})
		if err != nil {
			t.Fatal(err)
		}
		amended, err := s.Amend(ctx, rtp.NewAmendment{UpdateID: u.ID, Note: ptr("m"), By: "t"})
		if err != nil {
			t.Fatal(err)
		}
		noteOnly, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Note: "a note", AsOf: "2019-07-01", By: "t"})
		if err != nil {
			t.Fatal(err)
		}
		r := mustUpdate(t, s, "ga-agenda", rtp.StatusStalled, "2019-01-01")
		if _, err := s.Retract(ctx, rtp.NewRetraction{UpdateID: r.ID, Reason: "no", AsOf: "2026-11-29", By: "t"}); err != nil {
			t.Fatal(err)
		}
		before := mustExport(t, s)
		for _, c := range []struct {
			name string
			na   rtp.NewAmendment
			code string
			msg  string
		}{
			{"UnknownUpdate", rtp.NewAmendment{UpdateID: 99, Note: ptr("x")}, rtp.ENOTFOUND, "there is no update 99"},
			{"UnknownEvidence", rtp.NewAmendment{EvidenceID: 99, Note: ptr("x")}, rtp.ENOTFOUND, "there is no evidence 99"},
			{"AlreadyAmended", rtp.NewAmendment{UpdateID: u.ID, Note: ptr("x")}, rtp.ECONFLICT, "amend 2 instead"},
			{"Retracted", rtp.NewAmendment{UpdateID: r.ID, Note: ptr("x")}, rtp.ECONFLICT, "a retracted entry cannot be amended"},
			{"Empty", rtp.NewAmendment{UpdateID: amended.New}, rtp.EINVALID, "nothing to amend"},
			{"SameValues", rtp.NewAmendment{UpdateID: amended.New, Note: ptr("m"), Status: ptr(rtp.StatusInProgress)}, rtp.ECONFLICT, "nothing to amend"},
			{"SameEvidence", rtp.NewAmendment{EvidenceID: e.ID, Ref: ptr("A/1")}, rtp.ECONFLICT, "nothing to amend"},
			{"Future", rtp.NewAmendment{UpdateID: amended.New, AsOf: ptr(rtp.Date("2026-11-30"))}, rtp.EINVALID, "in the future"},
			{"BeforeTheSource", rtp.NewAmendment{UpdateID: amended.New, AsOf: ptr(rtp.Date("2017-01-01"))}, rtp.EINVALID, "upr was made on 2017-09-07"},
			{"BadStatus", rtp.NewAmendment{UpdateID: amended.New, Status: ptr(rtp.Status("done"))}, rtp.EINVALID, `invalid status "done"`},
			{"EvidenceFieldOnAnUpdate", rtp.NewAmendment{UpdateID: amended.New, Ref: ptr("A/2")}, rtp.EINVALID, "ref is a field of evidence"},
			{"NoteOnlyWithoutItsNote", rtp.NewAmendment{UpdateID: noteOnly.ID, Note: ptr("")}, rtp.EINVALID, "note is empty, and update 3 gives no status"},
			{"UpdateFieldOnEvidence", rtp.NewAmendment{EvidenceID: e.ID, Status: ptr(rtp.StatusPartial)}, rtp.EINVALID, "status is a field of an update"},
		} {
			c.na.By = "t"
			_, err := s.Amend(ctx, c.na)
			if rtp.ErrorCode(err) != c.code || err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("%s: %v (%s), want %s containing %q", c.name, err, rtp.ErrorCode(err), c.code, c.msg)
			}
		}
		if after := mustExport(t, s); after != before {
			t.Errorf("a refused amendment changed the tracker")
		}
	})
}

// A tracker whose retracted update still has evidence counting fails db
// check, unless the update was amended.
func TestCheckFlagsEvidenceOfARetractedUpdate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustCreate(t)
	u, err := s.AddUpdate(ctx, rtp.NewUpdate{RecommendationID: "upr", Status: rtp.StatusInProgress, AsOf: "2019-06-10", By: "t",
		Evidence: []rtp.NewEvidence{{RecommendationID: "upr", Ref: "A/1", By: "t"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Amend(ctx, rtp.NewAmendment{UpdateID: u.ID, Note: ptr("n"), By: "t"}); err != nil {
		t.Fatal(err)
	}
	mustSound(t, s)
	// Behind rtp's back: retract the amendment without its evidence.
	db, err := sqlOpen(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO retractions (uid, update_id, reason, as_of, by, recorded_at) VALUES ('behindthebackuid', 2, 'x', '2026-11-29', 't', '2026-11-29T12:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	report, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := "the evidence of a retracted update is retracted with it: evidence 1 still counts, but the update 2 it supports is retracted"
	found := false
	for _, p := range report.Problems {
		found = found || p == want
	}
	if !found {
		t.Errorf("problems = %q, want %q among them", report.Problems, want)
	}
}

// A merged amendment of an update the tracker had is held to the rules the
// export checker holds one file to: the same recommendation, retracted.
func TestMergeAmendmentOfAHeldUpdate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	at := "2026-11-29T12:00:00Z"
	for _, c := range []struct {
		name, rec string
		retract   bool
		want      string
	}{
		{"OK", "upr", true, ""},
		{"OfAnotherRecommendation", "ga-agenda", true, "which belongs to upr, not ga-agenda"},
		{"NotRetracted", "upr", false, "which no retraction retracts"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := mustCreate(t)
			mustUpdate(t, s, "upr", rtp.StatusStalled, "2019-01-01")
			held, err := s.Export(ctx)
			if err != nil {
				t.Fatal(err)
			}
			original := held.Updates[0].UID
			exp := rtp.Export{Format: rtp.ExportFormat, Version: rtp.ExportVersion,
				Updates: []rtp.ExportUpdate{{UID: "amendmentuid1", RecommendationID: c.rec, Status: rtp.StatusPartial,
					AsOf: "2019-01-01", By: "x", RecordedAt: at, Amends: original}}}
			if c.retract {
				exp.Retractions = []rtp.ExportRetraction{{UID: "retractionuid1", Update: original, Reason: "amended", AsOf: "2019-01-01", By: "x", RecordedAt: at}}
			}
			before := mustExport(t, s)
			_, err = s.Merge(ctx, rtp.BatchOrigin{Source: "f.json", By: "x"}, exp, nil)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("merge: %v", err)
			case c.want == "":
				mustSound(t, s)
				if it, err := s.Item(ctx, "upr", "2026-11-29"); err != nil || it.Status != rtp.StatusPartial {
					t.Errorf("upr = %+v (%v), want partial", it, err)
				}
			case err == nil || !strings.Contains(err.Error(), c.want):
				t.Fatalf("merge: %v, want %q", err, c.want)
			case mustExport(t, s) != before:
				t.Errorf("a refused merge changed the tracker")
			}
		})
	}
}
