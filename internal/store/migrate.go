package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// migrations/NNN_name.sql upgrades a tracker from schema version NNN-1 to
// NNN. A new tracker gets schema.sql whole; the test that migrates the
// version-1 fixture checks that both roads lead to the same schema.
//
//go:embed migrations/*.sql
var migrations embed.FS

// migrationTo returns the SQL that upgrades version-1 to version.
func migrationTo(version int) (string, error) {
	matches, err := fs.Glob(migrations, fmt.Sprintf("migrations/%03d_*.sql", version))
	if err != nil || len(matches) != 1 {
		return "", fmt.Errorf("no single migration to schema version %d (%v)", version, matches)
	}
	data, err := migrations.ReadFile(matches[0])
	return string(data), err
}

// upgrade migrates a tracker of an older schema version: it first writes a
// copy of the file as it is beside it, then applies every migration in one
// transaction, so that a failure leaves the file as it was.
func (s *Store) upgrade(ctx context.Context, from int) error {
	if s.readOnly {
		return rtp.Errorf(rtp.EREADONLY, "%s has schema version %d and must be upgraded to version %d, which needs write access: open it once without --read-only", s.path, from, rtp.SchemaVersion)
	}
	abs, err := filepath.Abs(s.path)
	if err != nil {
		return err
	}
	stamp := strings.NewReplacer(":", "", "-", "").Replace(timestamp(s.Now()))
	backup := fmt.Sprintf("%s.v%d-%s.bak", abs, from, stamp)
	if err := s.Backup(ctx, backup, false); err != nil {
		return fmt.Errorf("backing up before the upgrade: %w", err)
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		// Another rtp may have upgraded the file while this one waited.
		_, version, _, err := s.header(ctx, tx)
		if err != nil || version >= rtp.SchemaVersion {
			return err
		}
		for v := version + 1; v <= rtp.SchemaVersion; v++ {
			migration, err := migrationTo(v)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, migration); err != nil {
				return fmt.Errorf("upgrading to schema version %d: %w", v, err)
			}
		}
		return setVersion(ctx, tx, rtp.SchemaVersion)
	})
	if err != nil {
		return err
	}
	s.Upgraded = &Upgrade{From: from, To: rtp.SchemaVersion, Backup: backup}
	return nil
}
