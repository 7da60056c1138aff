package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

func (a *App) dbCheckCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the tracker for damage and broken rules",
		Long: `Check the tracker file: SQLite's integrity check and foreign-key check, that
its tables, indexes and triggers are rtp's own, and rtp's rules (statuses in
the vocabulary, real dates, every entry tied to a recommendation, ...).
Prints every problem found and exits 1 if there is any. It warns, without
failing, when the tracker holds private entries that other users of this
machine may read. It changes nothing: use it on a file someone sent you with
--read-only.

On a PostgreSQL server it checks rtp's rules as the role you connect as sees
the entries, and what keeps the shared history safe: the append-only
triggers enabled, row-level security on and its policies rtp's own, and no
role allowed to update or delete history.`,
		Example: `  rtp db check
  rtp db check --read-only --db received.db
  rtp db check --db "postgres://amina@db.example.org/coalition?sslmode=verify-full"`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.openFile(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			report, err := s.Check(cmd.Context())
			if err != nil {
				return err
			}
			for _, w := range report.Warnings {
				fmt.Fprintln(a.Stderr, oneLine("rtp: warning: "+w))
			}
			for _, p := range report.Problems {
				fmt.Fprintln(a.Stdout, oneLine(p))
			}
			if n := len(report.Problems); n > 0 {
				return rtp.Errorf(rtp.EDATABASE, "%s: %s found", s.Path(), rtp.CountOf(n, "problem"))
			}
			c := report.Counts
			fmt.Fprintf(a.Stdout, "%s is sound: %s, %s, %s, %d evidence, %s, %s, %s\n",
				s.Path(), rtp.CountOf(c["recommendations"], "recommendation"), rtp.CountOf(c["updates"], "update"), rtp.CountOf(c["assignments"], "assignment"),
				c["evidence"], rtp.CountOf(c["retractions"], "retraction"), rtp.CountOf(c["amendments"], "amendment"), rtp.CountOf(c["owner_renames"], "owner rename"))
			return nil
		},
	}
}
