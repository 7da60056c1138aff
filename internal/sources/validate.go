package sources

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/rtp-tracker/rtp"
)

// MaxFileBytes bounds a source file: the longest UN report's recommendations
// fit many times over.
const MaxFileBytes = 16 << 20

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// CheckID accepts a source or recommendation ID: lower-case letters and
// digits in words joined by single hyphens, at most 64 characters, so that
// people can type it and it never looks like a number or a flag.
func CheckID(label, id string) error {
	if len(id) > 64 || !idPattern.MatchString(id) || numberPattern.MatchString(id) {
		return rtp.Errorf(rtp.EINVALID, "invalid %s %q: use lower-case letters, digits and single hyphens, such as ga-agenda, at most 64 characters, not only digits", label, id)
	}
	return nil
}

var numberPattern = regexp.MustCompile(`^[0-9]+$`)

// ReadFile reads and checks a source document from a JSON or YAML file
// (.json, .yaml or .yml). Every problem is reported, not only the first.
func ReadFile(path string, today rtp.Date) (Document, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Document{}, rtp.Errorf(rtp.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	if info.IsDir() || info.Size() > MaxFileBytes {
		return Document{}, rtp.Errorf(rtp.EINVALID, "%s is not a source file of at most %d MiB", path, MaxFileBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Document{}, rtp.Errorf(rtp.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		if data, err = yaml.YAMLToJSON(data); err != nil {
			return Document{}, rtp.Errorf(rtp.EINVALID, "%s is not valid YAML: %v", path, err)
		}
	case ".json":
	default:
		return Document{}, rtp.Errorf(rtp.EINVALID, "%s: a source file ends in .json, .yaml or .yml", path)
	}
	doc, err := Decode(data)
	if err != nil {
		return Document{}, rtp.Errorf(rtp.EINVALID, "%s: %v", path, err)
	}
	if problems := Validate(doc, today); len(problems) > 0 {
		err := rtp.Errorf(rtp.EINVALID, "%s has %d problems; nothing was added:", path, len(problems))
		err.Details = problems
		return Document{}, err
	}
	return doc, nil
}

// Validate lists what is wrong with a source document.
func Validate(doc Document, today rtp.Date) []string {
	var problems []string
	add := func(err error) {
		if err != nil {
			problems = append(problems, err.Error())
		}
	}
	add(CheckID("source id", doc.ID))
	add(rtp.CheckLine("source title", doc.Title, rtp.MaxTitleBytes))
	add(rtp.CheckLine("source kind", doc.Kind, rtp.MaxNameBytes))
	if _, err := rtp.ParseDate("source date", string(doc.Date), today); err != nil {
		add(err)
	}
	for _, o := range doc.Organisers {
		add(rtp.CheckLine("organiser", o, rtp.MaxNameBytes))
	}
	add(rtp.CheckText("source description", doc.Description, rtp.MaxNoteBytes))
	if len(doc.Recommendations) == 0 {
		problems = append(problems, "the source has no recommendations")
	}
	ids, numbers := map[string]int{}, map[int]string{}
	for i, r := range doc.Recommendations {
		where := fmt.Sprintf("recommendation %d", i+1)
		if err := CheckID(where+" id", r.ID); err != nil {
			add(err)
		} else if j, dup := ids[r.ID]; dup {
			problems = append(problems, fmt.Sprintf("%s repeats the id %q of recommendation %d", where, r.ID, j))
		}
		ids[r.ID] = i + 1
		if r.Number < 1 {
			problems = append(problems, fmt.Sprintf("%s (%s) has number %d: numbers start at 1", where, r.ID, r.Number))
		} else if other, dup := numbers[r.Number]; dup {
			problems = append(problems, fmt.Sprintf("%s (%s) repeats number %d of %s", where, r.ID, r.Number, other))
		}
		numbers[r.Number] = r.ID
		add(rtp.CheckLine(where+" heading", r.Heading, rtp.MaxNoteBytes))
		add(rtp.CheckLine(where+" title", r.Title, rtp.MaxTitleBytes))
		if r.Section != "" {
			add(rtp.CheckLine(where+" section", r.Section, rtp.MaxTitleBytes))
		}
		if strings.TrimSpace(r.Text) == "" {
			problems = append(problems, where+" has no text")
		}
		add(rtp.CheckText(where+" text", r.Text, rtp.MaxNoteBytes))
		for _, a := range r.Actors {
			add(rtp.CheckLine(where+" actor", a, rtp.MaxNameBytes))
		}
		for _, th := range r.Themes {
			add(rtp.CheckLine(where+" theme", th, rtp.MaxNameBytes))
		}
	}
	return problems
}
