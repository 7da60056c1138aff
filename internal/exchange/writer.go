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
var sections = []string{"updates", "assignments", "evidence", "retractions", "renames", "checks", "check_answers", "check_retractions"}

const optional = 4

// Writer writes an export as JSON while the store streams it: the sources
// indented, then one entry per line, so that a large tracker's export needs
// no more memory than one entry, and two exports diff line by line.
type Writer struct {
	w       *bufio.Writer
	current int  // index in sections of the latest list; -1 before the first
	open    bool // whether that list was opened (an optional one may not be)
	count   int  // entries in the open list
	// entryBuf and enc encode each entry, one encoder for the whole
	// export: a new one per entry cost an allocation of each.
	entryBuf bytes.Buffer
	enc      *json.Encoder
	// Written counts what was written: sources, and entries by section.
	Written map[string]int
}

// NewWriter starts an export on w.
func NewWriter(w io.Writer) *Writer {
	x := &Writer{w: bufio.NewWriterSize(w, 1<<16), current: -1, Written: map[string]int{}}
	x.enc = json.NewEncoder(&x.entryBuf)
	x.enc.SetEscapeHTML(false) // as the rest of rtp's JSON
	x.w.WriteString("{\n  \"format\": \"" + rtp.ExportFormat + "\",\n  \"version\": 1,\n")
	return x
}

// Sources writes the sources with their recommendations, indented. Each
// source and each recommendation is encoded on its own, straight into the
// output: json.MarshalIndent of the whole list built the compact text and
// then the indented one, at 100,000 recommendations two copies of a
// hundred megabytes. The bytes are MarshalIndent's (a test compares them).
func (x *Writer) Sources(list []rtp.ExportSource) error {
	x.Written["sources"] = len(list)
	x.w.WriteString("  \"sources\": ")
	if len(list) == 0 {
		_, err := x.w.WriteString("[]")
		return err
	}
	x.w.WriteString("[")
	for i, src := range list {
		if i > 0 {
			x.w.WriteString(",")
		}
		x.w.WriteString("\n" + sourceIndent)
		if err := x.source(src); err != nil {
			return err
		}
	}
	_, err := x.w.WriteString("\n  ]")
	return err
}

// The depths of a source and of one of its recommendations in the export.
const (
	sourceIndent         = "    "
	recommendationIndent = sourceIndent + "    "
)

// source writes one source: its fields, encoded with an empty list of
// recommendations, and the recommendations in that list's place.
func (x *Writer) source(src rtp.ExportSource) error {
	recs := src.Recommendations
	if recs == nil { // encoded as null, as MarshalIndent would
		return x.indented(src, sourceIndent)
	}
	src.Recommendations = []rtp.Recommendation{}
	b, err := json.MarshalIndent(src, sourceIndent, "  ")
	if err != nil {
		return err
	}
	at := bytes.LastIndex(b, []byte("[]"))
	if len(recs) == 0 || at < 0 {
		_, err := x.w.Write(b)
		return err
	}
	x.w.Write(b[:at+1])
	for j, r := range recs {
		if j > 0 {
			x.w.WriteString(",")
		}
		x.w.WriteString("\n" + recommendationIndent)
		if err := x.indented(r, recommendationIndent); err != nil {
			return err
		}
	}
	x.w.WriteString("\n" + sourceIndent + "  ")
	_, err = x.w.Write(b[at+1:])
	return err
}

func (x *Writer) indented(v any, prefix string) error {
	b, err := json.MarshalIndent(v, prefix, "  ")
	if err != nil {
		return err
	}
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

// Check writes a recurring check.
func (x *Writer) Check(c rtp.ExportCheck) error { return x.entry(5, c) }

// CheckAnswer writes a check's answer.
func (x *Writer) CheckAnswer(a rtp.ExportCheckAnswer) error { return x.entry(6, a) }

// CheckRetraction writes the retraction of a check's answer.
func (x *Writer) CheckRetraction(r rtp.ExportCheckRetraction) error { return x.entry(7, r) }

// Close writes the lists that had no entry, and the end of the export.
func (x *Writer) Close() error {
	x.advance(len(sections))
	x.w.WriteString("\n}\n")
	return x.w.Flush()
}

func (x *Writer) entry(section int, v any) error {
	x.advance(section)
	x.entryBuf.Reset()
	if err := x.enc.Encode(v); err != nil {
		return err
	}
	b := bytes.TrimSuffix(x.entryBuf.Bytes(), []byte("\n")) // without the encoder's newline
	if x.count > 0 {
		x.w.WriteString(",")
	}
	x.count++
	x.Written[sections[section]]++
	x.w.WriteString("\n    ")
	_, err := x.w.Write(b)
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
