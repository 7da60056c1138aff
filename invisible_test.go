package rtp_test

import (
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// Owner names that look identical but differ by an invisible character or
// a lookalike letter are refused, and the message names the character
// (issue 11, finding 13).
func TestOneLineValuesRefuseInvisibleAndLookalikeCharacters(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, want string }{
		{"FES\u200b", "U+200B ZERO WIDTH SPACE"},
		{"F\u200dES", "U+200D ZERO WIDTH JOINER"},
		{"F\u200eES", "U+200E LEFT-TO-RIGHT MARK"},
		{"\ufeffFES", "U+FEFF ZERO WIDTH NO-BREAK SPACE"},
		{"F\u00adES", "U+00AD SOFT HYPHEN"},
		{"F\u2060ES", "U+2060 WORD JOINER"},
		{"F\u180eES", "U+180E MONGOLIAN VOWEL SEPARATOR"},
		{"F\u061cES", "U+061C ARABIC LETTER MARK"},
		{"F\u2028ES", "U+2028 LINE SEPARATOR"},
		{"F\u202eES", "U+202E RIGHT-TO-LEFT OVERRIDE"},
		{"Ann\u034f", "U+034F COMBINING GRAPHEME JOINER"},
		{"\u115fAnn", "U+115F HANGUL CHOSEONG FILLER"},
		{"Ann\u3164", "U+3164 HANGUL FILLER"},
		{"Ann\ufe0f", "U+FE0F VARIATION SELECTOR-16"},
		{"Ann\u2800", "U+2800 BRAILLE PATTERN BLANK"},
		{"Ann\U000E0100", "U+E0100"},
		{"Rоbert", `the word "Rоbert" mixes Latin and Cyrillic letters (U+043E)`},
	} {
		a := rtp.Assignment{RecommendationID: "upr", Owner: c.name, Role: rtp.RoleLead, AsOf: "2020-01-01", By: "me"}
		err := a.Validate("2026-11-29")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("owner %q: got %v, want %q", c.name, err, c.want)
		}
	}
	for _, ok := range []string{"ООН / UN", "Global Centre for R2P", "Østergaard-Müller", "Ελλάδα", "https://пример.рф/page"} {
		if err := rtp.CheckLine("owner", ok, rtp.MaxNameBytes); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}
