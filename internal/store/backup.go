package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/rtp-tracker/rtp"
)

// Backup writes a consistent copy of the tracker to dest while other
// processes may be writing to it. The copy is made with VACUUM INTO under a
// temporary name in dest's folder, synced to disk, then renamed into place,
// so that dest is either the whole copy or untouched. An existing dest is
// only replaced when force is set. The copy is readable by its owner only;
// the temporary copies a killed backup left in dest's folder are removed.
func (s *Store) Backup(ctx context.Context, dest string, force bool) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return rtp.Errorf(rtp.EINVALID, "invalid backup path %q: %v", dest, err)
	}
	if same, _ := sameFile(abs, s.path); same {
		return rtp.Errorf(rtp.EINVALID, "invalid backup path %s: it is the tracker itself", dest)
	}
	info, err := os.Stat(abs)
	switch {
	case err == nil && info.IsDir():
		return rtp.Errorf(rtp.EINVALID, "invalid backup path %s: it is a folder; give a file name", dest)
	case err == nil && !force:
		return &rtp.Error{Code: rtp.ECONFLICT, Message: dest + " already exists", Err: rtp.ErrFileExists}
	}
	dir := filepath.Dir(abs)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return rtp.Errorf(rtp.EINVALID, "invalid backup path %s: the folder %s does not exist", dest, dir)
	}
	// The copy is the owner's only: it holds the private entries too.
	tmp, release, err := createPrivateTemp(dir, filepath.Base(abs))
	if err != nil {
		return rtp.Errorf(rtp.EINVALID, "cannot write in %s: %v", dir, err)
	}
	defer release()
	defer removeCopy(tmp) // gone after the rename; removes what a failure left
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		if free, full := diskFull(err, tmp); full {
			return rtp.Errorf(rtp.EDATABASE, "the disk holding %s is full (%s free): no backup was written", dir, sizeText(free))
		}
		if errors.Is(err, os.ErrPermission) {
			return rtp.Errorf(rtp.EINVALID, "cannot write in %s: %v", dir, err)
		}
		return rtp.Errorf(rtp.EDATABASE, "cannot copy the tracker to %s: %v", dir, s.translate(err))
	}
	if err := syncFile(tmp); err != nil {
		return rtp.Errorf(rtp.EDATABASE, "cannot write the copy in %s: %v", dir, err)
	}
	if force {
		err = os.Rename(tmp, abs)
	} else {
		// A hard link fails if dest appeared meanwhile: never clobber it.
		err = os.Link(tmp, abs)
	}
	if errors.Is(err, os.ErrExist) {
		return &rtp.Error{Code: rtp.ECONFLICT, Message: dest + " already exists", Err: rtp.ErrFileExists}
	}
	if err != nil {
		return rtp.Errorf(rtp.EDATABASE, "cannot put the copy at %s: %v", dest, err)
	}
	return syncFile(dir) // make the new name durable
}

// syncFile flushes a file (or a folder's entries) to disk. It never opens the
// live tracker: closing a descriptor to it would drop this process's locks.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}

// removeCopy removes a temporary copy of a tracker with the journal SQLite
// may have left beside it.
func removeCopy(path string) {
	for _, suffix := range []string{"-journal", "-wal", "-shm", ""} {
		os.Remove(path + suffix)
	}
}
