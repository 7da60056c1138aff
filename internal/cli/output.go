package cli

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/rtp-tracker/rtp"
)

// writeOutput sends what gen writes to the file path, or to stdout when path
// is empty. A file is written under a temporary name in its folder, synced,
// then renamed into place, so that a reader never sees half a report and a
// failure leaves nothing behind. An existing file is replaced only with
// force. Binary output is not written to a terminal.
func (a *App) writeOutput(path string, force, binary bool, gen func(io.Writer) error) error {
	if path == "" {
		if binary && a.IsTerminal {
			return rtp.Errorf(rtp.EINVALID, "this format is binary and would garble the terminal: give --output FILE, or redirect to a file")
		}
		return gen(a.Stdout)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return rtp.Errorf(rtp.EINVALID, "invalid --output %q: %v", path, err)
	}
	dir := filepath.Dir(abs)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return rtp.Errorf(rtp.EINVALID, "invalid --output %s: the folder %s does not exist", path, dir)
	}
	switch info, err := os.Stat(abs); {
	case err == nil && info.IsDir():
		return rtp.Errorf(rtp.EINVALID, "invalid --output %s: it is a folder; give a file name", path)
	case err == nil && !force:
		return rtp.Errorf(rtp.ECONFLICT, "%s already exists: give another name, or --force to replace it", path)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".tmp-*")
	if err != nil {
		return rtp.Errorf(rtp.EINVALID, "cannot write in %s: %v", dir, err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up after a failure
	buf := bufio.NewWriterSize(tmp, 1<<16)
	err = gen(buf)
	if err == nil {
		err = buf.Flush()
	}
	if err == nil {
		err = tmp.Chmod(0o644)
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
	if force {
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
