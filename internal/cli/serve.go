package cli

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/web"
)

func (a *App) serveCommand() *cobra.Command {
	var addr, source string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve a read-only web view of the tracker",
		Long: `Serve the tracker as web pages for the people who do not use a terminal: an
overview (summary, progress per source, recent status changes, stale
recommendations), the list with every filter of rtp track list as links and
a form (each view has a URL to share), a page per recommendation with its
text, owners and timeline of updates and evidence, the reports of rtp report
as downloads, and under /api/ the JSON of --format json. Every page takes
?as_of=YYYY-MM-DD, as --as-of does.

The tracker is opened read-only and nothing can change it through the view:
it answers GET and HEAD only. Private notes and evidence are never served.
A change recorded by another rtp process, or another client of the
server, shows on the next request; an unchanged page answers 304 Not
Modified to a browser that has it (its ETag is the tracker's latest entry).

On a shared tracker (--db postgres://…), connect as a role granted only
the reader level (rtp db grant ROLE --reader): the server then refuses it
any write, and its row-level security hides the private entries of other
organisations; serve leaves out the private entries of the reader's own
organisation too, as it does on a file.

It listens on 127.0.0.1:8080 (this computer only) unless --addr says
otherwise; port 0 takes any free port. The address is printed when it is
ready. To offer it to a coalition, run it behind the organisation's own
reverse proxy (TLS and sign-in there), with --addr on loopback. It stops
cleanly on Ctrl-C (SIGINT) or SIGTERM.`,
		Example: `  rtp serve
  rtp serve --addr 127.0.0.1:0
  rtp serve --db /srv/rtp/coalition.db --addr 127.0.0.1:8081 --source memo-2017
  rtp serve --db 'postgres://web_reader@db.example.org:5432/coalition?sslmode=verify-full'
  curl 'http://127.0.0.1:8080/api/list?status=stalled&as_of=2019-12-31'`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.serve(cmd, addr, source)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on, HOST:PORT (port 0: any free port)")
	cmd.Flags().StringVar(&source, "source", "", "serve only the recommendations of this source document (see rtp source list)")
	return cmd
}

func (a *App) serve(cmd *cobra.Command, addr, source string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return rtp.Errorf(rtp.EINVALID, "invalid --addr %q: use HOST:PORT, such as 127.0.0.1:8080", addr)
	}
	if cmd.Flags().Changed("source") {
		if err := rtp.CheckID("--source", source); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	path, _, err := a.dbPath()
	if err != nil {
		return err
	}
	t, _, err := a.open(ctx, OpenRequest{Path: path, ReadOnly: true})
	if err != nil {
		return err
	}
	defer t.Close()
	if source != "" {
		if err := t.CheckSource(ctx, source); err != nil {
			return relabelSource(err)
		}
	}
	logger := log.New(a.Stderr, "rtp serve: ", log.LstdFlags|log.LUTC)
	opts := web.Options{Now: a.Now, Log: logger, Source: source}
	srv := &http.Server{
		Handler:           web.New(t, opts),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      2 * time.Minute, // a report of a large tracker takes a while
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          logger,
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return rtp.Errorf(rtp.ECONFLICT, "cannot listen on --addr %s: %v", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(a.Stderr, "rtp: warning: listening on %s, not on loopback: anyone who can reach it can read the tracker's public entries\n", ln.Addr())
	}
	fmt.Fprintf(a.Stderr, "rtp: serving %s read-only at http://%s/ (Ctrl-C stops)\n", shownPath(path), ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(a.Stderr, "rtp: stopped serving")
	return nil
}
