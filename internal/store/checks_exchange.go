package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// Recurring checks in exports and merges. A merge adds the checks, answers
// and retractions of answers that the tracker lacks, by uid, and refuses a
// check whose ID this tracker gave to another check: the answers of the
// two could not be told apart. Entries keep their recorded_at; a merge of
// the same entries in any order gives the same history.

const (
	exportChecksSQL = `SELECT id, uid, recommendation_id, question, every, due, first_period, by, recorded_at FROM checks
		WHERE received_at <= :known_at ORDER BY recorded_at, uid`
	exportCheckAnswersSQL = `SELECT a.uid, a.check_id, a.period, a.answer, a.note, a.evidence, a.as_of, a.by, a.recorded_at, COALESCE(o.uid, '')
		FROM check_answers a LEFT JOIN check_answers o ON o.id = a.amends
		WHERE a.received_at <= :known_at ORDER BY a.recorded_at, a.uid`
	exportCheckRetractionsSQL = `SELECT x.uid, a.uid, x.reason, x.as_of, x.by, x.recorded_at
		FROM check_answer_retractions x JOIN check_answers a ON a.id = x.answer_id
		WHERE x.received_at <= :known_at ORDER BY x.recorded_at, x.uid`
)

// exportChecks streams the checks to v, if it takes them.
func exportChecks(ctx context.Context, tx *sql.Tx, at sql.NamedArg, v rtp.ExportVisitor) error {
	cv, ok := v.(rtp.CheckExportVisitor)
	if !ok {
		return nil
	}
	err := scanAll(ctx, tx, exportChecksSQL, func(rows *sql.Rows) error {
		var c rtp.ExportCheck
		if err := rows.Scan(&c.ID, &c.UID, &c.RecommendationID, &c.Question, &c.Every, &c.Due, &c.From, &c.By, &c.RecordedAt); err != nil {
			return err
		}
		return cv.Check(c)
	}, at)
	if err != nil {
		return err
	}
	err = scanAll(ctx, tx, exportCheckAnswersSQL, func(rows *sql.Rows) error {
		var a rtp.ExportCheckAnswer
		if err := rows.Scan(&a.UID, &a.Check, &a.Period, &a.Answer, &a.Note, &a.Evidence, &a.AsOf, &a.By, &a.RecordedAt, &a.Amends); err != nil {
			return err
		}
		return cv.CheckAnswer(a)
	}, at)
	if err != nil {
		return err
	}
	return scanAll(ctx, tx, exportCheckRetractionsSQL, func(rows *sql.Rows) error {
		var x rtp.ExportCheckRetraction
		if err := rows.Scan(&x.UID, &x.Answer, &x.Reason, &x.AsOf, &x.By, &x.RecordedAt); err != nil {
			return err
		}
		return cv.CheckRetraction(x)
	}, at)
}

// mergeChecks adds what exp holds of checks and the tracker lacks, as part
// of batch b, after checking it whole.
func mergeChecks(ctx context.Context, tx *sql.Tx, b *batch, exp rtp.Export, today rtp.Date, res *rtp.MergeResult) error {
	if len(exp.Checks)+len(exp.CheckAnswers)+len(exp.CheckRetractions) == 0 {
		return nil
	}
	checks, err := readChecks(ctx, tx, Query("checks"), sql.Named("known_at", rtp.Moment("").KnownAt()))
	if err != nil {
		return err
	}
	known := map[string]rtp.Check{}
	for _, c := range checks {
		known[c.ID] = c
	}
	answerIDs, err := uidMap(ctx, tx, "check_answers")
	if err != nil {
		return err
	}
	knownAnswers := map[string]bool{}
	for uid := range answerIDs {
		knownAnswers[uid] = true
	}
	if err := exp.CheckProblems(today, known, knownAnswers); err != nil {
		return err
	}
	// The batch is written with the first entry added, not before: a
	// merge that adds nothing leaves none.
	batchID := func() (any, error) { return b.idFor(ctx, tx) }
	for _, c := range exp.Checks {
		if here, ok := known[c.ID]; ok {
			if here.UID != c.UID {
				return rtp.Errorf(rtp.ECONFLICT, "check %s (uid %s) was added separately here (uid %s): the answers of the two cannot be told apart; nothing was merged", c.ID, c.UID, here.UID)
			}
			res.AlreadyPresent++
			continue
		}
		bid, err := batchID()
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO checks (id, uid, recommendation_id, question, every, due, first_period, by, recorded_at, received_at, batch_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, `+stampNow+`, ?)`, c.ID, c.UID, c.RecommendationID, c.Question, string(c.Every), c.Due, c.From, c.By, c.RecordedAt, bid)
		if err != nil {
			return mergeError("check", c.UID, err)
		}
		res.CheckEntries++
	}
	// An amendment names the answer it corrects, which must be there
	// first: answers whose original is still to come wait for the next pass.
	pending := exp.CheckAnswers
	for len(pending) > 0 {
		var later []rtp.ExportCheckAnswer
		for _, a := range pending {
			if _, ok := answerIDs[a.UID]; ok {
				res.AlreadyPresent++
				continue
			}
			var amends any
			if a.Amends != "" {
				id, ok := answerIDs[a.Amends]
				if !ok {
					later = append(later, a)
					continue
				}
				amends = id
			}
			bid, err := batchID()
			if err != nil {
				return err
			}
			var id int64
			err = tx.QueryRowContext(ctx, `INSERT INTO check_answers (uid, check_id, period, answer, note, evidence, as_of, by, recorded_at, received_at, batch_id, amends)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, `+stampNow+`, ?, ?) RETURNING id`,
				a.UID, a.Check, a.Period, string(a.Answer), a.Note, a.Evidence, a.AsOf, a.By, a.RecordedAt, bid, amends).Scan(&id)
			if err != nil {
				return mergeError("check answer", a.UID, err)
			}
			answerIDs[a.UID] = id
			res.CheckEntries++
		}
		if len(later) == len(pending) {
			return rtp.Errorf(rtp.EINVALID, "check answer %s amends %s, which amends it in turn: nothing was merged", later[0].UID, later[0].Amends)
		}
		pending = later
	}
	retracted, err := uidSet(ctx, tx, "check_answer_retractions")
	if err != nil {
		return err
	}
	for _, x := range exp.CheckRetractions {
		if retracted[x.UID] {
			res.AlreadyPresent++
			continue
		}
		bid, err := batchID()
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO check_answer_retractions (uid, answer_id, reason, as_of, by, recorded_at, received_at, batch_id)
			VALUES (?, ?, ?, ?, ?, ?, `+stampNow+`, ?)`, x.UID, answerIDs[x.Answer], x.Reason, x.AsOf, x.By, x.RecordedAt, bid)
		if err != nil {
			return mergeError("check retraction", x.UID, err)
		}
		res.CheckEntries++
	}
	return nil
}

// checkEntryProblems checks every stored check, answer and retraction of
// an answer as a merge checks received ones: db check's rule for checks.
func checkEntryProblems(ctx context.Context, tx *sql.Tx, today rtp.Date) []string {
	c := &collector{}
	if err := exportChecks(ctx, tx, sql.Named("known_at", knownNow), c); err != nil {
		return []string{entriesRule + ": the checks could not be read: " + err.Error()}
	}
	var out []string
	for _, m := range rtp.Messages(c.exp.CheckProblems(today, nil, nil)) {
		out = append(out, entriesRule+": "+m)
	}
	return out
}

// refuseCheckEntries fails if the batch (a merge) recorded checks or their
// answers: rtp track retract --batch retracts updates and evidence only, and
// retracting part of a batch would leave it half undone.
func refuseCheckEntries(ctx context.Context, tx *sql.Tx, batch int64) error {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM checks WHERE batch_id = ?1) + (SELECT count(*) FROM check_answers WHERE batch_id = ?1)
		+ (SELECT count(*) FROM check_answer_retractions WHERE batch_id = ?1)`, batch).Scan(&n)
	if err != nil || n == 0 {
		return err
	}
	return rtp.Errorf(rtp.ECONFLICT, "batch %d recorded %s, which rtp track retract --batch does not retract: nothing was retracted; retract its answers one by one with rtp check retract",
		batch, rtp.CountOf(n, "check record"))
}
