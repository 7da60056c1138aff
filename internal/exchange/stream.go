package exchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/rtp-tracker/rtp"
)

// errTooManyProblems stops reading a file that has shown enough problems.
var errTooManyProblems = errors.New("too many problems")

// decodeEntries decodes an export one entry at a time, giving each to c as
// it comes, and stops once c has found more problems than are listed: the
// rest of a hostile file is never decoded. Unless keep is set, entries are
// checked and dropped: the export returned holds only its format, version
// and sources, and a file is refused holding no more of it than c does.
func decodeEntries(dec *json.Decoder, c *rtp.ExportChecker, keep bool) (rtp.Export, error) {
	dec.DisallowUnknownFields()
	var exp rtp.Export
	if err := expect(dec, json.Delim('{')); err != nil {
		return exp, err
	}
	for dec.More() {
		tok, err := token(dec)
		if err != nil {
			return exp, err
		}
		var key string
		switch k := tok.(type) {
		case string:
			key = k
		default:
			return exp, fmt.Errorf("unexpected %v where a key belongs", tok)
		}
		switch key {
		case "format":
			err = dec.Decode(&exp.Format)
		case "version":
			err = dec.Decode(&exp.Version)
		case "sources":
			err = each(dec, &exp.Sources, func(rtp.ExportSource) error { return nil }, nil)
			if err == nil {
				err = c.Sources(exp.Sources)
			}
		case "updates":
			err = each(dec, kept(keep, &exp.Updates), c.Update, c)
		case "assignments":
			err = each(dec, kept(keep, &exp.Assignments), c.Assignment, c)
		case "evidence":
			err = each(dec, kept(keep, &exp.Evidence), c.Evidence, c)
		case "retractions":
			err = each(dec, kept(keep, &exp.Retractions), c.Retraction, c)
		case "renames":
			err = each(dec, kept(keep, &exp.Renames), c.Rename, c)
		// Checks are checked whole when merged (Export.CheckProblems):
		// their rules need the receiving tracker's checks.
		case "checks":
			err = each(dec, kept(keep, &exp.Checks), uncheckedHere[rtp.ExportCheck], c)
		case "check_answers":
			err = each(dec, kept(keep, &exp.CheckAnswers), uncheckedHere[rtp.ExportCheckAnswer], c)
		case "check_retractions":
			err = each(dec, kept(keep, &exp.CheckRetractions), uncheckedHere[rtp.ExportCheckRetraction], c)
		default:
			err = fmt.Errorf("json: unknown field %q", key)
		}
		if err != nil {
			return exp, err
		}
	}
	if err := expect(dec, json.Delim('}')); err != nil {
		return exp, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return exp, errors.New("it goes on after the export's closing brace")
	}
	return exp, nil
}

func uncheckedHere[T any](T) error { return nil }

// kept is list when entries are kept, nil when they are dropped.
func kept[T any](keep bool, list *[]T) *[]T {
	if keep {
		return list
	}
	return nil
}

// each decodes a JSON array (or null) into list one element at a time,
// calling check on each, and stops once limit has found more problems than
// are listed. With a nil list, each element is checked and dropped.
func each[T any](dec *json.Decoder, list *[]T, check func(T) error, limit *rtp.ExportChecker) error {
	tok, err := token(dec)
	if err != nil || tok == nil {
		return err
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("a list was expected, not %v", tok)
	}
	if list != nil && *list == nil {
		*list = []T{}
	}
	for dec.More() {
		var v T
		if err := dec.Decode(&v); err != nil {
			return err
		}
		if list != nil {
			*list = append(*list, v)
		}
		if err := check(v); err != nil {
			return err
		}
		if limit != nil && limit.Len() > MaxProblems {
			return errTooManyProblems
		}
	}
	return expect(dec, json.Delim(']'))
}

func expect(dec *json.Decoder, want json.Delim) error {
	tok, err := token(dec)
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("%v was expected, not %v", want, tok)
	}
	return nil
}

// token reads a token; the end of the file in the middle of the export is
// an unexpected one.
func token(dec *json.Decoder) (json.Token, error) {
	tok, err := dec.Token()
	if err == io.EOF {
		return nil, io.ErrUnexpectedEOF
	}
	return tok, err
}
