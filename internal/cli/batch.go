package cli

import (
	"fmt"
	"strconv"

	"github.com/rtp-tracker/rtp"
)

// batchLine says which batch an import or a merge recorded, and how to
// undo it; or that it recorded no entry, and so no batch.
func batchLine(id int64) string {
	if id == 0 {
		return "no new entries: no batch recorded"
	}
	return fmt.Sprintf("batch %d: rtp track retract --batch %d --reason TEXT retracts it", id, id)
}

// parseBatchID reads the number of an import or a merge.
func parseBatchID(label, s string) (int64, error) {
	if !entryIDPattern().MatchString(s) {
		return 0, rtp.Errorf(rtp.EINVALID, "invalid %s %q: use the number an import or a merge printed, such as 3 (rtp log --batches lists them)", label, s)
	}
	return strconv.ParseInt(s, 10, 64)
}
