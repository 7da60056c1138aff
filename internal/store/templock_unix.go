//go:build unix

package store

import (
	"os"
	"syscall"
)

// holdInUse marks a temporary copy as in use for as long as f stays open,
// with a lock of its own kind (flock), apart from SQLite's (fcntl).
func holdInUse(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// inUse reports whether a running process holds the temporary copy at path.
func inUse(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true
	}
	defer f.Close()
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil
}
