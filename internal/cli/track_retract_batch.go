package cli

import (
	"context"
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
	nb.AsOf = a.today()
	if nb.Reason, nb.By, err = a.retractionReason(cmd, reason, by); err != nil {
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
		what = append(what, fmt.Sprintf("%s (%s)", rtp.CountOf(n, "update"), joinIDs(done.Updates)))
	}
	if n := len(done.Evidence); n > 0 {
		what = append(what, fmt.Sprintf("%s (%s)", evidenceCount(n), joinIDs(done.Evidence)))
	}
	fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("batch %d (%s %s) retracted: %s", nb.Batch, done.Kind, done.Source, strings.Join(what, " and "))))
	for _, id := range done.Recommendations {
		state, err := stateToday(cmd.Context(), s, id, a.today())
		if err != nil {
			return err
		}
		fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s: today it is %s", id, state)))
	}
	return nil
}

// retractionReason checks that a retraction gives its --reason, which stays
// in the history, and says who records it.
func (a *App) retractionReason(cmd *cobra.Command, reason, by string) (string, string, error) {
	if !cmd.Flags().Changed("reason") {
		return "", "", rtp.Errorf(rtp.EINVALID, "give the --reason for the retraction: it stays in the history")
	}
	author, err := a.author(cmd, by)
	return reason, author, err
}

// stateToday says a recommendation's status today, and since when.
func stateToday(ctx context.Context, s rtp.Reader, id string, today rtp.Date) (string, error) {
	it, err := s.Item(ctx, id, today)
	if err != nil {
		return "", err
	}
	return statusSince(it), nil
}

// statusSince is an item's status and the day since when it holds, if any
// (a recommendation never assessed has none).
func statusSince(it rtp.Item) string {
	if it.AsOf == nil {
		return string(it.Status)
	}
	return string(it.Status) + " since " + string(*it.AsOf)
}
