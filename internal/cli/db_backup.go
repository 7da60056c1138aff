package cli

import (
	"fmt"

	"github.com/spf13/cobra"
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
existing FILE is only replaced with --force. Temporary copies that a killed
backup left in FILE's folder are removed.

Never copy the tracker file with cp while rtp may be writing to it: the copy
can miss recent changes kept in its -wal file.`,
		Example: `  rtp db backup ~/backups/rtp-$(date +%F).db
  rtp db backup shared/rtp-for-fes.db --force`,
		Args: withArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openFile(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.Backup(cmd.Context(), args[0], force); err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("backed up %s to %s", s.Path(), args[0])))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists")
	return cmd
}
