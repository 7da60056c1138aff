package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

func (a *App) checkCommand() *cobra.Command {
	check := &cobra.Command{
		Use:   "check",
		Short: "Recurring checks: a question asked again every period",
		Long: `A recurring check is a question about a recommendation asked again every
period, such as "Is RtoP on the formal agenda of this GA session?". Each
period gets an answer (` + answerNames() + `); a period whose due day has passed
without one is missing.

Cadences and how their periods are written:
  year      2024
  session   72: a session of the UN General Assembly, which opens in
            September of year N+1945 (the 72nd in September 2017) and runs
            until the next opens
  quarter   2024-Q1
  month     2024-03

--due MM-DD is the day each period's answer is due: for a year, that day of
the year; for a session, the first such day once the session has opened
(09-30: September of the opening year; 06-30: June of the next); for a
quarter or a month, MM counts months from the period's first (01-15: the
15th of its first month; 04-15: of the month after a quarter ends).`,
		Example: `  rtp check add ga-agenda-session --rec ga-agenda --every session --due 09-30 --from 72 \
      --question "Is RtoP on the formal agenda of this GA session?"
  rtp check record ga-agenda-session --period 72 --answer yes --evidence A/72/251
  rtp check list --missing`,
	}
	check.AddCommand(a.checkAddCommand(), a.checkRecordCommand(), a.checkListCommand(), a.checkRetractCommand(), a.checkAmendCommand())
	return check
}

// checkFlagOf names the fields of checks and answers by their flags.
var checkFlagOf = map[string]string{
	"id": "ID", "recommendation": "--rec", "question": "--question", "every": "--every", "due": "--due",
	"from": "--from", "check": "CHECK", "period": "--period", "answer": "--answer", "note": "--note",
	"evidence": "--evidence", "as_of": "--as-of", "reason": "--reason",
}

// checkInvalid is invalid in the words of the check commands.
func checkInvalid(err error) error { return invalidIn(err, checkFlagOf) }

func answerNames() string { return strings.Join(names(rtp.Answers), ", ") }

func cadenceNames() string { return strings.Join(names(rtp.Cadences), "|") }

// openChecks opens the tracker as one that keeps checks.
func (a *App) openChecks(ctx context.Context) (rtp.Tracker, rtp.CheckKeeper, error) {
	s, err := a.openTracker(ctx)
	if err != nil {
		return nil, nil, err
	}
	keeper, ok := s.(rtp.CheckKeeper)
	if !ok {
		s.Close()
		return nil, nil, rtp.Errorf(rtp.EINTERNAL, "this tracker does not keep recurring checks")
	}
	return s, keeper, nil
}
