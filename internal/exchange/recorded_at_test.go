package exchange

import "testing"

// TestOlderExportsAreNormalised: an export written before schema version 11
// gives recorded_at in whole seconds; the reader returns it with six
// fractional digits, as this tracker keeps and orders it.
func TestOlderExportsAreNormalised(t *testing.T) {
	t.Parallel()
	exp, err := Decode("old.json", []byte(`{"format": "rtp-export", "version": 1, "updates": [`+goodUpdate+`]}`), "2026-11-29")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := exp.Updates[0].RecordedAt, "2019-01-01T10:00:00.000000Z"; got != want {
		t.Errorf("recorded_at read as %q, want %q", got, want)
	}
}
