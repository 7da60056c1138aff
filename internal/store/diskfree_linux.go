package store

import "syscall"

// freeBytes reports how many bytes an unprivileged process may still write
// on the file system holding path, if the system can tell.
func freeBytes(path string) (int64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return 0, false
	}
	return int64(st.Bavail) * st.Bsize, true
}
