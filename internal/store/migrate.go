package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// migrations/NNN_name.sql upgrades a tracker from schema version NNN-1 to
// NNN. A new tracker gets schema.sql whole. A migration does not write out
// again what schema.sql defines: a line "-- schema: NAME..." stands for the
// CREATE statements of those tables, indexes and triggers, taken by name from
// schema.sql; the rest of the file is the migration's own SQL (dropping what
// went, moving data). Migrations always run up to the current version, so an
// object is created as the current schema defines it. The test that migrates
// the version-1 fixture checks that both roads lead to the same schema.
//
//go:embed migrations/*.sql
var migrations embed.FS

// migrationTo returns the SQL that upgrades version-1 to version, its
// "-- schema:" lines written out from schema (by object name).
func migrationTo(version int, schema map[string]string) (string, error) {
	matches, err := fs.Glob(migrations, fmt.Sprintf("migrations/%03d_*.sql", version))
	if err != nil || len(matches) != 1 {
		return "", fmt.Errorf("no single migration to schema version %d (%v)", version, matches)
	}
	data, err := migrations.ReadFile(matches[0])
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for line := range strings.Lines(string(data)) {
		names, ok := strings.CutPrefix(strings.TrimSpace(line), "-- schema:")
		if !ok {
			b.WriteString(line)
			continue
		}
		for _, name := range strings.Fields(names) {
			statement, ok := schema[name]
			if !ok {
				return "", fmt.Errorf("migration %s names %s, which schema.sql does not create", matches[0], name)
			}
			b.WriteString(statement + ";\n")
		}
	}
	return b.String(), nil
}

// schemaByName maps the name of each table, index and trigger schema.sql
// creates to its CREATE statement, as SQLite keeps it.
func schemaByName(ctx context.Context) (map[string]string, error) {
	ref, err := referenceSchema(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for typeAndName, statement := range ref {
		_, name, _ := strings.Cut(typeAndName, " ")
		out[name] = statement
	}
	return out, nil
}

// upgrade migrates a tracker of an older schema version: it first writes a
// copy of the file as it is beside it, then applies every migration in one
// transaction, so that a failure leaves the file as it was. The copy of a
// failed upgrade is removed, as the file is unchanged: a retry (once the
// disk has room, say) writes it again.
func (s *Store) upgrade(ctx context.Context, from int) error {
	abs, err := filepath.Abs(s.path)
	if err != nil {
		return err
	}
	stamp := s.Now().UTC().Format("20060102T150405Z")
	backup := fmt.Sprintf("%s.v%d-%s.bak", abs, from, stamp)
	if err := s.Backup(ctx, backup, false); err != nil {
		return fmt.Errorf("cannot upgrade %s from schema version %d, which needs a backup first; nothing was changed: %w", s.path, from, err)
	}
	if err := s.migrate(ctx); err != nil {
		os.Remove(backup)
		if errors.Is(err, errDiskFull) { // which says that nothing was changed
			return fmt.Errorf("cannot upgrade %s from schema version %d: %w", s.path, from, err)
		}
		return fmt.Errorf("cannot upgrade %s from schema version %d; nothing was changed: %w", s.path, from, err)
	}
	s.Upgraded = &Upgrade{From: from, To: rtp.SchemaVersion, Backup: backup}
	return nil
}

// migrate applies every migration from the file's version to the current
// one in one transaction.
func (s *Store) migrate(ctx context.Context) error {
	schema, err := schemaByName(ctx)
	if err != nil {
		return err
	}
	return s.transact(ctx, func(tx *sql.Tx) error {
		// Another rtp may have upgraded the file while this one waited.
		_, version, _, err := s.header(ctx, tx)
		if err != nil || version >= rtp.SchemaVersion {
			return err
		}
		for v := version + 1; v <= rtp.SchemaVersion; v++ {
			migration, err := migrationTo(v, schema)
			if err != nil {
				return err
			}
			if before, ok := migrationBeforeSQL[v]; ok {
				if err := before(ctx, tx); err != nil {
					return fmt.Errorf("upgrading to schema version %d: %w", v, err)
				}
			}
			if _, err := tx.ExecContext(ctx, migration); err != nil {
				return fmt.Errorf("upgrading to schema version %d: %w", v, err)
			}
			if fill, ok := migrationInGo[v]; ok {
				if err := fill(ctx, tx, schema); err != nil {
					return fmt.Errorf("upgrading to schema version %d: %w", v, err)
				}
			}
		}
		if err := startClock(ctx, tx, s.Now()); err != nil {
			return err
		}
		if err := resetState(ctx, tx); err != nil {
			return err
		}
		return setVersion(ctx, tx, rtp.SchemaVersion)
	})
}
