package rtp

import (
	"context"
	"slices"
)

// Level is what a login role may do on a shared tracker: the server
// enforces it with a group role per level (rtp db grant).
type Level string

// The levels, each allowed what the one before it is, and more.
const (
	// LevelReader reads: the public entries and its organisation's private ones.
	LevelReader Level = "reader"
	// LevelMember also records updates, evidence, assignments and retractions.
	LevelMember Level = "member"
	// LevelAdmin also adds sources, merges other trackers, sees every private
	// entry and grants levels to others.
	LevelAdmin Level = "admin"
)

// Levels are the levels in order, for messages and flags.
var Levels = []Level{LevelReader, LevelMember, LevelAdmin}

// Member is a login role of a shared tracker's server, its level and the
// organisation whose private entries it sees and records.
type Member struct {
	Role  string `json:"role"`
	Level Level  `json:"level"`
	Org   string `json:"org"`
}

// Validate checks the member's fields; an empty Org means the role keeps
// the organisation it has (or, new, is its own).
func (m Member) Validate() error {
	if err := CheckLine("role", m.Role, 63); err != nil {
		return err
	}
	if m.Org != "" {
		if err := CheckLine("org", m.Org, 200); err != nil {
			return err
		}
	}
	if slices.Contains(Levels, m.Level) {
		return nil
	}
	return FieldError("level", string(m.Level), "use %s", joinNames(Levels))
}

// Membership is a tracker whose server enforces who may do what: a tracker
// shared on PostgreSQL. A local file has no such thing: whoever may read
// the file reads everything in it.
type Membership interface {
	// Grant gives a role a level (and an organisation), in place of the
	// level it had. Only an admin may.
	Grant(ctx context.Context, m Member) error
	// Revoke takes every level from a role. Only an admin may.
	Revoke(ctx context.Context, role string) error
	// Members lists the roles granted a level, by role name.
	Members(ctx context.Context) ([]Member, error)
}
