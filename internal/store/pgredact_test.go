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

// TestKeywordConnectionStrings: psql's "host=… password=…" form is a
// server's connection string, not a file name, and its password is masked.
func TestKeywordConnectionStrings(t *testing.T) {
	const secret = "S3cretPW"
	for _, dsn := range []string{
		"host=/tmp/pg port=54329 user=alice dbname=coalition password=" + secret,
		"dbname=coalition password='" + secret + " with space' user=alice",
	} {
		if !IsPostgresURL(dsn) {
			t.Errorf("%q taken for a file name", dsn)
		}
		if got := Redact(dsn); strings.Contains(got, "S3cret") || !strings.Contains(got, "password=xxxxx") {
			t.Errorf("Redact(%q) = %q", dsn, got)
		}
		if got := RedactURLs("no tracker at " + dsn); strings.Contains(got, "S3cret") {
			t.Errorf("RedactURLs kept the password: %q", got)
		}
	}
	if IsPostgresURL("reports/host=2024.db") {
		t.Error("a file name with = taken for a connection string")
	}
}
