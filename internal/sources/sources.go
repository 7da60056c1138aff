// Package sources reads source documents (a document's metadata and its
// recommendations) from their JSON form, including the built-in 2017 memo.
package sources

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/exchange"
)

// Document is a source with its recommendations, as a source file holds it.
type Document = rtp.Document

//go:embed memo-2017.json
var memo2017 []byte

// Template is a commented source file in YAML to start from: `rtp source
// add --template` prints it, and a test adds it as it is.
//
//go:embed template.yaml
var Template string

// Memo2017 returns the policy memo of 7 September 2017 that every tracker is
// seeded with. Its recommendation IDs are fixed: people and scripts use them.
func Memo2017() Document {
	doc, err := Decode(memo2017)
	if err != nil {
		panic("built-in memo: " + err.Error()) // a build defect, caught by the tests
	}
	return doc
}

// Seed is what a new tracker holds: the 2017 memo. It is store.Options.Seed,
// which the store calls only when it needs the documents.
func Seed() []Document { return []Document{Memo2017()} }

// Decode reads a source document from JSON, refusing unknown fields so that a
// misspelt key is not silently dropped, and keys given twice or in capitals
// (exchange.ScanJSON), which encoding/json would take.
func Decode(data []byte) (Document, error) {
	var doc Document
	if err := exchange.ScanJSON(bytes.NewReader(data)); err != nil {
		return Document{}, fmt.Errorf("reading source document: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return Document{}, fmt.Errorf("reading source document: %w", err)
	}
	for i := range doc.Recommendations {
		doc.Recommendations[i].Source = doc.ID
	}
	return doc, nil
}
