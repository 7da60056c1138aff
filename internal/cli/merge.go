package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/exchange"
)

func (a *App) mergeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "merge FILE",
		Short: "Add what another member's export or tracker holds and this lacks",
		Long: `Merge another coalition member's tracker into this one: FILE is what
rtp export wrote, or their tracker file itself. What this tracker lacks is
added (sources, recommendations, updates, owners, evidence, retractions);
what it has is recognised by its unique ID and left alone, so merging twice,
or merging two trackers into each other in either order, gives the same
history. Nothing is lost or duplicated.

Where the two trackers hold different latest statuses for a recommendation,
both updates are kept (the one with the later date counts) and the
divergence is listed, so that the members can talk.

FILE is checked whole before anything is written: a malformed or hostile file
is refused with its problems listed, and a tracker file must pass
rtp db check. The merge is one transaction: all of it, or none.`,
		Example: `  rtp merge fes-tracker-export.json
  rtp merge ~/Downloads/global-centre.db`,
		Args: withArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			exp, err := exchange.Read(cmd.Context(), args[0], a.today(), a.openOtherTracker)
			if err != nil {
				return err
			}
			author, err := a.author(cmd, "")
			if err != nil {
				return err
			}
			s, err := a.openTracker(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			bar := a.progress("rtp: merging")
			res, err := s.Merge(cmd.Context(), rtp.BatchOrigin{Source: args[0], By: author}, exp, bar.update)
			bar.done()
			var problems rtp.Problems
			if errors.As(err, &problems) {
				return exchange.Refuse(args[0], problems)
			}
			if err != nil {
				return err
			}
			for _, d := range res.Divergences {
				fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("diverged: %s is %s as of %s (%s) here, %s as of %s (%s) in %s; both kept",
					d.RecommendationID, d.Here.Status, d.Here.AsOf, d.Here.By, d.There.Status, d.There.AsOf, d.There.By, args[0])))
			}
			for _, n := range res.Notes {
				fmt.Fprintln(a.Stdout, oneLine("note: "+n))
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("merged %s: %s; %d entries were already here", args[0], added(res), res.AlreadyPresent)))
			fmt.Fprintln(a.Stdout, batchLine(res.Batch))
			return nil
		},
	}
}

func added(r rtp.MergeResult) string {
	var parts []string
	for _, p := range []struct {
		n    int
		noun string
	}{{r.Sources, "source"}, {r.Recommendations, "recommendation"}, {r.Updates, "update"},
		{r.Assignments, "assignment"}, {r.Evidence, "evidence"}, {r.Retractions, "retraction"}, {r.Renames, "owner rename"}, {r.CheckEntries, "check record"}, {r.Targets, "target"}} {
		if p.n > 0 {
			noun := p.noun
			if p.n > 1 && noun != "evidence" {
				noun += "s"
			}
			parts = append(parts, fmt.Sprintf("%d %s", p.n, noun))
		}
	}
	if len(parts) == 0 {
		return "nothing new"
	}
	text := "added " + strings.Join(parts, ", ")
	if r.Private > 0 {
		// A tracker file brings its private entries: say so, they are
		// someone's confidential notes now held here too.
		verb := "are"
		if r.Private == 1 {
			verb = "is"
		}
		text += fmt.Sprintf("; %d of the updates and evidence %s private", r.Private, verb)
	}
	return text
}
