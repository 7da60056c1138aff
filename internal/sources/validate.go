package sources

import (
	"os"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/rtp-tracker/rtp"
)

// MaxFileBytes bounds a source file: the longest UN report's recommendations
// fit many times over.
const MaxFileBytes = 16 << 20

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
		if data, err = yaml.YAMLToJSONStrict(data); err != nil {
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
		err := rtp.Errorf(rtp.EINVALID, "%s has %s; nothing was added:", path, rtp.CountOf(len(problems), "problem"))
		err.Details = problems
		return Document{}, err
	}
	return doc, nil
}

// Validate lists what is wrong with a source document, by the domain's
// rules (rtp.Document.Validate).
func Validate(doc Document, today rtp.Date) []string { return rtp.Messages(doc.Validate(today)) }
