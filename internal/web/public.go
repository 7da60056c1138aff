package web

import "github.com/rtp-tracker/rtp"

// publicDetail leaves out of a recommendation's history what reports leave
// out without --include-private: a private update keeps its status and date
// (its status counts) but loses its author, its note, its evidence, the
// reason and author of its retraction and the author of its amendment, as a
// report's changes do; a private note on its own (a note-only update)
// and private evidence are left out whole, who wrote them and when included. The count of
// evidence is then that of what is left, as a report's is, and so is the
// date of the last update.
func publicDetail(d rtp.Detail, asOf rtp.Date) rtp.Detail {
	updates := make([]rtp.Update, 0, len(d.Updates))
	leftOut := false
	for _, u := range d.Updates {
		if u.Private && u.NoteOnly {
			leftOut = true
			continue
		}
		if u.Private {
			u.By, u.Note, u.Evidence = "", "", []rtp.Evidence{}
			if u.Retracted != nil {
				x := *u.Retracted
				x.Reason, x.By = "", ""
				u.Retracted = &x
			}
			if u.AmendedBy != nil {
				a := *u.AmendedBy
				a.By = ""
				u.AmendedBy = &a
			}
		} else {
			u.Evidence = publicEvidence(u.Evidence)
		}
		updates = append(updates, u)
	}
	d.Updates = updates
	if leftOut {
		d.LastUpdate = lastUpdateOn(updates, asOf)
	}
	d.Evidence = publicEvidence(d.Evidence)
	d.EvidenceCount = documentsOn(d, asOf)
	return d
}

// publicEvidence keeps the evidence that is not private.
func publicEvidence(list []rtp.Evidence) []rtp.Evidence {
	kept := make([]rtp.Evidence, 0, len(list))
	for _, e := range list {
		if !e.Private {
			kept = append(kept, e)
		}
	}
	return kept
}

// documentsOn counts as the store does (rtp.StateOn) the evidence d still
// holds: the documents cited by the evidence dated by asOf and not
// retracted (a retraction reaches every day), each document once however
// it was recorded (rtp.DocumentKey).
func documentsOn(d rtp.Detail, asOf rtp.Date) int {
	documents := map[string]bool{}
	add := func(list []rtp.Evidence) {
		for _, e := range list {
			if e.Date <= asOf && e.Retracted == nil {
				documents[rtp.DocumentKey(e.Ref)] = true
			}
		}
	}
	add(d.Evidence)
	for _, u := range d.Updates {
		add(u.Evidence)
	}
	return len(documents)
}

// lastUpdateOn is the as-of date of the latest of updates that counts on
// asOf (rtp.StateOn: dated by then and not retracted), nil if none.
func lastUpdateOn(updates []rtp.Update, asOf rtp.Date) *rtp.Date {
	var last *rtp.Date
	for _, u := range updates {
		if u.AsOf <= asOf && u.Retracted == nil && (last == nil || u.AsOf > *last) {
			day := u.AsOf
			last = &day
		}
	}
	return last
}
