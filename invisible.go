package rtp

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
)

// invisibleNames names the characters that change how text reads, or which
// name it is, without being seen: zero-width characters, joiners, direction
// marks and overrides, soft hyphens, invisible separators. Two owner names
// that differ by one of them look identical, and a direction override makes
// text read backwards. One-line values refuse them (checkLine) and every
// text format shows them escaped (internal/render).
// It is built on first use, not at start-up, as parse.go's patterns are.
var invisibleNames = sync.OnceValue(func() map[rune]string {
	return map[rune]string{
		0x00AD: "SOFT HYPHEN",
		0x034F: "COMBINING GRAPHEME JOINER",
		0x061C: "ARABIC LETTER MARK",
		0x115F: "HANGUL CHOSEONG FILLER",
		0x1160: "HANGUL JUNGSEONG FILLER",
		0x180E: "MONGOLIAN VOWEL SEPARATOR",
		0x200B: "ZERO WIDTH SPACE",
		0x200C: "ZERO WIDTH NON-JOINER",
		0x200D: "ZERO WIDTH JOINER",
		0x200E: "LEFT-TO-RIGHT MARK",
		0x200F: "RIGHT-TO-LEFT MARK",
		0x2028: "LINE SEPARATOR",
		0x2029: "PARAGRAPH SEPARATOR",
		0x202A: "LEFT-TO-RIGHT EMBEDDING",
		0x202B: "RIGHT-TO-LEFT EMBEDDING",
		0x202C: "POP DIRECTIONAL FORMATTING",
		0x202D: "LEFT-TO-RIGHT OVERRIDE",
		0x202E: "RIGHT-TO-LEFT OVERRIDE",
		0x2060: "WORD JOINER",
		0x2061: "FUNCTION APPLICATION",
		0x2062: "INVISIBLE TIMES",
		0x2063: "INVISIBLE SEPARATOR",
		0x2064: "INVISIBLE PLUS",
		0x2066: "LEFT-TO-RIGHT ISOLATE",
		0x2067: "RIGHT-TO-LEFT ISOLATE",
		0x2068: "FIRST STRONG ISOLATE",
		0x2069: "POP DIRECTIONAL ISOLATE",
		0x2800: "BRAILLE PATTERN BLANK",
		0x3164: "HANGUL FILLER",
		0xFE0F: "VARIATION SELECTOR-16",
		0xFFA0: "HALFWIDTH HANGUL FILLER",
		0xFEFF: "ZERO WIDTH NO-BREAK SPACE",
	}
})

// firstInvisible is the smallest invisible character, U+00AD SOFT HYPHEN:
// none of Cf, the default ignorables or the variation selectors comes
// before it (TestFirstInvisible checks every character).
const firstInvisible = 0x00AD

// IsInvisible reports whether r is one of the invisible characters: format
// characters (Unicode category Cf, which holds most of the list), the
// other characters Unicode says to draw as nothing (default ignorable:
// fillers, variation selectors, the grapheme joiner), and the separators
// and blanks named above.
func IsInvisible(r rune) bool {
	if r < firstInvisible {
		// Most text is below the soft hyphen: every cell of every list and
		// report passes here, and the table lookups cost a fifth of a 100k
		// list's time.
		return false
	}
	return inInvisibleTables(r)
}

// inInvisibleTables is IsInvisible without its shortcut: the names above
// and Unicode's tables.
func inInvisibleTables(r rune) bool {
	_, named := invisibleNames()[r]
	return named || unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// CharName writes a character as U+200B ZERO WIDTH SPACE, or U+XXXX when
// rtp does not know its name.
func CharName(r rune) string {
	if name, ok := invisibleNames()[r]; ok {
		return fmt.Sprintf("U+%04X %s", r, name)
	}
	return fmt.Sprintf("U+%04X", r)
}

// scriptOf names the script of a letter among those whose letters look
// alike (Latin, Cyrillic, Greek); "" for any other character.
func scriptOf(r rune) string {
	switch {
	case unicode.Is(unicode.Latin, r):
		return "Latin"
	case unicode.Is(unicode.Cyrillic, r):
		return "Cyrillic"
	case unicode.Is(unicode.Greek, r):
		return "Greek"
	}
	return ""
}

// lookalikeProblem finds a word that mixes Latin, Cyrillic and Greek
// letters, such as "Rоbert" with a Cyrillic о: a name that looks like
// another and is not. Words of one script each ("ООН / UN") are fine.
func lookalikeProblem(s string) string {
	for _, word := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		first := ""
		for _, r := range word {
			script := scriptOf(r)
			if script == "" {
				continue
			}
			if first == "" {
				first = script
			} else if script != first {
				return fmt.Sprintf("the word %q mixes %s and %s letters (%s): type it in one alphabet", word, first, script, CharName(r))
			}
		}
	}
	return ""
}
