package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// exposedWarning warns when a tracker holding private entries may be read
// by other users of the machine: its mode lets its group or everyone read
// it, through a folder they may enter. It is a warning, not a problem of
// the check: the tracker is sound, the mode is the owner's choice (a team
// may share a tracker on purpose), and a tracker made by an older rtp, or
// copied with cp, would otherwise fail every check until chmod.
func (s *Store) exposedWarning(updates, evidence int) string {
	if updates+evidence == 0 {
		return ""
	}
	file, err := os.Stat(s.path)
	if err != nil {
		return ""
	}
	dir, err := os.Stat(filepath.Dir(s.path))
	if err != nil {
		return ""
	}
	mode, folder := file.Mode().Perm(), dir.Mode().Perm()
	groupReads := mode&0o040 != 0 && folder&0o010 != 0
	othersRead := mode&0o004 != 0 && folder&0o001 != 0
	if !groupReads && !othersRead {
		return ""
	}
	var held []string
	if updates > 0 {
		held = append(held, rtp.CountOf(updates, "private update"))
	}
	if evidence > 0 {
		held = append(held, rtp.CountOf(evidence, "piece")+" of private evidence")
	}
	// A file nobody may write (mode 444) stays so: 400, not 600.
	keep := "600"
	if mode&0o200 == 0 {
		keep = "400"
	}
	return fmt.Sprintf("%s holds %s, and other users of this machine may read it (mode %04o): keep it yours only with chmod %s %s",
		s.path, strings.Join(held, " and "), mode, keep, s.path)
}
