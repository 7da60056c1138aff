//go:build !unix

package store

import "os"

// mayWrite reports whether path may be written, from its mode bits: the
// best this system can tell without opening it.
func mayWrite(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().Perm()&0o200 != 0
}
