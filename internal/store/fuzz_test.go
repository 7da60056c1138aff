package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// FuzzResolve feeds arbitrary text as a recommendation ID to a real tracker:
// it resolves to one of the stored IDs or fails with ENOTFOUND or EINVALID,
// never anything else.
func FuzzResolve(f *testing.F) {
	for _, seed := range []string{"ga", "6", "0", "-1", "1.5", "0x10", "' OR 1=1 --", "%", "GA-AGENDA", "\xff", ""} {
		f.Add(seed)
	}
	s := mustCreate(f)
	f.Fuzz(func(t *testing.T, arg string) {
		id, err := s.Resolve(context.Background(), arg)
		switch rtp.ErrorCode(err) {
		case "":
			if !slices.Contains(memoIDs, id) {
				t.Fatalf("Resolve(%q) = %q, not a stored ID", arg, id)
			}
		case rtp.ENOTFOUND, rtp.EINVALID:
		default:
			t.Fatalf("Resolve(%q) error %v", arg, err)
		}
	})
}
