package store

import (
	"strings"
	"testing"
)

// TestRedact: no form of a connection URL, well formed or not, keeps its
// password through Redact or RedactURLs; a URL without one is unchanged.
func TestRedact(t *testing.T) {
	const secret = "s3cr%2Ft"
	cases := []struct{ in, want string }{
		{"postgres://amina:" + secret + "@db.example.org:5432/coalition?sslmode=verify-full",
			"postgres://amina:xxxxx@db.example.org:5432/coalition?sslmode=verify-full"},
		{"postgresql://amina:" + secret + "@db.example.org/coalition",
			"postgresql://amina:xxxxx@db.example.org/coalition"},
		{"postgres://amina@db.example.org/coalition?sslmode=require&password=" + secret,
			"postgres://amina@db.example.org/coalition?password=xxxxx&sslmode=require"},
		{"postgres://amina:" + secret + "@db.example.org:notaport/coalition",
			"postgres://amina:xxxxx@db.example.org:notaport/coalition"},
		{"postgres://amina@db.example.org/coalition", "postgres://amina@db.example.org/coalition"},
	}
	for _, tc := range cases {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
		message := "cannot read " + tc.in + ": open " + tc.in + ": no such file"
		if got := RedactURLs(message); strings.Contains(got, secret) || strings.Count(got, "db.example.org") != 2 {
			t.Errorf("RedactURLs(%q) = %q", message, got)
		}
	}
	if got := RedactURLs("a note about postgres, no URL"); got != "a note about postgres, no URL" {
		t.Errorf("RedactURLs changed text without a URL: %q", got)
	}
}
