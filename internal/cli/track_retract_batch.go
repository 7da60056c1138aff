package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

// retractBatch is `rtp track retract --batch ID`: one line for what was
// retracted, then one per recommendation it touched, with its state today.
func (a *App) retractBatch(cmd *cobra.Command, batch, reason, by string) error {
	var nb rtp.NewBatchRetraction
	var err error
	if nb.Batch, err = parseBatchID("--batch", batch); err != nil {
		return err
	}
	if !cmd.Flags().Changed("reason") {
		return rtp.Errorf(rtp.EINVALID, "give the --reason for the retraction: it stays in the history")
	}
	nb.Reason, nb.AsOf = reason, a.today()
	if nb.By, err = a.author(cmd, by); err != nil {
		return err
	}
	if err := invalid(nb.Validate(a.today())); err != nil {
		return err
	}
	s, err := a.openTracker(cmd.Context())
	if err != nil {
		return err
	}
	defer s.Close()
	done, err := s.RetractBatch(cmd.Context(), nb)
	if err != nil {
		return err
	}
	var what []string
	if n := len(done.Updates); n > 0 {
		what = append(what, fmt.Sprintf("%s (%s)", plural(n, "update"), joinIDs(done.Updates)))
	}
	if n := len(done.Evidence); n > 0 {
		what = append(what, fmt.Sprintf("%s (%s)", evidenceCount(n), joinIDs(done.Evidence)))
	}
	fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("batch %d (%s %s) retracted: %s", nb.Batch, done.Kind, done.Source, strings.Join(what, " and "))))
	for _, id := range done.Recommendations {
		d, err := s.Item(cmd.Context(), id, a.today())
		if err != nil {
			return err
		}
		state := string(d.Status)
		if d.AsOf != nil {
			state += " since " + string(*d.AsOf)
		}
		fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s: today it is %s", id, state)))
	}
	return nil
}
