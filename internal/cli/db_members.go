package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp/internal/render"
)

func (a *App) dbMembersCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "members",
		Short: "List the roles of a shared tracker, their levels and organisations",
		Long: `On a tracker shared on PostgreSQL, list every role granted a level with rtp
db grant: its level (reader, member, admin) and its organisation, whose
private entries it sees. The role that ran rtp init is an admin without
being listed.`,
		Example: `  rtp db members
  rtp db members --format json`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := render.CheckFormat(format, render.ListFormats); err != nil {
				return err
			}
			s, err := a.openMembership(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			members, err := s.Members(cmd.Context())
			if err != nil {
				return err
			}
			out, err := render.NewMemberWriter(a.Stdout, format, a.renderOptions())
			if err != nil {
				return err
			}
			for _, m := range members {
				if err := out.Write(m); err != nil {
					return err
				}
			}
			return out.Close()
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: "+strings.Join(render.ListFormats, ", "))
	return cmd
}
