package store

import (
	"context"
	"sync"
	"sync/atomic"
)

// sessionView is what a session on PostgreSQL sees of the tracker. Row-level
// security hides the private entries of other organisations from it; the
// kept current state, worked out from every entry, is then hidden whole
// (its policy asks sees_everything()), and reads must work the state out
// from the history the session sees. That changes while the process runs
// (a private entry of another organisation recorded, a role's level or
// organisation changed), so a long-running reader learns it again whenever
// the tracker's Version changes.
type sessionView struct {
	partial atomic.Bool // the session does not see every entry
	mu      sync.Mutex  // held while learning partial for a new version
	version string      // the Version partial was learnt at ("" at open)
}

// Version names what the tracker holds as this session sees it. It is
// exact and cheap (one short query, indexes only): every write transaction
// takes a new stamp from the clock and puts it back if it recorded
// nothing, and a migration changes the schema version. On PostgreSQL a
// source added is not stamped (no entry is), so the count of sources
// counts too, and what the session is shown depends on who it is
// (my_org(), is_admin()), which an admin may change at any time.
//
// On PostgreSQL, when the version changed, Version learns again whether
// the session sees every entry before it returns: no read made for the
// new version takes the kept state the session can no longer see.
func (s *Store) Version(ctx context.Context) (string, error) {
	version, err := s.trackerVersion(ctx, s.db)
	if err != nil || s.pg == nil {
		return version, s.translate(err)
	}
	v := &s.view
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.version == version {
		return version, nil
	}
	var all bool
	if err := s.db.QueryRowContext(ctx, `SELECT sees_everything()`).Scan(&all); err != nil {
		return "", s.translate(err)
	}
	v.partial.Store(!all)
	v.version = version
	return version, nil
}

// trackerVersion is Version as q (the store, or a transaction: then the
// version of what the transaction reads) sees it.
func (s *Store) trackerVersion(ctx context.Context, q querier) (version string, err error) {
	if s.pg == nil {
		err = q.QueryRowContext(ctx, `SELECT (SELECT user_version FROM pragma_user_version) || ' ' || last_stamp FROM clock`).Scan(&version)
	} else {
		err = q.QueryRowContext(ctx, pgNative+`SELECT concat_ws(' ', v.version, c.last_stamp, (SELECT count(*) FROM sources), is_admin(), my_org())
			FROM schema_version v, clock c`).Scan(&version)
	}
	return version, err
}
