package rtp

import "testing"

// TestFirstInvisible holds IsInvisible's shortcut to the tables it skips: no
// character below firstInvisible is in them, and firstInvisible itself is
// invisible.
func TestFirstInvisible(t *testing.T) {
	t.Parallel()
	for r := rune(0); r < firstInvisible; r++ {
		if inInvisibleTables(r) {
			t.Fatalf("U+%04X is invisible but below firstInvisible U+%04X", r, firstInvisible)
		}
	}
	if !IsInvisible(firstInvisible) {
		t.Fatalf("firstInvisible U+%04X is not invisible", firstInvisible)
	}
}
