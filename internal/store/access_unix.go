//go:build unix

package store

import "syscall"

// mayWrite reports whether this process may write path, by the same rule
// the kernel applies (a read-only file system included), without opening
// it: opening the live tracker and closing it would drop SQLite's locks.
func mayWrite(path string) bool {
	const writeOK = 2 // W_OK
	return syscall.Access(path, writeOK) == nil
}
