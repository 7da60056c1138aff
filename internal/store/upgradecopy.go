package store

import (
	"context"
	"os"
	"path/filepath"

	"github.com/rtp-tracker/rtp"
)

// readUpgradedCopy reads a tracker of an older schema version that may not
// be changed here (a file someone sent, opened read-only, or a file this
// process may not write) through a copy of it upgraded in a temporary file
// only its owner can read, removed on Close: the file itself is never
// changed. Writes to the returned store fail as they would on the file.
func (s *Store) readUpgradedCopy(ctx context.Context, from int, opts Options) (*Store, error) {
	dir := os.TempDir()
	tmp, release, err := createPrivateTemp(dir, filepath.Base(s.path))
	if err != nil {
		return nil, rtp.Errorf(rtp.EDATABASE, "cannot read %s (schema version %d) through an upgraded copy: %v", s.path, from, err)
	}
	upgraded, err := s.upgradeCopy(ctx, tmp, opts)
	if err != nil {
		removeCopy(tmp)
		release()
		if free, full := diskFull(err, tmp); full {
			return nil, rtp.Errorf(rtp.EDATABASE, "cannot read %s (schema version %d) through an upgraded copy: the disk holding %s is full (%s free)", s.path, from, dir, sizeText(free))
		}
		return nil, rtp.Errorf(rtp.EDATABASE, "cannot read %s (schema version %d) through an upgraded copy in %s: %v", s.path, from, dir, err)
	}
	upgraded.copyPath, upgraded.releaseCopy = tmp, release
	upgraded.Upgraded = &Upgrade{From: from, To: rtp.SchemaVersion}
	upgraded.whyReadOnly = s.whyReadOnly
	return upgraded, nil
}

// upgradeCopy copies the tracker into the empty file tmp, upgrades the copy
// and opens it read-only, named as the tracker in messages.
func (s *Store) upgradeCopy(ctx context.Context, tmp string, opts Options) (*Store, error) {
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return nil, err
	}
	writable, err := openDSN(s.path, tmp, "rw", opts)
	if err != nil {
		return nil, err
	}
	err = writable.migrate(ctx)
	if closeErr := writable.db.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return nil, err
	}
	return openInMode(ctx, s.path, tmp, "ro", opts)
}
