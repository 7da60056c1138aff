package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

type updateOptions struct {
	status          string
	note            string
	asOf            string
	by              string
	evidence        []string
	privateEvidence bool
	private         bool
	actor           string
	newActor        bool
}

func (a *App) trackUpdateCommand() *cobra.Command {
	var opts updateOptions
	cmd := &cobra.Command{
		Use:   "update ID",
		Short: "Record a status update, with a note and evidence",
		Long: `Append an update to a recommendation's history: its status from a date, who
asserts it, a note and evidence. Nothing is edited or deleted: a later update
supersedes an earlier one.

Without --status the update keeps the status in force on its date and needs
a note; rtp track evidence ID REF records evidence on its own. --note - reads the note from standard input. --by defaults
to $RTP_AUTHOR, then your user name; --as-of to today.

--private makes the whole update private, its note and its evidence: lists
and show mark it, reports and exports leave its note and evidence out unless
--include-private. Its status still counts in reports (a status is what a
report is about); keep a status you cannot share out of the tracker.
--private-evidence makes only the evidence private.

--actor NAME records the status of one of the recommendation's addressees
(its actors, as show lists them: "African Union", "Member States"): such an
update is about that actor only, needs --status, and leaves the
recommendation's own status as it was; show lists each actor's latest
status under it. An actor the recommendation does not address is refused,
naming those it does; --new-actor adds it to them knowingly.

Statuses: ` + statusNames() + `.`,
		Example: `  rtp track update ga-agenda --status implemented --as-of 2017-09-15 \
      --note "GA adopted RtoP on the formal agenda of its 72nd session" \
      --evidence https://undocs.org/A/72/250
  rtp track update gender-lens --note "Raised with the Joint Office" --by "ICRtoP"
  rtp track update upr --status in-progress --note - < minutes.txt
  rtp track update upr --note "Confidential debrief" --evidence internal-doc --private
  rtp track update regional --actor "African Union" --status in-progress --as-of 2019-02-10
  rtp track update regional --actor ASEAN --new-actor --status not-started`,
		Args: withArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.trackUpdate(cmd, args[0], opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.status, "status", "", "the status from --as-of: "+statusNames())
	f.StringVar(&opts.note, "note", "", "what happened, in words (- reads standard input)")
	f.StringVar(&opts.asOf, "as-of", "", "the day the status holds from, YYYY-MM-DD (default today)")
	f.StringVar(&opts.by, "by", "", "who asserts this update (default $RTP_AUTHOR, else your user name)")
	f.StringArrayVar(&opts.evidence, "evidence", nil, "a URL or a citation such as A/RES/72/1 that supports it (repeatable)")
	f.BoolVar(&opts.privateEvidence, "private-evidence", false, "mark the evidence private: reports leave it out")
	f.BoolVar(&opts.private, "private", false, "make the whole update private (note and evidence): reports and exports leave them out")
	f.StringVar(&opts.actor, "actor", "", "the addressee the update is about, one of the recommendation's actors (needs --status)")
	f.BoolVar(&opts.newActor, "new-actor", false, "add --actor to the recommendation's actors if it does not address it yet")
	return cmd
}

func (a *App) trackUpdate(cmd *cobra.Command, arg string, opts updateOptions) error {
	ctx := cmd.Context()
	nu := rtp.NewUpdate{Status: rtp.Status(opts.status), Private: opts.private, Actor: opts.actor, NewActor: opts.newActor}
	var err error
	if cmd.Flags().Changed("status") && opts.status == "" { // --status "" is an error, not a missing flag
		_, err := rtp.ParseStatus("--status", opts.status)
		return err
	}
	if nu.Note, err = a.readNote(opts.note); err != nil {
		return err
	}
	if nu.Status == "" && nu.Note == "" && len(opts.evidence) == 0 {
		return rtp.Errorf(rtp.EINVALID, "nothing to record: give --status, --note or --evidence")
	}
	if nu.AsOf, err = a.dateFlag(cmd, "--as-of", opts.asOf); err != nil {
		return err
	}
	if nu.By, err = a.author(cmd, opts.by); err != nil {
		return err
	}
	for _, ref := range opts.evidence {
		nu.Evidence = append(nu.Evidence, rtp.NewEvidence{Ref: ref, Private: opts.privateEvidence, By: nu.By}) // a private update makes its evidence private in the store
	}
	if nu.Status == "" && nu.Note == "" && !cmd.Flags().Changed("note") {
		// Evidence alone: the domain's "--note is empty" would blame a
		// flag that was never given. What else is wrong is said first.
		probe := nu
		probe.Note = "-"
		if err := invalid(probe.Validate(a.today())); err != nil {
			return err
		}
		hint := "rtp track evidence " + shellQuote(arg) + " " + shellQuote(opts.evidence[0])
		if opts.asOf != "" {
			hint += " --date " + shellQuote(opts.asOf)
		}
		if opts.private || opts.privateEvidence {
			hint += " --private"
		}
		if opts.by != "" {
			hint += " --by " + shellQuote(opts.by)
		}
		if len(opts.evidence) > 1 {
			hint += ", once for each reference"
		}
		return rtp.Errorf(rtp.EINVALID, "an update needs --status or --note besides --evidence; to record evidence on its own use %s", hint)
	}
	if err := invalid(nu.Validate(a.today())); err != nil {
		return err
	}

	s, id, err := a.openFor(ctx, arg)
	if err != nil {
		return err
	}
	defer s.Close()
	nu.RecommendationID = id
	for i := range nu.Evidence {
		nu.Evidence[i].RecommendationID = nu.RecommendationID
	}
	u, err := s.AddUpdate(ctx, nu)
	if err != nil {
		return err
	}
	d, err := s.Item(ctx, nu.RecommendationID, a.today())
	if err != nil {
		return err
	}
	evidence := ""
	if n := len(u.Evidence); n > 0 {
		evidence = fmt.Sprintf(", %d evidence", n)
		if opts.privateEvidence && !u.Private {
			evidence = fmt.Sprintf(", %d private evidence", n)
		}
	}
	// A note-only update on a recommendation never assessed leaves it
	// unassessed, with no day since when.
	status := statusSince(d)
	var line string
	if u.Actor != "" {
		// The recommendation's own status did not move: say both.
		line = fmt.Sprintf("%s: %s %s from %s (update %d by %s%s); the recommendation itself is %s",
			d.ID, u.Actor, u.Status, u.AsOf, u.ID, u.By, evidence, status)
	} else if *d.LastUpdate == u.AsOf {
		line = fmt.Sprintf("%s: %s (update %d by %s%s)", d.ID, status, u.ID, u.By, evidence)
	} else {
		// A backdated update does not change today's status: say both.
		line = fmt.Sprintf("%s: update %d records %s from %s (by %s%s); today it is %s",
			d.ID, u.ID, u.Status, u.AsOf, u.By, evidence, status)
	}
	if u.Private {
		line += ", private"
	}
	fmt.Fprintln(a.Stdout, oneLine(line))
	return nil
}

// readNote reads a --note value; "-" reads it from standard input, up to the
// size limit, so that an endless pipe is refused rather than stored.
func (a *App) readNote(flag string) (string, error) {
	note := flag
	if flag == "-" {
		data, err := io.ReadAll(io.LimitReader(a.Stdin, rtp.MaxNoteBytes+1))
		if err != nil {
			return "", rtp.Errorf(rtp.EINVALID, "cannot read the note from standard input: %v", err)
		}
		if len(data) > rtp.MaxNoteBytes {
			return "", rtp.Errorf(rtp.EINVALID, "the note on standard input is over %d bytes, the limit", rtp.MaxNoteBytes)
		}
		// Like $(...) in a shell: the final line break is not part of the note.
		note = strings.TrimRight(string(data), "\r\n")
	}
	return note, nil
}
