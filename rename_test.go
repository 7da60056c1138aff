package rtp_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestOwnerIdentities: a chain of renames leads back to the first name's
// key; names no rename gives are their own identity; a cycle gives none and
// RenameProblems names it, as it names a name given to two owners.
func TestOwnerIdentities(t *testing.T) {
	t.Parallel()
	rename := func(uid, old, new string, asOf rtp.Date) rtp.OwnerRename {
		return rtp.OwnerRename{UID: uid, OldName: old, NewName: new, AsOf: asOf, ReceivedAt: string(asOf) + "T12:00:00.000000Z"}
	}
	chain := []rtp.OwnerRename{
		rename("b", "Stanley Center", "Stanley Institute", "2023-01-01"),
		rename("a", "Stanley Foundation", "stanley center", "2021-01-01"),
	}
	ids := rtp.OwnerIdentities(chain)
	want := map[string]string{"stanley foundation": "stanley foundation", "stanley center": "stanley foundation", "stanley institute": "stanley foundation"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("identities: %v, want %v", ids, want)
	}
	if got := rtp.IdentityOf(ids, "fes"); got != "fes" {
		t.Errorf("a name no rename gives: identity %q", got)
	}
	for day, want := range map[rtp.Date]string{"2020-12-31": "Stanley Foundation", "2021-01-01": "stanley center", "2025-01-01": "Stanley Institute"} {
		if got := rtp.NameOn(chain, ids, "stanley foundation", day, "", "STANLEY FOUNDATION"); got != want {
			t.Errorf("name on %s: %q, want %q", day, got, want)
		}
	}
	// As recorded before a rename was received, the name is what it was
	// then, whatever day is asked for; before any, as the assignment spells it.
	for known, want := range map[rtp.Moment]string{"2023-01-01T11:59:59.999999Z": "stanley center", "2021-01-01T11:59:59.999999Z": "STANLEY FOUNDATION"} {
		if got := rtp.NameOn(chain, ids, "stanley foundation", "2025-01-01", known, "STANLEY FOUNDATION"); got != want {
			t.Errorf("name on 2025-01-01 as known at %s: %q, want %q", known, got, want)
		}
	}
	if p := rtp.RenameProblems(chain); len(p) != 0 {
		t.Errorf("a chain has problems: %v", p)
	}
	cycle := append(chain, rename("c", "Stanley Institute", "Stanley Foundation", "2024-01-01"))
	if p := rtp.RenameProblems(cycle); len(p) == 0 || !strings.Contains(p[0], "cycle") {
		t.Errorf("a cycle: %v", p)
	}
	clash := append(chain, rename("d", "FES", "Stanley Institute", "2024-01-01"))
	if p := rtp.RenameProblems(clash); len(p) != 1 || !strings.Contains(p[0], "second owner") {
		t.Errorf("a name given to two owners: %v", p)
	}
}

// TestNewOwnerRenameValidate: the rules a rename's own fields follow.
func TestNewOwnerRenameValidate(t *testing.T) {
	t.Parallel()
	ok := rtp.NewOwnerRename{Old: "Stanley Foundation", New: "Stanley Center", AsOf: "2021-01-01", By: "me"}
	if err := ok.Validate("2025-01-01"); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		r    rtp.NewOwnerRename
		want string
	}{
		"same key":  {rtp.NewOwnerRename{Old: "FES", New: "fes", AsOf: "2021-01-01", By: "me"}, `invalid new "fes": is the same owner as "FES"`},
		"future":    {rtp.NewOwnerRename{Old: "FES", New: "FES NY", AsOf: "2026-01-01", By: "me"}, `invalid as_of "2026-01-01": it is in the future`},
		"invisible": {rtp.NewOwnerRename{Old: "FES", New: "FES\u200bNY", AsOf: "2021-01-01", By: "me"}, `U+200B ZERO WIDTH SPACE`},
		"empty":     {rtp.NewOwnerRename{Old: "", New: "FES NY", AsOf: "2021-01-01", By: "me"}, `old`},
	} {
		err := tc.r.Validate("2025-01-01")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}
