package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/rtp-tracker/rtp"
)

// openFile opens an existing tracker read-write when this process may write
// the file and its folder, and otherwise (or when asked to) reads it
// without writing anything: a reader who may not write must not leave
// SQLite's -wal and -shm files behind, owned by them, where they lock the
// owner out.
func openFile(ctx context.Context, path, abs string, opts Options) (*Store, error) {
	// In a folder it may not write, a writer can still use the -wal and
	// -shm that are there; it cannot create them.
	writer := mayWrite(abs) && (mayWrite(filepath.Dir(abs)) || mayWrite(abs+"-wal") && mayWrite(abs+"-shm"))
	var err error
	if writer && !opts.ReadOnly {
		var s *Store
		if s, err = openInMode(ctx, path, abs, "rw", opts); !fallsBackToReading(err) {
			return s, err
		}
	}
	if writer && !errors.Is(err, errDiskFull) {
		// Reading may need SQLite's shared index beside the file, which
		// this process may create: it may write there.
		var s *Store
		if s, err = openInMode(ctx, path, abs, "ro", opts); !fallsBackToReading(err) {
			return s, err
		}
	}
	s, openErr := openWithoutWriting(ctx, path, abs, opts, err)
	if openErr == nil && errors.Is(err, errDiskFull) {
		s.whyReadOnly = err // a write then says the disk is full
	}
	return s, openErr
}

// openWithoutWriting reads a tracker without creating or changing a file.
// With its -wal and index (-shm) there, as while another process has it
// open, SQLite reads them as they are, and sees that process's writes as
// a reader should. Reading the file alone (immutable) is right only when
// no -wal holds committed changes: those are part of the tracker, and
// reading without them would show an old state as if it were the current
// one. A -wal without its index cannot be read without writing one.
func openWithoutWriting(ctx context.Context, path, abs string, opts Options, cause error) (*Store, error) {
	wal, walErr := os.Stat(abs + "-wal")
	_, shmErr := os.Stat(abs + "-shm")
	committed := walErr == nil && wal.Size() > 0
	if walErr == nil && shmErr == nil {
		s, err := openInMode(ctx, path, abs, "ro", opts)
		if err == nil || committed {
			return s, err
		}
		// An index that cannot be used (left by an open that failed on a
		// full disk, say) beside an empty -wal: the file alone is all.
	}
	if !committed {
		return openInMode(ctx, path, abs, "ro&immutable=1", opts)
	}
	why := "you may not write in its folder"
	if errors.Is(cause, errDiskFull) {
		why = "the disk holding it is full"
	}
	return nil, rtp.Errorf(rtp.EREADONLY, "cannot read the tracker %s here: its latest changes are still in %s-wal, and reading them needs SQLite's index file beside it, which rtp cannot create as %s (reading without them would show an old state); ask whoever may write there to run any rtp command on it, or copy %s and %s-wal together to a folder you may write in and read the copy",
		path, path, why, path, path)
}

// openInMode opens abs in an SQLite open mode and reads its header, which
// shows whether the mode works.
func openInMode(ctx context.Context, path, abs, mode string, opts Options) (*Store, error) {
	s, err := openDSN(path, abs, mode, opts)
	if err != nil {
		return nil, err
	}
	if _, _, _, err = s.header(ctx, s.db); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// fallsBackToReading reports whether an open failed in a way that reading
// without writing may avoid: a file or folder that cannot be written, or
// a full disk.
func fallsBackToReading(err error) bool {
	if err == nil {
		return false
	}
	code := rtp.ErrorCode(err)
	return code == rtp.EREADONLY || code == rtp.EDATABASE || errors.Is(err, errDiskFull)
}
