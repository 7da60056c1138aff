package cli

import "testing"

func FuzzParseEntryID(f *testing.F) {
	for _, seed := range []string{"7", "0", "-1", "1.5", "0x10", "99999999999999999999", " 7"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := parseEntryID("update ID", s)
		if err == nil && id <= 0 {
			t.Fatalf("parseEntryID(%q) = %d", s, id)
		}
	})
}
