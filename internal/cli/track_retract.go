package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

func (a *App) trackRetractCommand() *cobra.Command {
	var reason, evidence, batch, by string
	cmd := &cobra.Command{
		Use:   "retract UPDATE_ID --reason TEXT",
		Short: "Mark a mistaken update or evidence as retracted",
		Long: `Correct a mistake without losing history: a retraction is a new entry that
says an update (or, with --evidence, a piece of evidence) was wrong, and why.
The retracted entry no longer counts for the status or the evidence count on
any day, --as-of an earlier day included: it was a mistake whatever day it
spoke of. What the tracker said before the retraction is still there with
--as-recorded, and rtp track show keeps listing it, marked. Nothing is ever
deleted.

UPDATE_ID and EVIDENCE_ID are the numbers rtp track show prints.

--batch retracts, in one transaction, every update and piece of evidence that
one import or merge recorded (its number is printed by the import or merge,
and rtp log shows it), the evidence recorded with those updates included;
entries of it retracted before are left as they were. Owners cannot be
retracted: a batch that assigned owners is refused, naming them, and nothing
is retracted.`,
		Example: `  rtp track retract 7 --reason "Recorded against the wrong recommendation"
  rtp track retract --evidence 12 --reason "Wrong document symbol: it is A/72/884"
  rtp track retract --batch 3 --reason "Imported the 2019 sheet by mistake"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("batch") && cmd.Flags().Changed("evidence") {
				return rtp.Errorf(rtp.EINVALID, "give --batch or --evidence, not both")
			}
			if cmd.Flags().Changed("evidence") || cmd.Flags().Changed("batch") {
				return withArgs()(cmd, args)
			}
			return withArgs("UPDATE_ID")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("batch") {
				return a.retractBatch(cmd, batch, reason, by)
			}
			var nr rtp.NewRetraction
			var err error
			if cmd.Flags().Changed("evidence") {
				if nr.EvidenceID, err = parseEntryID("evidence ID", evidence); err != nil {
					return err
				}
			} else if nr.UpdateID, err = parseEntryID("update ID", args[0]); err != nil {
				return err
			}
			nr.AsOf = a.today()
			if nr.Reason, nr.By, err = a.retractionReason(cmd, reason, by); err != nil {
				return err
			}
			if err := invalid(nr.Validate(a.today())); err != nil {
				return err
			}
			s, err := a.openTracker(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			done, err := s.Retract(cmd.Context(), nr)
			if err != nil {
				return err
			}
			id := done.RecommendationID
			state, err := stateToday(cmd.Context(), s, id, a.today())
			if err != nil {
				return err
			}
			what := fmt.Sprintf("update %d", nr.UpdateID)
			if n := len(done.Evidence); n > 0 {
				what += fmt.Sprintf(" and the %s recorded with it (%s)", evidenceCount(n), joinIDs(done.Evidence))
			}
			if nr.EvidenceID != 0 {
				what = fmt.Sprintf("evidence %d", nr.EvidenceID)
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s: %s retracted; today it is %s", id, what, state)))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&reason, "reason", "", "why the entry was a mistake (required)")
	f.StringVar(&evidence, "evidence", "", "retract this evidence instead of an update")
	f.StringVar(&batch, "batch", "", "retract all that this import or merge recorded instead")
	f.StringVar(&by, "by", "", "who retracts it (default $RTP_AUTHOR, else your user name)")
	return cmd
}

var entryIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[1-9][0-9]{0,17}$`) })

// parseEntryID reads the number of an update or a piece of evidence.
func parseEntryID(label, s string) (int64, error) {
	if !entryIDPattern().MatchString(s) {
		return 0, rtp.Errorf(rtp.EINVALID, "invalid %s %q: use the number rtp track show prints, such as 7", label, s)
	}
	return strconv.ParseInt(s, 10, 64)
}

func evidenceCount(n int) string {
	if n == 1 {
		return "evidence"
	}
	return fmt.Sprintf("%d pieces of evidence", n)
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = "#" + strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ", ")
}
