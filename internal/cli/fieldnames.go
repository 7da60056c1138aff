package cli

import "github.com/rtp-tracker/rtp"

// flagOf names, for each field of an entry, the flag or argument that
// gives it, so that the domain's problems speak the command line's words.
// Who records an entry (by) is checked where the name is read (author),
// with the name of the flag or variable it came from.
var flagOf = map[string]string{
	"status": "--status", "note": "--note", "as_of": "--as-of", "date": "--date", "title": "--title",
	"role": "--role", "reason": "--reason", "evidence.ref": "--evidence", "ref": "REF", "owner": "owner name",
	"as_recorded": "--as-recorded", "actor": "--actor", "new_actor": "--new-actor", "words": "WORDS",
}

// invalid returns the first problem err holds, in the command line's
// words: a command reports one problem at a time.
func invalid(err error) error { return invalidIn(err, flagOf) }

// invalidIn is invalid with a command's own names for the fields
// (checkFlagOf, targetFlagOf).
func invalidIn(err error, flags map[string]string) error {
	if err == nil {
		return nil
	}
	return rtp.Relabel(rtp.ProblemsOf(err)[0], flags)
}
