// Package synth writes deterministic synthetic trackers, far larger than the
// memo, for the benchmarks: the same seed always gives the same tracker.
// They are written through the store, so they have rtp's schema and pass
// rtp db check.
package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/sources"
	"github.com/rtp-tracker/rtp/internal/store"
)

// Scale is the size of a synthetic tracker. Recommendations counts the
// memo's eight; Sources counts the memo.
type Scale struct {
	Name                                                     string
	Recommendations, Sources, Updates, Evidence, Assignments int
}

// The scales of the benchmarks.
var (
	Small = Scale{"1k", 1_000, 10, 10_000, 3_000, 1_500}
	Ten   = Scale{"10k", 10_000, 50, 100_000, 30_000, 15_000}
	Big   = Scale{"100k", 100_000, 50, 1_000_000, 300_000, 150_000}
)

// Seed is the fixed seed of every synthetic tracker.
const Seed = 20170907

var (
	statuses = []rtp.Status{rtp.StatusNotStarted, rtp.StatusInProgress, rtp.StatusPartial, rtp.StatusImplemented, rtp.StatusStalled, rtp.StatusRegressed}
	actors   = []string{"General Assembly", "Security Council", "Human Rights Council", "Member States", "Secretary-General", "Joint Office", "regional bodies", "civil society", "UN system", "international community"}
	themes   = []string{"early-warning", "gender", "upr", "accountability", "general-assembly", "international-law", "regional-bodies", "prevention", "civil-society", "capacity-building", "justice", "media"}
	people   = []string{"ICRtoP", "FES New York", "Stanley Center", "Global Centre", "Asia Pacific Centre", "Human Rights Watch", "Amnesty International", "Protection Approaches", "West Africa Network", "Citizens for Global Solutions"}
	verbs    = []string{"Raised at", "Discussed with", "Briefing to", "Statement at", "Follow-up meeting with", "Letter to", "Side event with", "Consultation with"}
	bodies   = []string{"the Joint Office", "the Human Rights Council", "the Third Committee", "the Group of Friends of RtoP", "the African Union", "the regional office", "the permanent mission", "the Special Adviser"}
	// Today is the day synthetic histories end on.
	Today = rtp.Date("2026-11-29")
)

// Generate creates a tracker at path (which must not exist) with the scale's
// history, in one transaction.
func Generate(ctx context.Context, path string, sc Scale) error {
	s, created, err := store.Create(ctx, path, store.Options{Seed: sources.Seed})
	if err != nil {
		return err
	}
	defer s.Close()
	if !created {
		return fmt.Errorf("%s already exists", path)
	}
	rng := rand.New(rand.NewPCG(Seed, uint64(sc.Recommendations)))
	synthetic := sc.Recommendations - len(sources.Memo2017().Recommendations)
	ids := make([]string, 0, sc.Recommendations)
	made := make([]time.Time, 0, sc.Recommendations)
	for _, r := range sources.Memo2017().Recommendations {
		ids = append(ids, r.ID)
		made = append(made, time.Date(2017, 9, 7, 0, 0, 0, 0, time.UTC))
	}
	uid := 0
	next := func() string { uid++; return fmt.Sprintf("synth%011d", uid) }
	end := Today.Time()
	return s.Load(ctx, func(l *store.Loader) error {
		docs := sc.Sources - 1
		for d := range docs {
			date := time.Date(2017, 10, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d*700/max(docs, 1))
			doc := sources.Document{Source: rtp.Source{ID: fmt.Sprintf("synthetic-%02d", d+1), Kind: "Synthetic report",
				Title: fmt.Sprintf("Synthetic report %d on the responsibility to protect", d+1), Date: rtp.DateOf(date),
				Organisers: []string{people[d%len(people)]}, Description: "Generated for the benchmarks."}}
			count := synthetic / docs
			if d < synthetic%docs {
				count++
			}
			for n := 1; n <= count; n++ {
				id := fmt.Sprintf("s%02d-r%05d", d+1, n)
				doc.Recommendations = append(doc.Recommendations, rtp.Recommendation{ID: id, Number: n,
					Section: fmt.Sprintf("Part %d", 1+n/500), Title: fmt.Sprintf("Synthetic recommendation %d of report %d", n, d+1),
					Heading: fmt.Sprintf("Recommendation %d of synthetic report %d.", n, d+1),
					Text:    "States and the United Nations should strengthen prevention, accountability and early warning, and report on the steps taken.",
					Actors:  []string{actors[rng.IntN(len(actors))], actors[rng.IntN(len(actors))]},
					Themes:  []string{themes[rng.IntN(len(themes))], themes[rng.IntN(len(themes))]}})
				ids = append(ids, id)
				made = append(made, date)
			}
			if err := l.Source(doc); err != nil {
				return err
			}
		}
		// Updates: spread over the recommendations, each dated between the
		// source's date and today, recorded a few days after.
		day := func(from time.Time) time.Time {
			span := int(end.Sub(from).Hours() / 24)
			return from.AddDate(0, 0, rng.IntN(max(span, 1)))
		}
		recorded := func(asOf time.Time) string {
			t := asOf.AddDate(0, 0, rng.IntN(10)).Add(time.Duration(rng.IntN(86400)) * time.Second)
			if t.After(end) {
				t = end
			}
			return t.UTC().Format(time.RFC3339)
		}
		evidenceLeft := sc.Evidence
		for i := range sc.Updates {
			r := i % len(ids)
			asOf := day(made[r])
			u := rtp.ExportUpdate{UID: next(), RecommendationID: ids[r], Status: statuses[rng.IntN(len(statuses))],
				Note: fmt.Sprintf("%s %s, %s.", verbs[rng.IntN(len(verbs))], bodies[rng.IntN(len(bodies))], asOf.Format("January 2006")),
				AsOf: rtp.DateOf(asOf), By: people[rng.IntN(len(people))], RecordedAt: recorded(asOf)}
			id, err := l.Update(u)
			if err != nil {
				return err
			}
			// A share of the updates cite evidence, as the real ones do.
			if evidenceLeft > 0 && rng.IntN(sc.Updates) < sc.Evidence*4/5 {
				evidenceLeft--
				if _, err := l.Evidence(evidence(next(), u.RecommendationID, u.AsOf, u.By, u.RecordedAt, rng), id); err != nil {
					return err
				}
			}
		}
		for ; evidenceLeft > 0; evidenceLeft-- {
			r := rng.IntN(len(ids))
			date := day(made[r])
			if _, err := l.Evidence(evidence(next(), ids[r], rtp.DateOf(date), people[rng.IntN(len(people))], recorded(date), rng), 0); err != nil {
				return err
			}
		}
		for i := range sc.Assignments {
			r := i % len(ids)
			if i >= len(ids) {
				r = rng.IntN(len(ids))
			}
			date := day(made[r])
			a := rtp.ExportAssignment{UID: next(), RecommendationID: ids[r], Owner: people[rng.IntN(len(people))], Action: "assign",
				Role: rtp.Roles[rng.IntN(len(rtp.Roles))], AsOf: rtp.DateOf(date), By: people[rng.IntN(len(people))], RecordedAt: recorded(date)}
			if err := l.Assignment(a); err != nil {
				return err
			}
		}
		return nil
	})
}

func evidence(uid, rec string, date rtp.Date, by, recorded string, rng *rand.Rand) rtp.ExportEvidence {
	ref := fmt.Sprintf("A/%d/%d", 72+rng.IntN(9), 100+rng.IntN(900))
	if rng.IntN(3) == 0 {
		ref = fmt.Sprintf("https://www.example.org/rtp/%s/%d", rec, rng.IntN(100000))
	}
	return rtp.ExportEvidence{UID: uid, RecommendationID: rec, Ref: ref, Date: date, By: by, RecordedAt: recorded, Private: rng.IntN(10) == 0}
}
