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

// Error is a failure the user can act on: Message is shown as it is, on
// one line, and Details, such as every bad row of an import, one per line
// after it.
type Error struct {
	Code    string
	Message string
	Details []string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
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
