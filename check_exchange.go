package rtp

import "fmt"

// Recurring checks in the exchange form: entries carry uids, never local
// numbers; an answer names its check by ID, a retraction its answer by uid.
// Exports without checks leave the three lists out, so that they stay as
// older rtp versions wrote them and read them.

// ExportCheck is a recurring check.
type ExportCheck struct {
	ID               string  `json:"id"`
	UID              string  `json:"uid"`
	RecommendationID string  `json:"recommendation"`
	Question         string  `json:"question"`
	Every            Cadence `json:"every"`
	Due              string  `json:"due"`
	From             string  `json:"from"`
	By               string  `json:"by"`
	RecordedAt       string  `json:"recorded_at"`
}

// ExportCheckAnswer is an answer to a check for one period.
type ExportCheckAnswer struct {
	UID        string `json:"uid"`
	Check      string `json:"check"` // the check's ID
	Period     string `json:"period"`
	Answer     Answer `json:"answer"`
	Note       string `json:"note,omitempty"`
	Evidence   string `json:"evidence,omitempty"`
	AsOf       Date   `json:"as_of"`
	By         string `json:"by"`
	RecordedAt string `json:"recorded_at"`
	Amends     string `json:"amends,omitempty"` // the uid of the answer it corrects
}

// ExportCheckRetraction retracts the answer with that uid.
type ExportCheckRetraction struct {
	UID        string `json:"uid"`
	Answer     string `json:"answer"`
	Reason     string `json:"reason"`
	AsOf       Date   `json:"as_of"`
	By         string `json:"by"`
	RecordedAt string `json:"recorded_at"`
}

// CheckExportVisitor receives the checks of a tracker being exported,
// after everything else: a visitor that does not implement it (an older
// one) exports none.
type CheckExportVisitor interface {
	Check(ExportCheck) error
	CheckAnswer(ExportCheckAnswer) error
	CheckRetraction(ExportCheckRetraction) error
}

// CheckProblems checks the checks of an export by the rules of the entries
// they record: each check's fields, each answer's (its period fitting its
// check, which the export or known holds), each retraction's; uids, and
// references to answers the export holds or known answers (knownAnswers).
func (exp Export) CheckProblems(today Date, known map[string]Check, knownAnswers map[string]bool) error {
	var p Problems
	checks := map[string]Check{}
	for id, c := range known {
		checks[id] = c
	}
	for i, ec := range exp.Checks {
		where := fmt.Sprintf("check %d (%s)", i+1, ec.ID)
		nc := NewCheck{ID: ec.ID, RecommendationID: ec.RecommendationID, Question: ec.Question, Every: ec.Every, Due: ec.Due, From: ec.From, By: ec.By}
		var q Problems
		q.add(checkUID("uid", ec.UID))
		q.add(checkRecordedAt("recorded_at", ec.RecordedAt))
		q = append(q, ProblemsOf(nc.Validate(today))...)
		p.addAt(where, q)
		checks[ec.ID] = Check{ID: ec.ID, UID: ec.UID, Every: ec.Every, Due: ec.Due, From: ec.From}
	}
	answers := map[string]bool{}
	for uid := range knownAnswers {
		answers[uid] = true
	}
	for _, ea := range exp.CheckAnswers {
		answers[ea.UID] = true
	}
	for i, ea := range exp.CheckAnswers {
		where := fmt.Sprintf("check answer %d (%s)", i+1, ea.UID)
		var q Problems
		q.add(checkUID("uid", ea.UID))
		q.add(checkRecordedAt("recorded_at", ea.RecordedAt))
		na := NewCheckAnswer{CheckID: ea.Check, Period: ea.Period, Answer: ea.Answer, Note: ea.Note, Evidence: ea.Evidence, AsOf: ea.AsOf, By: ea.By, recorded: true}
		if c, ok := checks[ea.Check]; ok {
			q = append(q, ProblemsOf(na.ValidateFor(c, today))...)
		} else {
			q = append(q, ProblemsOf(na.Validate(today))...)
			q.add(FieldError("check", ea.Check, "neither tracker has this check"))
		}
		if ea.Amends != "" && !answers[ea.Amends] {
			q.add(FieldError("amends", ea.Amends, "neither tracker has this answer"))
		}
		p.addAt(where, q)
	}
	for i, x := range exp.CheckRetractions {
		where := fmt.Sprintf("check retraction %d (%s)", i+1, x.UID)
		var q Problems
		q.add(checkUID("uid", x.UID))
		q.add(checkRecordedAt("recorded_at", x.RecordedAt))
		q = append(q, retractionProblems(x.Reason, x.AsOf, x.By, today)...)
		if !answers[x.Answer] {
			q.add(FieldError("answer", x.Answer, "neither tracker has this answer"))
		}
		p.addAt(where, q)
	}
	return p.err()
}

// Checks are never private: an export without private entries keeps them.

func (p *publicOnly) Check(c ExportCheck) error {
	if cv, ok := p.ExportVisitor.(CheckExportVisitor); ok {
		return cv.Check(c)
	}
	return nil
}

func (p *publicOnly) CheckAnswer(a ExportCheckAnswer) error {
	if cv, ok := p.ExportVisitor.(CheckExportVisitor); ok {
		return cv.CheckAnswer(a)
	}
	return nil
}

func (p *publicOnly) CheckRetraction(x ExportCheckRetraction) error {
	if cv, ok := p.ExportVisitor.(CheckExportVisitor); ok {
		return cv.CheckRetraction(x)
	}
	return nil
}
