package cli

import "github.com/spf13/cobra"

func (a *App) dbCommand() *cobra.Command {
	db := &cobra.Command{
		Use:   "db",
		Short: "Check, back up and locate the tracker file",
		Long: `Commands that look after the tracker file itself: check it, copy it safely
while others may be writing to it, and say where it is.`,
		Example: `  rtp db check
  rtp db backup ~/backups/rtp-$(date +%F).db
  rtp db path`,
	}
	db.AddCommand(a.dbCheckCommand(), a.dbBackupCommand(), a.dbPathCommand())
	return db
}
