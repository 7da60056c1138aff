package cli

import (
	"context"
	"fmt"
	"maps"
	"sync"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

// amendFlags names the fields of an amendment by its flags: evidence's
// reference is --ref here, not an argument.
var amendFlags = sync.OnceValue(func() map[string]string {
	names := maps.Clone(flagOf)
	names["ref"] = "--ref"
	return names
})

type amendOptions struct {
	evidence, status, note, asOf, ref, title, date, reason, by string
}

func (a *App) trackAmendCommand() *cobra.Command {
	var opts amendOptions
	cmd := &cobra.Command{
		Use:   "amend UPDATE_ID [--status S] [--note TEXT] [--as-of DATE]",
		Short: "Correct an update or evidence, keeping the old one in the history",
		Long: `Correct a mistake in one command, without losing history: the entry is
recorded again with the fields given changed and the others copied, and the
old one is retracted (--reason, default "amended"). Every list and report, for
any day, counts the new entry instead of the old; rtp track show and rtp log
keep the old one, marked "amended by #N", and the new one "amends #M".

An update takes --status, --note and --as-of; with --evidence EVIDENCE_ID a
piece of evidence takes --ref, --title, --date and --note. An update's
evidence keeps supporting it once amended. Give at least one field, with a
value that differs. A retracted entry cannot be amended; an amended one is
corrected by amending its amendment, which the refusal names.

UPDATE_ID and EVIDENCE_ID are the numbers rtp track show prints.
Statuses: ` + statusNames() + `.`,
		Example: `  rtp track amend 7 --note "Raised at the GA dialogue of 2018"
  rtp track amend 7 --status partial --as-of 2019-06-10 --reason "Wrong status and date"
  rtp track amend --evidence 12 --ref A/72/884`,
		Args: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("evidence") && len(args) > 0 {
				return rtp.Errorf(rtp.EINVALID, "rtp track amend --evidence EVIDENCE_ID takes no UPDATE_ID, but got %q", args)
			}
			if cmd.Flags().Changed("evidence") {
				return nil
			}
			return withArgs("UPDATE_ID")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			na, err := a.parseAmendment(cmd, args, opts)
			if err != nil {
				return err
			}
			s, err := a.openTracker(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			done, err := s.Amend(cmd.Context(), na)
			if err != nil {
				return err
			}
			state, err := stateToday(cmd.Context(), s, done.RecommendationID, a.today())
			if err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("%s: %s %d amended by %s %d (by %s); today it is %s",
				done.RecommendationID, done.Kind, done.Original, done.Kind, done.New, na.By, state)))
			if done.Kind == "update" && na.AsOf != nil {
				return a.warnEvidenceLeftBehind(cmd.Context(), s, done, *na.AsOf)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.evidence, "evidence", "", "amend this evidence instead of an update")
	f.StringVar(&opts.status, "status", "", "the update's corrected status: "+statusNames())
	f.StringVar(&opts.note, "note", "", "the corrected note (- reads standard input)")
	f.StringVar(&opts.asOf, "as-of", "", "the update's corrected date, YYYY-MM-DD")
	f.StringVar(&opts.ref, "ref", "", "the evidence's corrected URL or citation")
	f.StringVar(&opts.title, "title", "", "the evidence's corrected title")
	f.StringVar(&opts.date, "date", "", "the evidence's corrected date, YYYY-MM-DD")
	f.StringVar(&opts.reason, "reason", "", `why the old entry was wrong (default "amended")`)
	f.StringVar(&opts.by, "by", "", "who amends it (default $RTP_AUTHOR, else your user name)")
	return cmd
}

// warnEvidenceLeftBehind names the evidence of an amended update that is
// still dated at the update's old date, and the command that moves each:
// evidence counts from its own date, so when the update moves earlier its
// evidence does not count on the days between, and when it moves later the
// evidence counts before the update it supports.
func (a *App) warnEvidenceLeftBehind(ctx context.Context, s rtp.Reader, done rtp.Amended, newAsOf rtp.Date) error {
	d, err := s.Detail(ctx, done.RecommendationID, a.today(), "")
	if err != nil {
		return err
	}
	var oldAsOf rtp.Date
	var evidence []rtp.Evidence
	for _, u := range d.Updates {
		switch u.ID {
		case done.Original:
			oldAsOf = u.AsOf
		case done.New:
			evidence = u.Evidence // shown with the latest amendment
		}
	}
	if oldAsOf == newAsOf {
		return nil
	}
	for _, e := range evidence {
		if e.Retracted == nil && e.Date == oldAsOf {
			fmt.Fprintln(a.Stderr, oneLine(fmt.Sprintf("rtp: evidence %d (%s) is still dated %s, not with its update on %s; to move it: rtp track amend --evidence %d --date %s",
				e.ID, e.Ref, oldAsOf, newAsOf, e.ID, newAsOf)))
		}
	}
	return nil
}

// parseAmendment reads the command line into an amendment and validates
// it, in the command line's words; only the flags given are fields to change.
func (a *App) parseAmendment(cmd *cobra.Command, args []string, opts amendOptions) (rtp.NewAmendment, error) {
	var na rtp.NewAmendment
	var err error
	changed := cmd.Flags().Changed
	if changed("evidence") {
		if na.EvidenceID, err = parseEntryID("evidence ID", opts.evidence); err != nil {
			return na, err
		}
	} else if na.UpdateID, err = parseEntryID("update ID", args[0]); err != nil {
		return na, err
	}
	if changed("status") {
		status, err := rtp.ParseStatus("--status", opts.status)
		if err != nil {
			return na, err
		}
		na.Status = &status
	}
	if changed("note") {
		note, err := a.readNote(opts.note)
		if err != nil {
			return na, err
		}
		na.Note = &note
	}
	for _, d := range []struct {
		flag, value string
		to          **rtp.Date
	}{{"as-of", opts.asOf, &na.AsOf}, {"date", opts.date, &na.Date}} {
		if changed(d.flag) {
			day, err := rtp.ParseDate("--"+d.flag, d.value, a.today())
			if err != nil {
				return na, err
			}
			*d.to = &day
		}
	}
	if changed("ref") {
		na.Ref = &opts.ref
	}
	if changed("title") {
		na.Title = &opts.title
	}
	if changed("reason") && opts.reason == "" {
		return na, rtp.Errorf(rtp.EINVALID, `--reason is empty: give why the entry was wrong, or leave --reason out for "amended"`)
	}
	na.Reason = opts.reason
	if na.By, err = a.author(cmd, opts.by); err != nil {
		return na, err
	}
	if err := na.Validate(a.today()); err != nil {
		return na, rtp.Relabel(rtp.ProblemsOf(err)[0], amendFlags())
	}
	return na, nil
}
