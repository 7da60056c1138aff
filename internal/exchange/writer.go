package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/rtp-tracker/rtp"
)

// sections are the entry lists of an export, in their order. Those from
// optional on are written only when they have an entry, so that exports
// without any stay as older rtp versions read them.
var sections = []string{"updates", "assignments", "evidence", "retractions", "renames"}

const optional = 4

// Writer writes an export as JSON while the store streams it: the sources
// indented, then one entry per line, so that a large tracker's export needs
// no more memory than one entry, and two exports diff line by line.
type Writer struct {
	w       *bufio.Writer
	current int  // index in sections of the latest list; -1 before the first
	open    bool // whether that list was opened (an optional one may not be)
	count   int  // entries in the open list
	// Written counts what was written: sources, and entries by section.
	Written map[string]int
}

// NewWriter starts an export on w.
func NewWriter(w io.Writer) *Writer {
	x := &Writer{w: bufio.NewWriterSize(w, 1<<16), current: -1, Written: map[string]int{}}
	x.w.WriteString("{\n  \"format\": \"" + rtp.ExportFormat + "\",\n  \"version\": 1,\n")
	return x
}

// Sources writes the sources with their recommendations.
func (x *Writer) Sources(s []rtp.ExportSource) error {
	b, err := json.MarshalIndent(s, "  ", "  ")
	if err != nil {
		return err
	}
	x.Written["sources"] = len(s)
	x.w.WriteString("  \"sources\": ")
	_, err = x.w.Write(b)
	return err
}

// Update writes an update.
func (x *Writer) Update(u rtp.ExportUpdate) error { return x.entry(0, u) }

// Assignment writes an assignment.
func (x *Writer) Assignment(a rtp.ExportAssignment) error { return x.entry(1, a) }

// Evidence writes a piece of evidence.
func (x *Writer) Evidence(e rtp.ExportEvidence) error { return x.entry(2, e) }

// Retraction writes a retraction.
func (x *Writer) Retraction(r rtp.ExportRetraction) error { return x.entry(3, r) }

// Rename writes an owner rename.
func (x *Writer) Rename(r rtp.ExportRename) error { return x.entry(4, r) }

// Close writes the lists that had no entry, and the end of the export.
func (x *Writer) Close() error {
	x.advance(len(sections))
	x.w.WriteString("\n}\n")
	return x.w.Flush()
}

func (x *Writer) entry(section int, v any) error {
	x.advance(section)
	b, err := marshal(v)
	if err != nil {
		return err
	}
	if x.count > 0 {
		x.w.WriteString(",")
	}
	x.count++
	x.Written[sections[section]]++
	x.w.WriteString("\n    ")
	_, err = x.w.Write(b)
	return err
}

// advance closes the open list and opens the following ones, empty, up to
// section (optional ones only if they are section); past the last it only
// closes.
func (x *Writer) advance(section int) {
	for x.current < section {
		if x.open {
			if x.count > 0 {
				x.w.WriteString("\n  ")
			}
			x.w.WriteString("]")
			x.open = false
		}
		x.current++
		x.count = 0
		if x.current < len(sections) && (x.current < optional || x.current == section) {
			x.w.WriteString(",\n  \"" + sections[x.current] + "\": [")
			x.open = true
		}
	}
}

// marshal encodes an entry without escaping HTML characters, as the rest of
// rtp's JSON does.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil // without the encoder's newline
}
