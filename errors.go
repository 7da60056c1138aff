package rtp

import (
	"errors"
	"fmt"
)

// Error codes say what kind of failure an error is, so that the command line
// can map each kind to an exit code in one place.
const (
	EINVALID  = "invalid"  // the user's input is not allowed: exit 2
	ENOTFOUND = "notfound" // a recommendation, owner or file does not exist
	ECONFLICT = "conflict" // the request clashes with what is stored
	EBUSY     = "busy"     // another process held the database too long
	EDATABASE = "database" // the tracker file cannot be used as it is
	EREADONLY = "readonly" // the tracker can be read but not written here
	EINTERNAL = "internal" // anything else
)

// Sentinels that an *Error can wrap (Err), so that a caller can tell these
// cases apart with errors.Is and add advice in its own words: the command
// line suggests `rtp init --db PATH`, a web view would not.
var (
	// ErrNoTracker: there is no tracker at the path given.
	ErrNoTracker = errors.New("no tracker")
	// ErrEmptyTracker: the file exists but holds nothing.
	ErrEmptyTracker = errors.New("empty tracker file")
	// ErrFileExists: a file to write exists and was not to be replaced.
	ErrFileExists = errors.New("file exists")
	// ErrUnknownRecommendation: nothing in the tracker answers to what was typed.
	ErrUnknownRecommendation = errors.New("unknown recommendation")
	// ErrUnknownEntry: no update or evidence has the number given.
	ErrUnknownEntry = errors.New("unknown entry")
)

// Error is a failure the user can act on: Message is shown as it is, on
// one line, and Details, such as every bad row of an import, one per line
// after it.
//
// An error about one input value is a field error: Field names the input in
// the domain's words ("status", "as_of", "by"), Value is what was given and
// Problem what is wrong with it and what is allowed. Its message is
// composed from them, so that each way in can name the field in its own
// words with Relabel: a flag (--as-of), a spreadsheet column, a field of an
// export.
type Error struct {
	Code    string
	Message string
	Details []string

	Field   string
	Value   string
	Problem string
	// HideValue leaves the value out of the message, "<field> <problem>",
	// when it is too long, unreadable or empty to be worth repeating.
	HideValue bool
	// Hint, if any, follows the value: (did you mean "implemented"?).
	Hint string

	// Err is a sentinel this error is an instance of, such as ErrNoTracker.
	Err error
}

func (e *Error) Error() string {
	switch {
	case e.Field == "":
		return e.Message
	case e.HideValue:
		return e.Field + " " + e.Problem
	case e.Problem == "":
		return fmt.Sprintf("invalid %s %q", e.Field, e.Value)
	case e.Hint != "":
		return fmt.Sprintf("invalid %s %q %s: %s", e.Field, e.Value, e.Hint, e.Problem)
	default:
		return fmt.Sprintf("invalid %s %q: %s", e.Field, e.Value, e.Problem)
	}
}

// Unwrap returns the sentinel the error is an instance of, if any.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error about one input value: field in the
// domain's words, the value given, and what is wrong and what is allowed.
func FieldError(field, value, problem string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Value: value, Problem: fmt.Sprintf(problem, args...)}
}

// FieldProblem is a FieldError whose message names the field but leaves
// the value out, "<field> <problem>": for a note too long to repeat, text
// that is not UTF-8, or an empty value.
func FieldProblem(field, value, problem string, args ...any) *Error {
	e := FieldError(field, value, problem, args...)
	e.HideValue = true
	return e
}

// Relabel returns err with the field of a field error renamed by names
// (domain name to the caller's, e.g. "as_of" to "--as-of"); other errors,
// and fields names does not list, are returned as they are.
func Relabel(err error, names map[string]string) error {
	var e *Error
	if !errors.As(err, &e) || e.Field == "" {
		return err
	}
	label, ok := names[e.Field]
	if !ok {
		return err
	}
	relabelled := *e
	relabelled.Field = label
	return &relabelled
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}
