package cli

import "github.com/spf13/cobra"

func (a *App) dbCommand() *cobra.Command {
	db := &cobra.Command{
		Use:   "db",
		Short: "Check, back up and locate the tracker; grant levels on a server",
		Long: `Commands that look after the tracker itself: check it, copy it safely
while others may be writing to it, and say where it is; on a tracker shared
on PostgreSQL, grant and revoke what each role may do.`,
		Example: `  rtp db check
  rtp db backup ~/backups/rtp-$(date +%F).db
  rtp db path
  rtp db grant alice --member --org "Stanley Center"`,
	}
	db.AddCommand(a.dbCheckCommand(), a.dbBackupCommand(), a.dbPathCommand(), a.dbGrantCommand(), a.dbRevokeCommand(), a.dbMembersCommand())
	return db
}
