package store_test

import (
	"database/sql"

	"github.com/rtp-tracker/rtp/internal/sources"
	"github.com/rtp-tracker/rtp/internal/store"
)

// sqlOpen opens a tracker file directly, bypassing the store, to try what
// the store itself never does.
func sqlOpen(path string) (*sql.DB, error) { return sql.Open("sqlite", path) }

// memoOptions create trackers as rtp does, seeded with the built-in memo.
var memoOptions = store.Options{Seed: sources.Seed}
