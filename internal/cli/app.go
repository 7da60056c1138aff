// Package cli is rtp's command line: one file per command, each parsing and
// checking its flags before it calls the tracker and the renderers.
package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
	"github.com/rtp-tracker/rtp/internal/sources"
	"github.com/rtp-tracker/rtp/internal/store"
)

// App is one run of rtp: everything a command depends on is here, so that
// a test can run commands in its own process with in-memory streams, a
// fixed clock and environment, and the terminal on or off.
type App struct {
	IOStreams
	Getenv func(string) string
	Now    func() time.Time
	// Open opens the tracker the commands work on; nil is the local SQLite
	// file (openStore). It is the only place that knows the backend: the
	// commands see rtp.Reader, rtp.Tracker and rtp.TrackerFile.
	Open Opener

	db       string // --db
	readOnly bool   // --read-only
}

// Main runs rtp with the process's arguments and streams and returns the
// exit code.
func Main() int {
	streams := SystemStreams()
	// Output is buffered: a list of 100,000 rows is otherwise 100,000 write
	// calls.
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	streams.Stdout = out
	app := &App{IOStreams: streams, Getenv: os.Getenv, Now: time.Now}
	code := app.Run(os.Args[1:])
	if err := out.Flush(); err != nil && code == exitOK {
		fmt.Fprintf(os.Stderr, "rtp: writing the output: %v\n", err)
		return exitError
	}
	return code
}

// Exit codes: 2 when the command line is wrong, 1 for everything else.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// Run runs one command line and returns the exit code. Every error is
// printed here, once, as one line on stderr.
func (a *App) Run(args []string) int {
	if err := a.setClock(); err != nil {
		fmt.Fprintf(a.Stderr, "rtp: %v\n", err)
		return exitUsage
	}
	root := a.rootCommand()
	if completing(args) {
		a.registerCompletions(root)
	}
	root.SetArgs(args)
	root.SetIn(a.Stdin)
	root.SetOut(a.Stdout)
	root.SetErr(a.Stderr)
	cmd, err := root.ExecuteContextC(context.Background())
	if err == nil {
		return exitOK
	}
	var status exitStatus
	if errors.As(err, &status) {
		return status.code
	}
	// The store speaks the domain's words: a field it refuses is named
	// as the command line names it, with the value as typed there.
	err = advised(asTyped(cmd, err))
	if _, many := err.(rtp.Problems); !many {
		err = rtp.Relabel(err, flagOf) // several problems keep the words of where they came from
	}
	fmt.Fprintf(a.Stderr, "rtp: %s\n", oneLine(err.Error()))
	var detailed *rtp.Error
	if errors.As(err, &detailed) {
		for _, d := range detailed.Details {
			fmt.Fprintf(a.Stderr, "  %s\n", oneLine(d))
		}
	}
	if rtp.ErrorCode(err) == rtp.EINVALID {
		return exitUsage
	}
	return exitError
}

// oneLine keeps an error message on one line of the terminal, whatever text
// it quotes.
func oneLine(s string) string {
	return render.Terminal(store.RedactURLs(strings.TrimSpace(s)), false)
}

// setClock lets tests fix the date with RTP_NOW (RFC 3339, or YYYY-MM-DD for
// noon UTC on that day): stale filters and default dates depend on today.
// The moment is read in the local zone, as time.Now gives it, so that a test
// run with TZ sees what a user there sees.
func (a *App) setClock() error {
	fixed := a.Getenv("RTP_NOW")
	if fixed == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, fixed)
	if err != nil {
		t, err = time.Parse(rtp.DateLayout, fixed)
		t = t.Add(12 * time.Hour)
	}
	if err != nil {
		return rtp.Errorf(rtp.EINVALID, "invalid RTP_NOW %q: use RFC 3339 (2019-09-18T10:00:00Z) or YYYY-MM-DD", fixed)
	}
	a.Now = func() time.Time { return t.In(time.Local) }
	return nil
}

// today is the UTC day of now (rtp.DateOf): the day entries are recorded on.
func (a *App) today() rtp.Date { return rtp.DateOf(a.Now()) }

func (a *App) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "rtp",
		Short: "Follow up the recommendations of the 2017 RtoP policy memo",
		Long: `rtp keeps the follow-up of the Responsibility to Protect (RtoP) policy memo of
7 September 2017 in one local SQLite file: where each of its eight
recommendations stands, who is chasing it, the evidence, and the full history
of who said what and when.

The tracker file is --db PATH, else $RTP_DB, else ` + displayDefaultPath() + `
(created on first use).`,
		Example: `  rtp init
  rtp track list
  rtp track assign ga-agenda ICRtoP --as-of 2017-09-15
  rtp track update ga-agenda --status implemented --as-of 2017-09-15 \
      --note "GA put RtoP on the formal agenda of its 72nd session" \
      --evidence https://undocs.org/A/72/250
  rtp track show ga-agenda`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.PersistentFlags().StringVar(&a.db, "db", "", "tracker file (default $RTP_DB, else "+displayDefaultPath()+")")
	root.PersistentFlags().BoolVar(&a.readOnly, "read-only", false, "open the tracker so that nothing can change it, e.g. a file someone sent you")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return rtp.Errorf(rtp.EINVALID, "%v%s (see %s --help)", err, flagSuggestion(cmd, err), cmd.CommandPath())
	})
	root.AddCommand(a.initCommand(), a.trackCommand(), a.reportCommand(), a.sourceCommand(), a.exportCommand(), a.mergeCommand(), a.logCommand(), a.dbCommand(), a.serveCommand(), a.ownerCommand(), a.checkCommand(), a.searchCommand(), a.dueCommand())
	a.addCompletion(root)
	refuseUnknownSubcommands(root)
	fitHelp(root)
	return root
}

// flagSuggestion names the flag an unknown one was most likely meant to be
// (--stauts: " (did you mean --status?)"), or "".
func flagSuggestion(cmd *cobra.Command, err error) string {
	typed, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if best := rtp.Suggest(typed, names); best != "" {
		return " (did you mean --" + best + "?)"
	}
	return ""
}

func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// dbPath returns the tracker file to use and whether the user named it.
func (a *App) dbPath() (path string, named bool, err error) {
	if a.db != "" {
		return a.db, true, nil
	}
	if env := a.Getenv("RTP_DB"); env != "" {
		return env, true, nil
	}
	path, err = defaultPath(a.Getenv)
	return path, false, err
}

// defaultPath is the tracker in the user's data directory (XDG).
func defaultPath(getenv func(string) string) (string, error) {
	if dir := getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "rtp", "rtp.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", rtp.Errorf(rtp.EINVALID, "cannot find your home folder for the default tracker: give one with --db PATH or RTP_DB")
		}
	}
	return filepath.Join(home, ".local", "share", "rtp", "rtp.db"), nil
}

func displayDefaultPath() string { return "$XDG_DATA_HOME/rtp/rtp.db or ~/.local/share/rtp/rtp.db" }

// openStore is the default Opener: the tracker is a local SQLite file.
func (a *App) openStore(ctx context.Context, req OpenRequest) (tracker rtp.Tracker, created bool, err error) {
	path := req.Path
	opts, err := a.storeOptions()
	if err != nil {
		return nil, false, err
	}
	opts.ReadOnly = req.ReadOnly
	var s *store.Store
	switch {
	case store.IsPostgresURL(path) && req.Create:
		s, created, err = store.CreatePG(ctx, path, opts)
	case store.IsPostgresURL(path):
		s, err = store.OpenPG(ctx, path, opts)
	case !req.Create:
		s, err = store.Open(ctx, path, opts)
	default:
		s, created, err = store.Create(ctx, path, opts)
	}
	if err != nil {
		return nil, false, err
	}
	switch up := s.Upgraded; {
	case up != nil && up.Backup == "":
		fmt.Fprintf(a.Stderr, "rtp: %s has schema version %d: read through a copy upgraded to version %d; the file itself is unchanged\n", path, up.From, up.To)
	case up != nil:
		fmt.Fprintf(a.Stderr, "rtp: upgraded %s from schema version %d to %d; the file as it was is kept at %s\n", path, up.From, up.To, up.Backup)
	}
	return s, created, nil
}

// storeOptions reads how to open the tracker: the clock, the seed memo, and
// $RTP_BUSY_TIMEOUT for how long a write waits for other writers (the
// caller sets ReadOnly from the open request).
func (a *App) storeOptions() (store.Options, error) {
	opts := store.Options{Now: a.Now, Seed: sources.Seed}
	if v := a.Getenv("RTP_BUSY_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 || d > time.Hour {
			return opts, rtp.Errorf(rtp.EINVALID, "invalid RTP_BUSY_TIMEOUT %q: use a duration such as 500ms, 10s or 2m", v)
		}
		opts.BusyTimeout = d
	}
	return opts, nil
}

// openFor opens the tracker and resolves what the user typed for a
// recommendation into its ID. The caller closes the tracker.
func (a *App) openFor(ctx context.Context, arg string) (rtp.Tracker, string, error) {
	s, err := a.openTracker(ctx)
	if err != nil {
		return nil, "", err
	}
	id, err := s.Resolve(ctx, arg)
	if err != nil {
		s.Close()
		return nil, "", err
	}
	return s, id, nil
}

// renderOptions fits tables to the terminal when stdout is one, or to
// $COLUMNS when it is set; otherwise values are written in full.
func (a *App) renderOptions() render.Options {
	if a.IsTerminal {
		if a.Width > 0 {
			return render.Options{Width: a.Width}
		}
		return render.Options{Width: 80}
	}
	if w, err := strconv.Atoi(a.Getenv("COLUMNS")); err == nil && w > 0 {
		return render.Options{Width: w}
	}
	return render.Options{}
}

// author is who asserts what is recorded: --by, else $RTP_AUTHOR, else the
// operating system's user name, else $USER. Each is checked by the domain's
// rule for who records an entry, named as where it came from.
func (a *App) author(cmd *cobra.Command, flag string) (string, error) {
	name, origin := a.authorName(cmd, flag)
	if origin == "" {
		return "", rtp.Errorf(rtp.EINVALID, "cannot tell who is recording this: give --by NAME or set RTP_AUTHOR")
	}
	return name, rtp.Relabel(rtp.ValidateBy(name), map[string]string{"by": origin})
}

func (a *App) authorName(cmd *cobra.Command, flag string) (name, origin string) {
	if cmd.Flags().Changed("by") {
		return flag, "--by"
	}
	return a.defaultAuthor()
}

// defaultAuthor is who entries are recorded as without --by.
func (a *App) defaultAuthor() (name, origin string) {
	if env := a.Getenv("RTP_AUTHOR"); env != "" {
		return env, "RTP_AUTHOR"
	}
	// On a server the author is the role one logs in as: naming the
	// operating system's user would record "alice (for root)".
	if path, _, err := a.dbPath(); err == nil && store.IsPostgresURL(path) {
		if role := store.SessionUser(path); role != "" {
			return role, "role"
		}
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username, "user name"
	}
	if env := a.Getenv("USER"); env != "" {
		return env, "USER"
	}
	return "", ""
}

// dateFlag reads an optional date flag, defaulting to today when the flag
// was not given.
func (a *App) dateFlag(cmd *cobra.Command, name, value string) (rtp.Date, error) {
	if !cmd.Flags().Changed(strings.TrimPrefix(name, "--")) {
		return a.today(), nil
	}
	return rtp.ParseDate(name, value, a.today())
}

// shownPath is the tracker's path or URL as messages show it: without the
// password a PostgreSQL URL may hold.
func shownPath(path string) string {
	if store.IsPostgresURL(path) {
		return store.Redact(path)
	}
	return path
}
