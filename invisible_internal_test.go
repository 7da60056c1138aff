package rtp

import (
	"testing"
	"unicode"
)

// TestFirstInvisible holds IsInvisible's shortcut to the tables it skips: no
// character below firstInvisible is named, Cf, default ignorable or a
// variation selector, and firstInvisible itself is invisible.
func TestFirstInvisible(t *testing.T) {
	for r := rune(0); r < firstInvisible; r++ {
		_, named := invisibleNames()[r]
		if named || unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector) {
			t.Fatalf("U+%04X is invisible but below firstInvisible U+%04X", r, firstInvisible)
		}
	}
	if !IsInvisible(firstInvisible) {
		t.Fatalf("firstInvisible U+%04X is not invisible", firstInvisible)
	}
}
