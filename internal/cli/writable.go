package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rtp-tracker/rtp"
)

// trackerSuffixes name the files SQLite keeps beside a tracker: writing any
// of them loses or corrupts the tracker.
var trackerSuffixes = []string{"", "-wal", "-shm", "-journal"}

// checkWritable refuses to write a file at path (given as label, e.g.
// "--output") unless it is a new path or a regular file, and never one of
// the tracker's own files, whatever --force says: replacing a device node
// such as /dev/null, a FIFO or the live tracker destroys it. The tracker's
// files are compared by identity, so that a symbolic or hard link, or
// another spelling of the path, is caught, and by name for those that do
// not exist at the moment.
func checkWritable(label, path, tracker string) error {
	allowed := "rtp writes only to a new path or a regular file that is not the tracker's, or - for standard output"
	abs, err := filepath.Abs(path)
	if err != nil {
		return rtp.FieldError(label, path, "%v", err)
	}
	switch suffix, own := trackerFileAt(abs, tracker); {
	case own && suffix == "":
		return rtp.FieldError(label, path, "it is the tracker itself; %s", allowed)
	case own:
		return rtp.FieldError(label, path, "it is the tracker's own file %s; %s", tracker+suffix, allowed)
	}
	info, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return rtp.FieldError(label, path, "%v", err)
	}
	// A folder is left to the writer, which asks for a file name in it.
	if kind := fileKind(info.Mode()); kind != "" && !info.IsDir() {
		return rtp.FieldError(label, path, "it is %s; %s", kind, allowed)
	}
	return nil
}

// trackerFileAt tells whether abs is one of the tracker's files, and which:
// the suffix of its name.
func trackerFileAt(abs, tracker string) (suffix string, own bool) {
	if tracker == "" {
		return "", false
	}
	trackerAbs, err := filepath.Abs(tracker)
	if err != nil {
		return "", false
	}
	// SQLite names the -wal, -shm and -journal after the file a link to the
	// tracker points to, so both names have them.
	bases := []string{trackerAbs}
	if resolved, err := filepath.EvalSymlinks(trackerAbs); err == nil && resolved != trackerAbs {
		bases = append(bases, resolved)
	}
	target, targetErr := os.Stat(abs)
	for _, base := range bases {
		for _, suffix := range trackerSuffixes {
			file := base + suffix
			if canonical(file) == canonical(abs) {
				return suffix, true
			}
			if info, err := os.Stat(file); err == nil && targetErr == nil && os.SameFile(info, target) {
				return suffix, true
			}
		}
	}
	return "", false
}

// canonical is abs with the links in its folder resolved, so that two
// spellings of a path that does not exist yet compare equal.
func canonical(abs string) string {
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return filepath.Clean(abs)
	}
	return filepath.Join(dir, filepath.Base(abs))
}

// fileKind names what a file is when it is not a regular file.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode.IsRegular():
		return ""
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a block device"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}
