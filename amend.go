package rtp

// An amendment corrects an update or a piece of evidence without losing
// history: a new entry of the same kind and recommendation, with the fields
// given changed and the others copied, names the one it amends, and a
// retraction of that one is recorded with it. Every view then counts the
// new entry instead of the old, through the one retraction rule, while show
// and log keep the old one, marked as amended.

// DefaultAmendReason is the reason of the retraction an amendment records
// when none is given.
const DefaultAmendReason = "amended"

// NewAmendment is what `rtp track amend` asks the store to record: the
// update or the evidence (by ID) to correct, and the fields to change (nil:
// copied from the entry amended). Status and AsOf are an update's fields;
// Ref, Title and Date a piece of evidence's; Note is either's.
type NewAmendment struct {
	UpdateID   int64
	EvidenceID int64

	Status *Status
	AsOf   *Date
	Ref    *string
	Title  *string
	Date   *Date
	Note   *string

	Reason string // the retraction's; empty: DefaultAmendReason
	By     string
}

// Amended says what an amendment recorded: the recommendation, the kind of
// entry ("update" or "evidence"), the entry amended and its amendment.
type Amended struct {
	RecommendationID string
	Kind             string
	Original, New    int64
}

// Validate checks an amendment before it is recorded: it names one entry,
// changes at least one field, only fields of that kind of entry, each by
// the rules of the entry it records.
func (na NewAmendment) Validate(today Date) error {
	var p Problems
	if (na.UpdateID > 0) == (na.EvidenceID > 0) {
		p.add(Errorf(EINVALID, "an amendment names one update or one piece of evidence"))
	}
	type given struct {
		field string
		set   bool
	}
	if na.UpdateID > 0 {
		for _, f := range []given{{"ref", na.Ref != nil}, {"title", na.Title != nil}, {"date", na.Date != nil}} {
			if f.set {
				p.add(&Error{Code: EINVALID, Field: f.field, Problem: "is a field of evidence, not of an update", HideValue: true})
			}
		}
	}
	if na.EvidenceID > 0 {
		for _, f := range []given{{"status", na.Status != nil}, {"as_of", na.AsOf != nil}} {
			if f.set {
				p.add(&Error{Code: EINVALID, Field: f.field, Problem: "is a field of an update, not of evidence", HideValue: true})
			}
		}
	}
	if na.Status == nil && na.AsOf == nil && na.Ref == nil && na.Title == nil && na.Date == nil && na.Note == nil {
		p.add(Errorf(EINVALID, "nothing to amend: give at least one field to change"))
	}
	if na.Status != nil {
		p.add(checkStatus("status", string(*na.Status)))
	}
	if na.AsOf != nil {
		p.add(checkDate("as_of", *na.AsOf, today))
	}
	if na.Ref != nil {
		p.add(checkNewRef("ref", *na.Ref))
	}
	if na.Title != nil && *na.Title != "" {
		p.add(checkLine("title", *na.Title, MaxTitleBytes))
	}
	if na.Date != nil {
		p.add(checkDate("date", *na.Date, today))
	}
	if na.Note != nil {
		p.add(checkText("note", *na.Note, MaxNoteBytes))
	}
	if na.Reason != "" {
		p.add(checkLine("reason", na.Reason, MaxTitleBytes))
	}
	p.add(checkLine("by", na.By, MaxNameBytes))
	return p.err()
}

// ReasonOrDefault is the reason of the retraction the amendment records.
func (na NewAmendment) ReasonOrDefault() string {
	if na.Reason == "" {
		return DefaultAmendReason
	}
	return na.Reason
}
