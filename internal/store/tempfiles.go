package store

import (
	"bytes"
	"crypto/rand"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"
)

// processStart is when this rtp started: a temporary file of rtp's older
// than that was left by a process that was killed, never by a running one
// of ours.
var processStart = time.Now()

// A temporary copy is named ".NAME.tmp-XXXXXXXX", where XXXXXXXX are 8
// characters of crypto/rand's Text alphabet (base32, A-Z and 2-7).
var tempName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\..+\.tmp-[A-Z2-7]{8}$`) })

// tempSideFile names what SQLite writes beside such a copy while it is
// being written: its rollback journal, or a WAL and its index.
var tempSideFile = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\..+\.tmp-[A-Z2-7]{8})-(journal|wal|shm)$`) })

// createPrivateTemp creates an empty file, readable by its owner only, for
// a copy of a tracker to be written into (VACUUM INTO accepts an empty
// file), named after base in dir. It does not replace anything. The copy
// is marked in use until release is called, so that no other rtp takes it
// for one a killed process left.
func createPrivateTemp(dir, base string) (path string, release func(), err error) {
	removeStaleTemps(dir) // what killed runs left there before
	for {
		name := filepath.Join(dir, "."+base+".tmp-"+rand.Text()[:8])
		f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return "", nil, err
		}
		if err := holdInUse(f); err != nil {
			f.Close()
			os.Remove(name)
			return "", nil, err
		}
		return name, func() { f.Close() }, nil
	}
}

// removeStaleTemps removes, from dir, the temporary copies that an rtp
// killed in a backup or an upgrade left: files named as createPrivateTemp
// names them, last written before this process started, that no running
// process holds (see createPrivateTemp), holding nothing or an SQLite
// database. Anything else is left alone; failures are ignored,
// as the next run tries again.
func removeStaleTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(processStart) {
			continue
		}
		// A journal or WAL whose copy is gone is an orphan of a killed run.
		if m := tempSideFile().FindStringSubmatch(e.Name()); m != nil {
			if _, err := os.Lstat(filepath.Join(dir, m[1])); os.IsNotExist(err) {
				os.Remove(path)
			}
			continue
		}
		if !tempName().MatchString(e.Name()) || !copyOfOurs(path) || inUse(path) {
			continue
		}
		removeCopy(path)
	}
}

// copyOfOurs reports whether the file at path looks like a copy rtp was
// writing: empty, an SQLite database, or a database whose first page was
// not written yet (all zeros, with its journal beside it), as a backup
// killed in the middle of its copy leaves it.
func copyOfOurs(path string) bool {
	if emptyOrSQLite(path) {
		return true
	}
	if _, err := os.Lstat(path + "-journal"); err != nil {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 100) // the SQLite header
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return bytes.Count(head, []byte{0}) == len(head)
}

// emptyOrSQLite reports whether the file at path is empty or starts as an
// SQLite database does.
func emptyOrSQLite(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	const magic = "SQLite format 3\x00"
	head := make([]byte, len(magic))
	n, err := io.ReadFull(f, head)
	return (n == 0 && err == io.EOF) || (err == nil && bytes.Equal(head, []byte(magic)))
}
