package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *App) initCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Create a tracker seeded with the memo's eight recommendations",
		Long: `Create the tracker file (and its folder) with the memo's eight recommendations,
all unassessed. The file and a folder it creates are yours only (modes 0600 and
0700): the tracker holds private entries. Running it again on an existing
tracker changes nothing; on the empty file an interrupted init left, it
finishes the tracker.`,
		Example: `  rtp init
  rtp init --db ~/icrtop/followup.db`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, _, err := a.dbPath()
			if err != nil {
				return err
			}
			s, created, err := a.open(cmd.Context(), OpenRequest{Path: path, Create: true, ReadOnly: a.readOnly})
			if err != nil {
				return err
			}
			defer s.Close()
			if created {
				fmt.Fprintf(a.Stderr, "rtp: created a new tracker at %s with the 8 recommendations of the 2017 memo\n", shownPath(path))
				a.tellAuthor()
			} else {
				fmt.Fprintf(a.Stderr, "rtp: %s is already a tracker; nothing changed\n", shownPath(path))
			}
			return nil
		},
	}
}
