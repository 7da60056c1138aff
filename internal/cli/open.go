package cli

import (
	"context"
	"fmt"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/exchange"
)

// Opener opens the tracker that a command works on, and reports whether it
// created it. It is the one place that knows which backend keeps trackers:
// another backend slots in as another Opener, and no command changes.
type Opener func(ctx context.Context, req OpenRequest) (t rtp.Tracker, created bool, err error)

// OpenRequest is what the command line and the environment say about the
// tracker to open.
type OpenRequest struct {
	// Path is --db, else $RTP_DB, else the default file.
	Path string
	// Create makes a tracker that does not exist yet. Only the default
	// tracker and rtp init do: a path the user named must exist, so that a
	// typo never creates an empty tracker.
	Create bool
	// ReadOnly is --read-only: nothing may change the tracker.
	ReadOnly bool
}

// open opens a tracker with the App's Opener (the SQLite file by default),
// and gives a missing or empty tracker the command line's advice.
func (a *App) open(ctx context.Context, req OpenRequest) (rtp.Tracker, bool, error) {
	opener := a.Open
	if opener == nil {
		opener = a.openStore
	}
	t, created, err := opener(ctx, req)
	if err != nil {
		return nil, false, inCLIWords(err, req.Path)
	}
	return t, created, nil
}

// openTracker opens the tracker for a command that records. The default
// tracker is created on first use, and the user is told.
func (a *App) openTracker(ctx context.Context) (rtp.Tracker, error) {
	path, named, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	t, created, err := a.open(ctx, OpenRequest{Path: path, Create: !named && !a.readOnly, ReadOnly: a.readOnly})
	if created {
		fmt.Fprintf(a.Stderr, "rtp: created a new tracker at %s with the recommendations of the 2017 memo\n", shownPath(path))
		a.tellAuthor()
	}
	return t, err
}

// tellAuthor says, once, on the run that creates a tracker, whom entries
// are recorded as: by default the OS user, which is rarely the name a
// colleague reading the log should see.
func (a *App) tellAuthor() {
	const howToChange = `export RTP_AUTHOR="Your Name (Org)", or give --by NAME`
	switch name, origin := a.defaultAuthor(); origin {
	case "":
		fmt.Fprintf(a.Stderr, "rtp: entries need an author: %s\n", howToChange)
	case "RTP_AUTHOR":
		fmt.Fprintf(a.Stderr, "rtp: entries are recorded as %q (RTP_AUTHOR); to change it: %s\n", name, howToChange)
	case "role":
		fmt.Fprintf(a.Stderr, "rtp: entries are recorded as %q, the role you log in as; --by NAME or RTP_AUTHOR records for someone else\n", name)
	default:
		fmt.Fprintf(a.Stderr, "rtp: entries are recorded as %q (your user name); to change it: %s\n", name, howToChange)
	}
}

// openReader opens the tracker for a command that only reads it.
func (a *App) openReader(ctx context.Context) (rtp.Reader, error) {
	return a.openTracker(ctx)
}

// readerFor opens the tracker for a command that only reads it, and
// resolves what the user typed for a recommendation into its ID.
func (a *App) readerFor(ctx context.Context, arg string) (rtp.Reader, string, error) {
	return a.openFor(ctx, arg)
}

// openFile opens the tracker for the commands that look after its file.
func (a *App) openFile(ctx context.Context) (rtp.TrackerFile, error) {
	t, err := a.openTracker(ctx)
	if err != nil {
		return nil, err
	}
	f, ok := t.(rtp.TrackerFile)
	if !ok {
		t.Close()
		return nil, rtp.Errorf(rtp.ECONFLICT, "this tracker is not a local file: rtp db works on tracker files only")
	}
	return f, nil
}

// openOtherTracker opens the tracker file another member sent, read-only,
// for exchange.Read: through the same Opener, as the backend knows how.
func (a *App) openOtherTracker(ctx context.Context, path string) (exchange.TrackerFile, error) {
	t, _, err := a.open(ctx, OpenRequest{Path: path, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	f, ok := t.(exchange.TrackerFile)
	if !ok {
		t.Close()
		return nil, rtp.Errorf(rtp.EINVALID, "cannot read the tracker file %s here: merge its export (rtp export) instead", path)
	}
	return f, nil
}
