package store_test

import "database/sql"

// sqlOpen opens a tracker file directly, bypassing the store, to try what
// the store itself never does.
func sqlOpen(path string) (*sql.DB, error) { return sql.Open("sqlite", path) }
