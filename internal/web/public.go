package web

import "github.com/rtp-tracker/rtp"

// publicDetail leaves out of a recommendation's history what reports leave
// out without --include-private: a private update keeps its status, date
// and author (its status counts) but loses its note, its evidence and the
// reason of its retraction; private evidence is left out whole. The count of
// evidence drops what was left out, as a report's does.
func publicDetail(d rtp.Detail, asOf rtp.Date) rtp.Detail {
	left := 0
	updates := make([]rtp.Update, 0, len(d.Updates))
	for _, u := range d.Updates {
		if u.Private {
			left += countsOn(u.Evidence, asOf)
			u.Note, u.Evidence = "", []rtp.Evidence{}
			if u.Retracted != nil {
				x := *u.Retracted
				x.Reason = ""
				u.Retracted = &x
			}
		} else {
			var n int
			u.Evidence, n = publicEvidence(u.Evidence, asOf)
			left += n
		}
		updates = append(updates, u)
	}
	var n int
	d.Updates = updates
	d.Evidence, n = publicEvidence(d.Evidence, asOf)
	d.EvidenceCount = max(0, d.EvidenceCount-left-n)
	return d
}

// publicEvidence keeps the evidence that is not private and says how many
// of those it left out counted.
func publicEvidence(list []rtp.Evidence, asOf rtp.Date) ([]rtp.Evidence, int) {
	kept := make([]rtp.Evidence, 0, len(list))
	var private []rtp.Evidence
	for _, e := range list {
		if e.Private {
			private = append(private, e)
		} else {
			kept = append(kept, e)
		}
	}
	return kept, countsOn(private, asOf)
}

// countsOn is how many pieces of evidence the count of asOf holds: dated
// by then and not retracted by then, as the store counts them.
func countsOn(list []rtp.Evidence, asOf rtp.Date) int {
	n := 0
	for _, e := range list {
		if e.Date <= asOf && (e.Retracted == nil || e.Retracted.AsOf > asOf) {
			n++
		}
	}
	return n
}
