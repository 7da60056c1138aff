package cli

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

func (a *App) dbBackupCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Copy the tracker safely, even while others write to it",
		Long: `Write a consistent copy of the tracker to FILE. The copy is a snapshot taken
while other rtp processes may go on writing; it is written under a temporary
name, synced to disk and only then given its name, so FILE is never half a
copy; it is yours only (mode 0600), as it holds the private entries. An
existing FILE is only replaced with --force, and only if it is a regular file
that is not one of the tracker's own files. FILE - writes the copy to
standard output. Temporary copies that a killed backup left in FILE's folder
are removed.

Never copy the tracker file with cp while rtp may be writing to it: the copy
can miss recent changes kept in its -wal file.

A tracker on a PostgreSQL server is backed up with the server's own tools
(pg_dump -Fc -n rtp, restored with pg_restore): rtp db backup refuses it.`,
		Example: `  rtp db backup ~/backups/rtp-$(date +%F).db
  rtp db backup shared/rtp-for-fes.db --force
  rtp db backup - | ssh archive 'cat > rtp.db'`,
		Args: withArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dest := args[0]
			if err := a.refuseServerBackup(); err != nil {
				return err
			}
			if dest == stdoutPath && a.IsTerminal {
				return rtp.Errorf(rtp.EINVALID, "a tracker is binary and would garble the terminal: give a FILE, or redirect to a file")
			}
			s, err := a.openFile(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if dest == stdoutPath {
				return a.backupToStdout(cmd, s)
			}
			if err := checkWritable("backup path", dest, s.Path()); err != nil {
				return err
			}
			if err := s.Backup(cmd.Context(), dest, force); err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("backed up %s to %s", s.Path(), dest)))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists")
	return cmd
}

// backupToStdout copies the tracker into a folder of the user's own, then
// to standard output: the backup needs a file to write.
func (a *App) backupToStdout(cmd *cobra.Command, s rtp.TrackerFile) error {
	dir, err := os.MkdirTemp("", "rtp-backup-")
	if err != nil {
		return rtp.Errorf(rtp.EINVALID, "cannot make a temporary folder for the copy: %v", err)
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, "rtp.db")
	if err := s.Backup(cmd.Context(), copyPath, false); err != nil {
		return err
	}
	f, err := os.Open(copyPath)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := io.Copy(a.Stdout, f); err != nil {
		return err
	}
	fmt.Fprintln(a.Stderr, oneLine(fmt.Sprintf("rtp: backed up %s to standard output", s.Path())))
	return nil
}

// refuseServerBackup refuses to back up a tracker on a PostgreSQL server,
// without connecting: a copy of one database is the server's business
// (pg_dump), which also keeps what rtp cannot see as a role (other
// organisations' private entries) and the grants.
func (a *App) refuseServerBackup() error {
	path, _, err := a.dbPath()
	if err != nil || !store.IsPostgresURL(path) {
		return err
	}
	database := "DATABASE"
	if u, err := url.Parse(path); err == nil && strings.Trim(u.Path, "/") != "" {
		database = strings.Trim(u.Path, "/")
	}
	return rtp.Errorf(rtp.ECONFLICT, "the tracker %s is on a PostgreSQL server: back it up with the server's own tools, as its owner: pg_dump -Fc -n %s -d %s -f rtp.dump (pg_restore puts it back)",
		store.Redact(path), store.PGSchema, database)
}
