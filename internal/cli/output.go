package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// output is where a command writes what it makes: a file, or standard
// output.
type output struct {
	path  string // --output; "" or "-" is standard output
	force bool   // replace an existing regular file
	// private output holds entries marked private: its file is readable by
	// its owner only (0600), whoever else can read the folder.
	private bool
	binary  bool // never written to a terminal
}

// stdoutPath is the name that means standard output wherever rtp takes an
// output file.
const stdoutPath = "-"

func (o output) toFile() bool { return o.path != "" && o.path != stdoutPath }

// Modes of the files rtp writes: a report anyone may read, and one with
// private entries that only its owner may.
const (
	publicFileMode  os.FileMode = 0o644
	privateFileMode os.FileMode = 0o600
)

// writeOutput sends what gen writes to the output file, or to stdout. A file
// is written under a temporary name in its folder, synced, then renamed into
// place, so that a reader never sees half a report and a failure leaves
// nothing behind. An existing file is replaced only with force, and only if
// it is a regular file that is not one of the tracker's own. Binary output
// is not written to a terminal.
func (a *App) writeOutput(o output, gen func(io.Writer) error) error {
	if !o.toFile() {
		if o.binary && a.IsTerminal {
			return rtp.Errorf(rtp.EINVALID, "this format is binary and would garble the terminal: give --output FILE, or redirect to a file")
		}
		return gen(a.Stdout)
	}
	path := o.path
	abs, err := filepath.Abs(path)
	if err != nil {
		return rtp.Errorf(rtp.EINVALID, "invalid --output %q: %v", path, err)
	}
	dir := filepath.Dir(abs)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return rtp.Errorf(rtp.EINVALID, "invalid --output %s: the folder %s does not exist", path, dir)
	}
	if info, err := os.Stat(abs); err == nil && info.IsDir() {
		return rtp.Errorf(rtp.EINVALID, "invalid --output %s: it is a folder; give a file name", path)
	}
	tracker, _, err := a.dbPath()
	if err != nil {
		return err
	}
	if err := checkWritable("--output", path, tracker); err != nil {
		return err
	}
	if _, err := os.Lstat(abs); err == nil && !o.force {
		return rtp.Errorf(rtp.ECONFLICT, "%s already exists: give another name, or --force to replace it", path)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".tmp-*")
	if err != nil {
		return rtp.Errorf(rtp.EINVALID, "cannot write in %s: %v", dir, err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up after a failure
	mode := publicFileMode
	if o.private {
		mode = privateFileMode
	}
	// CreateTemp made the file 0600: private output is never readable by
	// others, not even while it is being written.
	buf := bufio.NewWriterSize(tmp, 1<<16)
	err = gen(buf)
	if err == nil {
		err = buf.Flush()
	}
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return err
	}
	// Checked again: the path may have become a device or a FIFO while the
	// output was made.
	if err := checkWritable("--output", path, tracker); err != nil {
		return err
	}
	if o.force {
		err = os.Rename(tmp.Name(), abs)
	} else {
		err = os.Link(tmp.Name(), abs) // fails rather than replace a file that appeared meanwhile
	}
	if errors.Is(err, os.ErrExist) {
		return rtp.Errorf(rtp.ECONFLICT, "%s already exists: give another name, or --force to replace it", path)
	}
	if err != nil {
		return rtp.Errorf(rtp.EINVALID, "cannot write %s: %v", path, err)
	}
	return nil
}

// formatOfExtension is the format a file's name promises, by extension.
var formatOfExtension = map[string]string{".csv": "csv", ".tsv": "tsv", ".md": "markdown", ".markdown": "markdown",
	".html": "html", ".htm": "html", ".json": "json", ".xlsx": "xlsx", ".ics": "ics"}

// warnExtension says on stderr when --output's name promises another format
// than the one written (an Excel workbook in progress.csv): the file is
// written as asked, and whoever opens it should not be surprised.
func (a *App) warnExtension(path, format string) {
	named, ok := formatOfExtension[strings.ToLower(filepath.Ext(path))]
	if ok && named != format && path != stdoutPath {
		fmt.Fprintf(a.Stderr, "rtp: %s is named as %s but holds %s; --format %s writes %s\n", path, named, format, named, named)
	}
}
