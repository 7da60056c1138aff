package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// Who may do what on a shared tracker: a login role holds one of the
// tracker's group roles (pgRoles), which carry the privileges, and a row of
// members, which gives its organisation (whose private entries it sees) and
// tells the row-level security who is an admin. Both change together, in
// one transaction, or neither does.

// errNotShared is the answer of a tracker file to what only a server does.
func (s *Store) errNotShared() error {
	return rtp.Errorf(rtp.ECONFLICT, "grants are for shared trackers on PostgreSQL: %s is a file, and whoever may read the file reads all of it", s.path)
}

// Grant gives m.Role the level m.Level in place of any other, and the
// organisation m.Org (its present one, or its own name, if empty).
func (s *Store) Grant(ctx context.Context, m rtp.Member) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if s.pg == nil {
		return s.errNotShared()
	}
	return s.transact(ctx, func(tx *sql.Tx) error {
		roles, err := s.grantable(ctx, tx, m.Role)
		if err != nil {
			return err
		}
		if owner, err := ownerOf(ctx, tx); err != nil {
			return err
		} else if m.Role == owner && m.Level != rtp.LevelAdmin {
			return rtp.Errorf(rtp.ECONFLICT, "%q owns the tracker's database and is always an admin: grant another role", m.Role)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO members (role, level, org) VALUES (?, ?, COALESCE(NULLIF(?, ''), ?))
			ON CONFLICT (role) DO UPDATE SET level = excluded.level, org = COALESCE(NULLIF(?, ''), members.org)`,
			m.Role, string(m.Level), m.Org, m.Role, m.Org); err != nil {
			return err
		}
		for _, level := range rtp.Levels {
			group := quoteIdent(roles[string(level)])
			statement := `REVOKE ` + group + ` FROM ` + quoteIdent(m.Role)
			if level == m.Level {
				// An admin grants levels to others: the admin group may
				// grant reader and member (pgschema.sql), each admin the
				// admin level itself.
				statement = `GRANT ` + group + ` TO ` + quoteIdent(m.Role)
				if level == rtp.LevelAdmin {
					statement += ` WITH ADMIN OPTION`
				}
			}
			if _, err := tx.ExecContext(ctx, pgNative+statement); err != nil {
				return err
			}
		}
		return s.checkLevels(ctx, tx, m.Role, roles, m.Level)
	})
}

// Revoke takes every level from role: it can no longer read the tracker.
func (s *Store) Revoke(ctx context.Context, role string) error {
	if err := rtp.CheckLine("role", role, 63); err != nil {
		return err
	}
	if s.pg == nil {
		return s.errNotShared()
	}
	return s.transact(ctx, func(tx *sql.Tx) error {
		roles, err := s.grantable(ctx, tx, role)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM members WHERE role = ?`, role)
		if err != nil {
			return err
		}
		listed, _ := res.RowsAffected()
		held, err := heldLevels(ctx, tx, role, roles)
		if err != nil {
			return err
		}
		if listed == 0 && len(held) == 0 {
			return rtp.Errorf(rtp.ENOTFOUND, "%q has no level on this tracker: nothing to revoke (see rtp db members)", role)
		}
		for _, level := range rtp.Levels {
			if _, err := tx.ExecContext(ctx, pgNative+`REVOKE `+quoteIdent(roles[string(level)])+` FROM `+quoteIdent(role)); err != nil {
				return err
			}
		}
		return s.checkLevels(ctx, tx, role, roles, "")
	})
}

// Members lists the roles granted a level, by name.
func (s *Store) Members(ctx context.Context) ([]rtp.Member, error) {
	if s.pg == nil {
		return nil, s.errNotShared()
	}
	var out []rtp.Member
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT role, level, org FROM members ORDER BY role`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m rtp.Member
			if err := rows.Scan(&m.Role, &m.Level, &m.Org); err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// grantable checks that the session may grant and that role is a role of
// the server that may be granted a level, and returns the group roles.
func (s *Store) grantable(ctx context.Context, tx *sql.Tx, role string) (map[string]string, error) {
	var database string
	var admin bool
	if err := tx.QueryRowContext(ctx, `SELECT current_database(), is_admin()`).Scan(&database, &admin); err != nil {
		return nil, err
	}
	if !admin {
		return nil, rtp.Errorf(rtp.EREADONLY, "only an admin of the tracker may grant or revoke, and %s is not one: nothing was changed", s.pg.role)
	}
	roles := pgRoles(database)
	for _, group := range roles {
		if role == group {
			return nil, rtp.Errorf(rtp.ECONFLICT, "%q is one of the tracker's own group roles: grant a login role", role)
		}
	}
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)`, role).Scan(&exists); err != nil {
		return nil, err
	}
	if !exists {
		return nil, rtp.Errorf(rtp.ENOTFOUND, "there is no role %q on the server at %s: create it first (CREATE ROLE %s LOGIN PASSWORD '…')", role, s.pg.host, quoteIdent(role))
	}
	return roles, nil
}

func ownerOf(ctx context.Context, tx *sql.Tx) (string, error) {
	var owner string
	err := tx.QueryRowContext(ctx, `SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = ?`, PGSchema).Scan(&owner)
	return owner, err
}

// heldLevels are the tracker's levels whose group role role holds directly.
func heldLevels(ctx context.Context, tx *sql.Tx, role string, roles map[string]string) ([]string, error) {
	var held []string
	for _, level := range rtp.Levels {
		var holds bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_auth_members m
			JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE g.rolname = ? AND r.rolname = ?)`,
			roles[string(level)], role).Scan(&holds); err != nil {
			return nil, err
		}
		if holds {
			held = append(held, string(level))
		}
	}
	return held, nil
}

// checkLevels makes sure role holds exactly the level want ("" none): a
// server that kept a membership another role granted (PostgreSQL 16 and
// later record who granted what) would otherwise leave it more than it was
// given, silently.
func (s *Store) checkLevels(ctx context.Context, tx *sql.Tx, role string, roles map[string]string, want rtp.Level) error {
	held, err := heldLevels(ctx, tx, role, roles)
	if err != nil {
		return err
	}
	if len(held) == 0 && want == "" || len(held) == 1 && held[0] == string(want) {
		return nil
	}
	return rtp.Errorf(rtp.ECONFLICT, "%q still holds the levels %s, granted by another role: a superuser or that role must revoke them; nothing was changed",
		role, strings.Join(held, ", "))
}
