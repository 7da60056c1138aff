package cli

import (
	"errors"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rtp-tracker/rtp"
)

// asRecordedUsage is the --as-recorded flag's help, the same on every
// command that has it.
const asRecordedUsage = "as the tracker said it then: a date (its end, UTC) or an RFC 3339 time"

// addAsRecordedFlag declares --as-recorded on a reading command.
func addAsRecordedFlag(f *pflag.FlagSet, value *string) {
	f.StringVar(value, "as-recorded", "", asRecordedUsage)
}

// asRecorded reads --as-recorded: the zero Moment (as known now) when it
// was not given. A moment in the future is refused here; one before the
// tracker existed, by the tracker.
func (a *App) asRecorded(cmd *cobra.Command, value string) (rtp.Moment, error) {
	if !cmd.Flags().Changed("as-recorded") {
		return "", nil
	}
	return rtp.ParseMoment("--as-recorded", value, a.Now())
}

// asTyped names, in an error about --as-recorded, the value as the user
// typed it: the store checks the moment worked out from it (a date's end,
// a time in UTC), which the user never wrote.
func asTyped(cmd *cobra.Command, err error) error {
	var e *rtp.Error
	if cmd == nil || !errors.As(err, &e) || e.Field != "as_recorded" || !cmd.Flags().Changed("as-recorded") {
		return err
	}
	typed := *e
	typed.Value = cmd.Flags().Lookup("as-recorded").Value.String()
	return &typed
}
