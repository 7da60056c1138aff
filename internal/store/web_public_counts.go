package store

import (
	"context"
	"database/sql"
	"sync"

	"github.com/rtp-tracker/rtp"
)

// keptPublicCounts are the evidence counts a report without private
// entries gives the recommendations whose kept count differs (those with
// private evidence, or evidence of a private update), on one day as known
// at one moment, for one version of the tracker (trackerVersion). Finding
// those recommendations scans the evidence and the updates (seconds at
// 100,000), and a long-running reader (rtp serve) needs the same counts
// for every page of a list sorted or filtered on public values.
type keptPublicCounts struct {
	mu     sync.Mutex // held while counting: others wait for the counts
	key    string     // version, day and moment counted for
	counts map[string]int
	// private is whether the tracker holds a private entry, at version
	// privateAt: a scan of the updates when it holds none.
	private   bool
	privateAt string
}

// holdsPrivate reports whether the tracker holds any private entry
// (web_list_page_private), as tx reads it.
func (s *Store) holdsPrivate(ctx context.Context, tx *sql.Tx) (bool, error) {
	version, err := s.trackerVersion(ctx, tx)
	if err != nil {
		return false, err
	}
	k := &s.publicCounts
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.privateAt != version {
		if err := tx.QueryRowContext(ctx, Query("web_list_page_private")).Scan(&k.private); err != nil {
			k.privateAt = ""
			return false, err
		}
		k.privateAt = version
	}
	return k.private, nil
}

// publicRecounts returns, for the recommendations whose evidence a report
// without private entries counts otherwise than the kept state, the
// report's count on f.AsOf as known at f.AsRecorded. The version is read in
// tx, so the counts kept are those of the version they are kept under.
func (s *Store) publicRecounts(ctx context.Context, tx *sql.Tx, f rtp.ListFilter) (map[string]int, error) {
	version, err := s.trackerVersion(ctx, tx)
	if err != nil {
		return nil, err
	}
	key := version + "\x00" + string(f.AsOf) + "\x00" + f.AsRecorded.KnownAt()
	k := &s.publicCounts
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.counts != nil && k.key == key {
		return k.counts, nil
	}
	var ids []string
	if err := eachID(ctx, tx, "web_list_page_private_evidence", nil, func(id string, _ int) { ids = append(ids, id) }); err != nil {
		return nil, err
	}
	counts := make(map[string]int, len(ids))
	if len(ids) > 0 {
		if err := publicCounts(ctx, tx, f, ids, func(id string, count int) { counts[id] = count }); err != nil {
			return nil, err
		}
	}
	k.key, k.counts = key, counts
	return counts, nil
}
