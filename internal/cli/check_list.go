package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

func (a *App) checkListCommand() *cobra.Command {
	var format, asOf, asRecorded string
	var missing bool
	cmd := &cobra.Command{
		Use:   "list [--missing] [--as-of DAY] [--format FORMAT]",
		Short: "Show every check's answer for each period, and the periods missing",
		Long: `List, for every recurring check, each period from its first to the last one
due (and any later one already answered): its due day and its answer, or
"missing" when it is due and unanswered. --as-of DAY lists them as they stood
on that day: answers dated after it do not count, and periods not yet due
then are left out. --as-recorded lists them as the tracker said at an earlier
moment (a date, meaning the end of that day UTC, or an RFC 3339 time): checks,
answers and retractions it received later are left out. --missing lists only
the missing periods, and exits 1 when there is one (usable from cron).`,
		Example: `  rtp check list
  rtp check list --missing
  rtp check list --as-of 2020-12-31 --format csv
  rtp check list --as-of 2020-12-31 --as-recorded 2021-01-15`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := render.CheckFormat(format, render.ListFormats); err != nil {
				return err
			}
			day, err := a.dateFlag(cmd, "--as-of", asOf)
			if err != nil {
				return err
			}
			known, err := a.asRecorded(cmd, asRecorded)
			if err != nil {
				return err
			}
			s, _, err := a.openChecks(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			list, err := checksOn(cmd.Context(), s, day, known)
			if err != nil {
				return err
			}
			out, err := render.NewCheckWriter(a.Stdout, format, a.renderOptions())
			if err != nil {
				return err
			}
			rows := render.CheckRows(list, day, missing)
			for _, r := range rows {
				if err := out.Write(r); err != nil {
					return err
				}
			}
			if err := out.Close(); err != nil {
				return err
			}
			if missing && len(rows) > 0 {
				return &rtp.Error{Code: rtp.ECONFLICT, Message: rtp.CountOf(len(rows), "check period") + " due and unanswered"}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&missing, "missing", false, "only the periods due and unanswered (exit 1 if any)")
	f.StringVar(&asOf, "as-of", "", "list them as they stood on this day, YYYY-MM-DD (default today)")
	f.StringVar(&format, "format", "table", "output format: "+strings.Join(render.ListFormats, ", "))
	addAsRecordedFlag(f, &asRecorded)
	return cmd
}

// checksOn returns every check with its periods on day, for reports; none
// from a tracker that keeps no checks.
func checksOn(ctx context.Context, s rtp.Reader, day rtp.Date, known rtp.Moment) ([]rtp.CheckStatus, error) {
	keeper, ok := s.(rtp.CheckKeeper)
	if !ok {
		return nil, nil
	}
	checks, answers, err := keeper.Checks(ctx, known)
	if err != nil {
		return nil, err
	}
	var list []rtp.CheckStatus
	for _, c := range checks {
		list = append(list, rtp.CheckPeriods(c, answers, day))
	}
	return list, nil
}
