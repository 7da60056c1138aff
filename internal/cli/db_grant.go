package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

func (a *App) dbGrantCommand() *cobra.Command {
	var reader, member, admin bool
	var org string
	cmd := &cobra.Command{
		Use:   "grant ROLE --reader | --member | --admin",
		Short: "Give a role of a shared tracker's server what it may do",
		Long: `On a tracker shared on PostgreSQL, give the login role ROLE one level, in
place of the one it had, and the organisation whose private entries it sees
and records (--org; by default the one it has, or, new, its own name):

  --reader  reads the public entries and its organisation's private ones
  --member  also records updates, evidence, assignments and retractions
  --admin   also adds sources, merges other trackers, sees every private
            entry and grants levels to others

The server enforces the levels, for rtp and psql alike. ROLE must exist on
the server (CREATE ROLE alice LOGIN PASSWORD '…'); only an admin, or the
role that owns the tracker (ran rtp init), may grant. A tracker file has no levels: whoever may
read the file reads all of it.`,
		Example: `  export RTP_DB=postgres://ada@db.example.org/rtp
  rtp db grant alice --member --org "Stanley Center"
  rtp db grant rita --reader --org FES
  rtp db grant ada --admin --org ICRtoP
  rtp db grant alice --admin          # keeps alice's organisation`,
		Args: withArgs("ROLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var level rtp.Level
			for _, f := range []struct {
				set   bool
				level rtp.Level
			}{{reader, rtp.LevelReader}, {member, rtp.LevelMember}, {admin, rtp.LevelAdmin}} {
				if f.set && level != "" {
					return rtp.Errorf(rtp.EINVALID, "give one of --reader, --member and --admin, not several")
				}
				if f.set {
					level = f.level
				}
			}
			if level == "" {
				return rtp.Errorf(rtp.EINVALID, "give the level: --reader, --member or --admin (see %s --help)", cmd.CommandPath())
			}
			if cmd.Flags().Changed("org") && org == "" {
				return rtp.Errorf(rtp.EINVALID, "--org is empty: give the organisation's name, or leave --org out to keep the role's")
			}
			m := rtp.Member{Role: args[0], Level: level, Org: org}
			if err := m.Validate(); err != nil {
				return err
			}
			s, err := a.openMembership(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.Grant(cmd.Context(), m); err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, oneLine(fmt.Sprintf("granted %s the level %s", m.Role, m.Level)))
			return nil
		},
	}
	cmd.Flags().BoolVar(&reader, "reader", false, "may read")
	cmd.Flags().BoolVar(&member, "member", false, "may read and record entries")
	cmd.Flags().BoolVar(&admin, "admin", false, "may do everything, grant included")
	cmd.Flags().StringVar(&org, "org", "", "the role's organisation, whose private entries it sees (default: the one it has, or its name)")
	return cmd
}

// membershipTracker is a shared tracker, whose server enforces levels.
type membershipTracker interface {
	rtp.Tracker
	rtp.Membership
}

// openMembership opens the tracker for the commands that grant levels: a
// shared tracker only (a path that is a file is refused before it is
// opened, so that no default file is created).
func (a *App) openMembership(ctx context.Context) (membershipTracker, error) {
	path, _, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	if !store.IsPostgresURL(path) {
		return nil, rtp.Errorf(rtp.ECONFLICT, "levels are for shared trackers on PostgreSQL (--db postgres://…): %s is a file, and whoever may read the file reads all of it", shownPath(path))
	}
	t, err := a.openTracker(ctx)
	if err != nil {
		return nil, err
	}
	m, ok := t.(membershipTracker)
	if !ok {
		t.Close()
		return nil, rtp.Errorf(rtp.ECONFLICT, "this tracker has no levels to grant")
	}
	return m, nil
}
