package sources_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp/internal/sources"
)

// The IDs are fixed: people type them and scripts depend on them.
var want = []struct{ id, heading string }{
	{"joint-office", "The Joint Office of the Special Advisers"},
	{"gender-lens", "Efforts to reinforce and implement RtoP should incorporate a gender lens"},
	{"upr", "The Universal Periodic Review (UPR) can be a useful tool for structural prevention"},
	{"civil-society", "Civil society is a crucial partner for the implementation of RtoP"},
	{"prevention", "Our responsibility is to prevent, not just protect"},
	{"ga-agenda", "RtoP has a place on the UN General Assembly's formal agenda"},
	{"international-law", "International law must be emphasized and more strongly supported"},
	{"regional-bodies", "The international community should support and reinforce regional bodies"},
}

func TestMemo2017(t *testing.T) {
	doc := sources.Memo2017()
	if doc.ID != "memo-2017" || doc.Date != "2017-09-07" || len(doc.Organisers) != 3 {
		t.Fatalf("source = %+v", doc.Source)
	}
	if len(doc.Recommendations) != len(want) {
		t.Fatalf("%d recommendations, want %d", len(doc.Recommendations), len(want))
	}
	for i, r := range doc.Recommendations {
		if r.ID != want[i].id || r.Number != i+1 || !strings.HasPrefix(r.Heading, want[i].heading) {
			t.Errorf("recommendation %d = %s #%d %q, want %s #%d %q…", i, r.ID, r.Number, r.Heading, want[i].id, i+1, want[i].heading)
		}
		if r.Source != "memo-2017" || r.Title == "" || r.Section == "" || len(r.Actors) == 0 || len(r.Themes) == 0 {
			t.Errorf("%s is missing a field: %+v", r.ID, r)
		}
	}
}

// TestMemoVerbatim checks the headings and paragraphs against the memo
// itself, where the shared folder beside the repository has it.
func TestMemoVerbatim(t *testing.T) {
	matches, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "memo", "*.txt"))
	if len(matches) == 0 {
		t.Skip("the memo is not beside the repository")
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	// The memo's text has page breaks inside paragraphs; compare words.
	memo := strings.Join(strings.Fields(strings.ReplaceAll(string(data), "*", "")), " ")
	for _, r := range sources.Memo2017().Recommendations {
		for _, part := range []string{r.Heading, r.Text, r.Section} {
			if !strings.Contains(memo, strings.Join(strings.Fields(part), " ")) {
				t.Errorf("%s: %.60q… is not in the memo", r.ID, part)
			}
		}
	}
}

func TestDecodeRefusesUnknownFields(t *testing.T) {
	if _, err := sources.Decode([]byte(`{"id": "x", "titel": "typo"}`)); err == nil {
		t.Fatal("a misspelt field was accepted")
	}
}

func TestMemoPassesValidation(t *testing.T) {
	if problems := sources.Validate(sources.Memo2017(), "2026-11-29"); len(problems) > 0 {
		t.Fatalf("the built-in memo does not pass its own checks: %v", problems)
	}
}

func TestSampleFilesPassValidation(t *testing.T) {
	for _, name := range []string{"meeting-2018.yaml", "meeting-2018.json"} {
		if _, err := sources.ReadFile(filepath.Join("..", "..", "testdata", "sources", name), "2026-11-29"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A key given twice, or in capitals, is refused in JSON and YAML source
// files: encoding/json and YAML would let one value silently win (issue 11,
// finding 14).
func TestReadFileRefusesRepeatedAndCapitalisedKeys(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, c := range map[string]struct{ file, want string }{
		"twice.yaml": {"id: meeting-2018\nid: other\ntitle: x\n", `key "id" already set in map`},
		"twice.json": {`{"id": "meeting-2018", "id": "other"}`, `the key "id" is given twice`},
		"caps.json":  {`{"ID": "meeting-2018"}`, `the key "ID" is written "id"`},
		"caps.yaml":  {"ID: meeting-2018\n", `the key "ID" is written "id"`},
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(c.file), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := sources.ReadFile(path, "2026-11-29"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", name, err, c.want)
		}
	}
}
