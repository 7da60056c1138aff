package store

import (
	"errors"
	"fmt"
	"path/filepath"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// nearlyFull is the free space under which an I/O error is put down to a
// full disk. SQLite reports a full disk as SQLITE_FULL only for some writes;
// growing the shared-memory index or the WAL on a full disk comes back as an
// I/O error (SQLITE_IOERR_SHMSIZE, 4874, or SQLITE_IOERR_WRITE), and the
// driver does not pass the system's ENOSPC on. A write that fails with less
// than this left had no room: SQLite writes a page (4 KiB) or a 32 KiB
// stretch of its index at a time.
const nearlyFull = 1 << 20

// errDiskFull marks the errors a full disk caused, so that opening can fall
// back to reading without writing.
var errDiskFull = errors.New("disk full")

// diskFull reports whether err is SQLite failing for want of space on the
// disk holding path, and how much is left there.
func diskFull(err error, path string) (free int64, full bool) {
	var sqliteErr *sqlite.Error
	if !errors.As(err, &sqliteErr) {
		return 0, false
	}
	switch sqliteErr.Code() & 0xff {
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR:
	default:
		return 0, false
	}
	free, known := freeBytes(filepath.Dir(path))
	if !known {
		return 0, sqliteErr.Code()&0xff == sqlite3.SQLITE_FULL
	}
	return free, free < nearlyFull
}

// sizeText says a number of bytes as people read it.
func sizeText(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
}
