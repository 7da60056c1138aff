package rtp

import _ "embed"

// Schema is the SQL that creates an rtp database: schema.sql, embedded here
// because go:embed cannot reach a parent folder from internal/store.
//
//go:embed schema.sql
var Schema string

// ApplicationID marks an SQLite file as an rtp tracker ("RtP1" in ASCII), so
// that another program's database is recognised and refused.
const ApplicationID = 0x52745031

// SchemaVersion is the version of Schema, kept in the file's user_version.
const SchemaVersion = 17
