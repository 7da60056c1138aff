package rtp

import (
	"regexp"
	"strings"
	"testing"
)

// validUID is the loop form of this pattern, which rtp used to compile at
// start-up; the two must agree.
var uidRule = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

func TestValidUIDMatchesItsPattern(t *testing.T) {
	t.Parallel()
	cases := []string{"", "abcdefg", "abcdefgh", "ABCdef09", "a_b-c_d-", strings.Repeat("x", 64), strings.Repeat("x", 65),
		"abcdefg.", "abcd efgh", "abcdéfgh", "abcdefgh\n", "\nabcdefgh", "abc\x00defgh", "abcdefg/", "abcdefg:", "abcdefg@",
		"abcdefg[", "abcdefg`", "abcdefg{", "0123456789abcdefghjkmnpqrstvwxyz"}
	for c := 0; c < 256; c++ {
		cases = append(cases, "abcdefg"+string(rune(c)), "abcdefg"+string([]byte{byte(c)}))
	}
	for _, uid := range cases {
		if got, want := validUID(uid), uidRule.MatchString(uid); got != want {
			t.Errorf("validUID(%q) = %v, the pattern says %v", uid, got, want)
		}
	}
}

func FuzzValidUID(f *testing.F) {
	f.Add("abcdefgh")
	f.Add("abc-def_0123")
	f.Fuzz(func(t *testing.T, uid string) {
		if got, want := validUID(uid), uidRule.MatchString(uid); got != want {
			t.Errorf("validUID(%q) = %v, the pattern says %v", uid, got, want)
		}
	})
}
