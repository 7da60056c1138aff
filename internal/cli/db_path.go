package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rtp-tracker/rtp/internal/store"
)

func (a *App) dbPathCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "path",
		Short: "Print the path of the tracker file in use",
		Long: `Print the absolute path of the tracker file rtp uses: --db, else $RTP_DB,
else the default in your data folder. It does not create or open the file.
A tracker on a PostgreSQL server is named by its URL, printed without the
password it may hold.`,
		Example: `  rtp db path
  ls -l "$(rtp db path)"`,
		Args: withArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, _, err := a.dbPath()
			if err != nil {
				return err
			}
			if store.IsPostgresURL(path) {
				path = store.Redact(path)
			} else if abs, err := filepath.Abs(path); err == nil {
				path = abs
			}
			_, err = fmt.Fprintln(a.Stdout, path)
			return err
		},
	}
}
