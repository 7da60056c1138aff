package exchange

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodUpdate = `{"uid": "AAAAAAAAAAAA", "recommendation": "upr", "status": "partial", "note": "", "as_of": "2019-01-01", "by": "me", "recorded_at": "2019-01-01T10:00:00Z"}`

// encoding/json lets the last of two equal keys win and matches keys
// whatever their case: an export that says one thing to a reader and
// another to rtp is refused (issue 11, finding 14).
func TestDecodeRefusesRepeatedAndCapitalisedKeys(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct{ file, want string }{
		"RepeatedKey": {`{"format": "rtp-export", "version": 1, "updates": [` +
			strings.Replace(goodUpdate, `"status": "partial"`, `"status": "partial", "status": "implemented"`, 1) + `]}`,
			`the key "status" is given twice in one object`},
		"CapitalisedKey": {`{"format": "rtp-export", "version": 1, "updates": [` +
			strings.Replace(goodUpdate, `"status": "partial"`, `"STATUS": "implemented"`, 1) + `]}`,
			`the key "STATUS" is written "status" in rtp's files`},
		"EscapedCapitals": {`{"format": "rtp-export", "version": 1, "updates": [` +
			strings.Replace(goodUpdate, `"status": "partial"`, `"\u0053tatus": "implemented"`, 1) + `]}`,
			`the key "Status" is written "status"`},
		"RepeatedTopKey": {`{"format": "rtp-export", "version": 1, "updates": [], "updates": [` + goodUpdate + `]}`,
			`the key "updates" is given twice`},
		"HugeString": {`{"format": "rtp-export", "version": 1, "updates": [{"note": "` + strings.Repeat("x", MaxStringBytes+10) + `"}]}`,
			"is longer than 512 KiB"},
		"DeepNesting": {`{"format": ` + strings.Repeat("[", 100), "nested deeper than 16 levels"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Decode("x.json", []byte(c.file), "2026-11-29")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
	if _, err := Decode("ok.json", []byte(`{"format": "rtp-export", "version": 1, "updates": [`+goodUpdate+`]}`), "2026-11-29"); err != nil {
		t.Errorf("a good export: %v", err)
	}
}

// A file of many bad entries is refused after MaxProblems of them, without
// decoding the rest.
func TestReadStopsAfterEnoughProblems(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "bad.json")
	bad := strings.Replace(goodUpdate, `"by": "me"`, `"by": ""`, 1)
	var b strings.Builder
	b.WriteString(`{"format": "rtp-export", "version": 1, "updates": [`)
	for i := 0; i < 10000; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(strings.Replace(bad, "AAAAAAAAAAAA", "AAAAAAAA"+strings.Repeat("A", i%7), 1))
	}
	b.WriteString("]}")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Read(t.Context(), path, "2026-11-29", nil)
	if err == nil || !strings.Contains(err.Error(), "has more than 50 problems; nothing was merged") {
		t.Fatalf("got %v", err)
	}
}
