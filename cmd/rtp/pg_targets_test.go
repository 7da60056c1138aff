package main

import (
	"strings"
	"testing"
)

// TestPGTargetsByLevel: on a shared tracker a member sets a target, stamped
// with the member's role by the server; a reader reads it but may not set
// one; nobody edits a target past rtp, not even the owner (the trigger).
func TestPGTargetsByLevel(t *testing.T) {
	r := newRolesTracker(t)
	r.must(t, "alice", "track", "target", "ga-agenda", "2099-12-31", "--note", "Org A's plan")
	if got := r.query(t, "rita", `SELECT "by" || ' ' || due || ' ' || status FROM rtp.targets`); got != "alice 2099-12-31 implemented" {
		t.Errorf("the target as a reader reads it: %q", got)
	}
	if out := r.must(t, "rita", "track", "show", "ga-agenda"); !strings.Contains(out, "Target:    implemented, due 2099-12-31, in ") {
		t.Errorf("show as a reader has no target:\n%s", out)
	}
	r.refused(t, "may only read", "rita", "track", "target", "ga-agenda", "2099-06-30")
	r.serverRefuses(t, "roles_owner", `UPDATE rtp.targets SET due = '2100-01-01'`, "append-only")
	r.serverRefuses(t, "alice", `DELETE FROM rtp.targets`, "permission denied")
}
