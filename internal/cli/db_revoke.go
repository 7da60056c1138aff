package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
)

func (a *App) dbRevokeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "revoke ROLE",
		Short: "Take every level from a role of a shared tracker's server",
		Long: `On a tracker shared on PostgreSQL, take from the login role ROLE the level
rtp db grant gave it: it can no longer read or record anything. What it
recorded stays in the history, under its name. Only an admin may revoke.`,
		Example: `  rtp db revoke alice
  rtp db members`,
		Args: withArgs("ROLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := rtp.CheckLine("role", args[0], 63); err != nil {
				return err
			}
			s, err := a.openMembership(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.Revoke(cmd.Context(), args[0]); err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, oneLine("revoked every level of "+args[0]))
			return nil
		},
	}
}
