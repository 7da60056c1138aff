package store

import (
	"crypto/rand"
	"fmt"
	"sync/atomic"
	"time"
)

// lastUIDNanos is the time in the latest uid this process made.
var lastUIDNanos atomic.Int64

// orderedUID makes an entry's uid: the wall-clock time in nanoseconds, in
// 16 hexadecimal digits and strictly increasing within a process, then 10
// random characters. Entries recorded in the same second are ordered by uid
// (the state rule's tie-break, the same in every tracker), so uids that
// follow the order of recording keep show and the log in the order things
// were recorded, and the random part keeps uids of different trackers apart.
func orderedUID() string {
	for {
		last := lastUIDNanos.Load()
		now := max(time.Now().UnixNano(), last+1)
		if lastUIDNanos.CompareAndSwap(last, now) {
			return fmt.Sprintf("%016x", now) + rand.Text()[:10]
		}
	}
}
