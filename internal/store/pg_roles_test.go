package store_test

import (
	"context"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

func TestGrantOnAFileIsRefused(t *testing.T) {
	s := mustCreate(t)
	ctx := context.Background()
	for name, err := range map[string]error{
		"Grant":  s.Grant(ctx, rtp.Member{Role: "alice", Level: rtp.LevelMember}),
		"Revoke": s.Revoke(ctx, "alice"),
		"Members": func() error {
			_, err := s.Members(ctx)
			return err
		}(),
	} {
		if rtp.ErrorCode(err) != rtp.ECONFLICT {
			t.Errorf("%s on a file: %v, want a conflict", name, err)
		}
	}
}

func TestPGGrantRevokeMembers(t *testing.T) {
	c, url := newPGTracker(t)
	if err := c.EnsureRole("store_alice", "LOGIN"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.OpenPG(ctx, url, memoOptions)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		name string
		m    rtp.Member
		code string
	}{
		{"ErrLevel", rtp.Member{Role: "store_alice", Level: "owner"}, rtp.EINVALID},
		{"ErrRoleControl", rtp.Member{Role: "store\talice", Level: rtp.LevelReader}, rtp.EINVALID},
		{"ErrOrgEmptyish", rtp.Member{Role: "store_alice", Level: rtp.LevelReader, Org: " "}, rtp.EINVALID},
		{"ErrNoSuchRole", rtp.Member{Role: "store_ghost", Level: rtp.LevelReader}, rtp.ENOTFOUND},
	} {
		if err := s.Grant(ctx, tc.m); rtp.ErrorCode(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
	if err := s.Grant(ctx, rtp.Member{Role: "store_alice", Level: rtp.LevelReader, Org: "FES"}); err != nil {
		t.Fatal(err)
	}
	// A new level without --org keeps the organisation.
	if err := s.Grant(ctx, rtp.Member{Role: "store_alice", Level: rtp.LevelMember}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (rtp.Member{Role: "store_alice", Level: rtp.LevelMember, Org: "FES"}); len(got) != 1 || got[0] != want {
		t.Errorf("members %+v, want %+v", got, want)
	}
	if err := s.Revoke(ctx, "store_alice"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Members(ctx); err != nil || len(got) != 0 {
		t.Errorf("members after revoke: %+v, %v", got, err)
	}
	if err := s.Revoke(ctx, "store_alice"); rtp.ErrorCode(err) != rtp.ENOTFOUND {
		t.Errorf("second revoke: %v, want not found", err)
	}
}
