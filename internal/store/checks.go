package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rtp-tracker/rtp"
)

// Recurring checks (rtp.CheckKeeper): a check is defined once, its answers
// are appended, and a mistaken answer is retracted or amended, never changed.

var _ rtp.CheckKeeper = (*Store)(nil)

// AddCheck records a new check on an existing recommendation; its ID must be free.
func (s *Store) AddCheck(ctx context.Context, nc rtp.NewCheck) (c rtp.Check, err error) {
	if err := nc.Validate(rtp.DateOf(s.Now())); err != nil {
		return c, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM recommendations WHERE id = ?`, nc.RecommendationID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &rtp.Error{Code: rtp.ENOTFOUND, Err: rtp.ErrUnknownRecommendation,
				Message: fmt.Sprintf("there is no recommendation %q to check", nc.RecommendationID)}
		}
		if _, err := checkByID(ctx, tx, nc.ID); err == nil {
			return rtp.Errorf(rtp.ECONFLICT, "there is a check %s already: give the new one another ID", nc.ID)
		} else if rtp.ErrorCode(err) != rtp.ENOTFOUND {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO checks (id, uid, recommendation_id, question, every, due, first_period, by, recorded_at, received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, `+stampNow+`, `+stampNow+`)`,
			nc.ID, newUID(), nc.RecommendationID, nc.Question, string(nc.Every), nc.Due, nc.From, nc.By)
		if err != nil {
			return err
		}
		c, err = checkByID(ctx, tx, nc.ID)
		return err
	})
	return c, err
}

// RecordCheckAnswer appends an answer for one period of a check.
func (s *Store) RecordCheckAnswer(ctx context.Context, na rtp.NewCheckAnswer) (a rtp.CheckAnswer, err error) {
	today := rtp.DateOf(s.Now())
	if err := na.Validate(today); err != nil {
		return a, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		a, err = insertCheckAnswer(ctx, tx, na, 0, today)
		return err
	})
	return a, err
}

func insertCheckAnswer(ctx context.Context, tx *sql.Tx, na rtp.NewCheckAnswer, amends int64, today rtp.Date) (rtp.CheckAnswer, error) {
	c, err := checkByID(ctx, tx, na.CheckID)
	if err != nil {
		return rtp.CheckAnswer{}, err
	}
	if err := na.ValidateFor(c, today); err != nil {
		return rtp.CheckAnswer{}, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO check_answers (uid, check_id, period, answer, note, evidence, as_of, by, recorded_at, received_at, amends)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, `+stampNow+`, `+stampNow+`, ?) RETURNING id`,
		newUID(), na.CheckID, na.Period, string(na.Answer), na.Note, na.Evidence, na.AsOf, na.By, sql.NullInt64{Int64: amends, Valid: amends != 0}).Scan(&id)
	if err != nil {
		return rtp.CheckAnswer{}, err
	}
	return answerByID(ctx, tx, id)
}

// RetractCheckAnswer records that an answer was a mistake: it no longer
// counts for its period, on any day.
func (s *Store) RetractCheckAnswer(ctx context.Context, nr rtp.NewCheckRetraction) (a rtp.CheckAnswer, err error) {
	if err := nr.Validate(rtp.DateOf(s.Now())); err != nil {
		return a, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if a, err = answerToCorrect(ctx, tx, nr.AnswerID, "retract"); err != nil {
			return err
		}
		return insertAnswerRetraction(ctx, tx, a.ID, nr.Reason, nr.AsOf, nr.By)
	})
	return a, err
}

// AmendCheckAnswer records the answer corrected and retracts the old one,
// in one transaction.
func (s *Store) AmendCheckAnswer(ctx context.Context, na rtp.NewCheckAmendment) (old, amended rtp.CheckAnswer, err error) {
	today := rtp.DateOf(s.Now())
	if err := na.Validate(today); err != nil {
		return old, amended, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if old, err = answerToCorrect(ctx, tx, na.AnswerID, "amend"); err != nil {
			return err
		}
		n := na.Apply(old)
		if n.Period == old.Period && n.Answer == old.Answer && n.Note == old.Note && n.Evidence == old.Evidence && n.AsOf == old.AsOf {
			return rtp.Errorf(rtp.EINVALID, "nothing to amend: answer %d already says that", old.ID)
		}
		if err := n.Validate(today); err != nil {
			return err
		}
		if amended, err = insertCheckAnswer(ctx, tx, n, old.ID, today); err != nil {
			return err
		}
		reason := na.Reason
		if reason == "" {
			reason = rtp.DefaultAmendReason
		}
		return insertAnswerRetraction(ctx, tx, old.ID, reason, today, na.By)
	})
	return old, amended, err
}

// answerToCorrect returns an answer that may be retracted or amended: one
// that exists, is not retracted, and was not amended (its amendment is the
// one to correct).
func answerToCorrect(ctx context.Context, tx *sql.Tx, id int64, verb string) (rtp.CheckAnswer, error) {
	a, err := answerByID(ctx, tx, id)
	if err != nil {
		return a, err
	}
	var next int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM check_answers WHERE amends = ? ORDER BY recorded_at DESC, uid DESC LIMIT 1`, id).Scan(&next)
	if err == nil {
		return a, rtp.Errorf(rtp.ECONFLICT, "answer %d was amended by answer %d: %s %d instead", id, next, verb, next)
	}
	if err != sql.ErrNoRows {
		return a, err
	}
	if a.Retracted != nil {
		return a, rtp.Errorf(rtp.ECONFLICT, "answer %d was already retracted on %s by %s (%q): nothing changed", id, a.Retracted.AsOf, a.Retracted.By, a.Retracted.Reason)
	}
	return a, nil
}

func insertAnswerRetraction(ctx context.Context, tx *sql.Tx, id int64, reason string, asOf rtp.Date, by string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO check_answer_retractions (uid, answer_id, reason, as_of, by, recorded_at, received_at)
		VALUES (?, ?, ?, ?, ?, `+stampNow+`, `+stampNow+`)`, newUID(), id, reason, asOf, by)
	return err
}

// Checks returns every check and every answer, retracted ones marked, as
// known at moment known.
func (s *Store) Checks(ctx context.Context, known rtp.Moment) (checks []rtp.Check, answers []rtp.CheckAnswer, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		// A moment before the tracker existed is refused, as by every read.
		knownAtMoment, err := knownAt(ctx, tx, known)
		if err != nil {
			return err
		}
		at := sql.Named("known_at", knownAtMoment)
		if checks, err = readChecks(ctx, tx, Query("checks"), at); err != nil {
			return err
		}
		answers, err = readAnswers(ctx, tx, Query("check_answers"), at)
		return err
	})
	return checks, answers, err
}

func checkByID(ctx context.Context, tx *sql.Tx, id string) (rtp.Check, error) {
	checks, err := readChecks(ctx, tx, `SELECT * FROM (`+Query("checks")+`) c WHERE c.id = :id`,
		sql.Named("id", id), sql.Named("known_at", rtp.Moment("").KnownAt()))
	if err != nil {
		return rtp.Check{}, err
	}
	if len(checks) == 0 {
		ids, err := column(ctx, tx, `SELECT id FROM checks ORDER BY id`)
		if err != nil {
			return rtp.Check{}, err
		}
		if best := rtp.Suggest(id, ids); best != "" {
			return rtp.Check{}, rtp.Errorf(rtp.ENOTFOUND, "there is no check %q (did you mean %s?); rtp check list shows the checks", id, best)
		}
		return rtp.Check{}, rtp.Errorf(rtp.ENOTFOUND, "there is no check %q (rtp check list shows the checks)", id)
	}
	return checks[0], nil
}

func answerByID(ctx context.Context, tx *sql.Tx, id int64) (rtp.CheckAnswer, error) {
	answers, err := readAnswers(ctx, tx, `SELECT * FROM (`+Query("check_answers")+`) a WHERE a.id = :id`,
		sql.Named("id", id), sql.Named("known_at", rtp.Moment("").KnownAt()))
	if err != nil {
		return rtp.CheckAnswer{}, err
	}
	if len(answers) == 0 {
		return rtp.CheckAnswer{}, rtp.Errorf(rtp.ENOTFOUND, "there is no answer %d (rtp check list --format json shows their numbers)", id)
	}
	return answers[0], nil
}

func readChecks(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]rtp.Check, error) {
	var out []rtp.Check
	err := scanAll(ctx, tx, query, func(rows *sql.Rows) error {
		var c rtp.Check
		var every, recorded string
		if err := rows.Scan(&c.ID, &c.UID, &c.RecommendationID, &c.Question, &every, &c.Due, &c.From, &c.By, &recorded); err != nil {
			return err
		}
		c.Every = rtp.Cadence(every)
		var err error
		c.RecordedAt, err = parseTimestamp(recorded)
		out = append(out, c)
		return err
	}, args...)
	return out, err
}

func readAnswers(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]rtp.CheckAnswer, error) {
	var out []rtp.CheckAnswer
	err := scanAll(ctx, tx, query, func(rows *sql.Rows) error {
		var a rtp.CheckAnswer
		var answer, recorded string
		var rid sql.NullInt64
		var reason, rasOf, rby, rrecorded sql.NullString
		if err := rows.Scan(&a.ID, &a.UID, &a.CheckID, &a.Period, &answer, &a.Note, &a.Evidence, &a.AsOf, &a.By, &recorded,
			&a.Amends, &rid, &reason, &rasOf, &rby, &rrecorded); err != nil {
			return err
		}
		a.Answer = rtp.Answer(answer)
		var err error
		if a.RecordedAt, err = parseTimestamp(recorded); err != nil {
			return err
		}
		a.Retracted, err = retraction(rid, reason, rasOf, rby, rrecorded)
		out = append(out, a)
		return err
	}, args...)
	return out, err
}
