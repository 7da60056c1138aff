package store

import (
	"context"
	"database/sql"

	"github.com/rtp-tracker/rtp"
)

// entriesRule names, in db check's report, the problems of stored entries
// by the rules every way in applies (rtp.ExportChecker): a merge refuses what
// db check would flag, because both ask the same checker.
const entriesRule = "entries follow the rules of what they record"

// entryProblems checks every stored entry as a merge checks a received one.
func entryProblems(ctx context.Context, tx *sql.Tx, today rtp.Date) []string {
	c := rtp.NewExportChecker(today, nil)
	if err := exportEach(ctx, tx, knownNow, c); err != nil {
		return []string{entriesRule + ": the entries could not be read: " + err.Error()}
	}
	var out []string
	for _, m := range rtp.Messages(c.Err()) {
		out = append(out, entriesRule+": "+m)
	}
	return append(out, checkEntryProblems(ctx, tx, today)...)
}
