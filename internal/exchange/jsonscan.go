package exchange

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits of the streaming scan every JSON file rtp reads from others goes
// through before it is decoded: they bound the memory a hostile file can
// make rtp use, far above what rtp itself writes.
const (
	// MaxStringBytes bounds a string as written in the file: a note at its
	// limit (rtp.MaxNoteBytes) fits even with every character escaped.
	MaxStringBytes = 512 << 10
	maxKeyBytes    = 64
	maxDepth       = 16
	maxKeys        = 64
)

// ScanJSON reads JSON from r in one pass with constant memory and refuses
// what encoding/json would take silently or at any cost: a key given twice
// in one object (the last would win), a key in other than lower case
// ("STATUS" would set "status"), a string longer than MaxStringBytes, deeper
// nesting than any rtp file has. It does not check the grammar otherwise:
// the decoder that reads the file next does.
func ScanJSON(r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var objects []map[string]bool // nil for an array
	var offset int64
	next := func() (byte, error) {
		b, err := br.ReadByte()
		offset++
		return b, err
	}
	for {
		b, err := next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch b {
		case '{', '[':
			if len(objects) == maxDepth {
				return fmt.Errorf("it is nested deeper than %d levels at byte %d", maxDepth, offset)
			}
			var keys map[string]bool
			if b == '{' {
				keys = map[string]bool{}
			}
			objects = append(objects, keys)
		case '}', ']':
			if len(objects) > 0 {
				objects = objects[:len(objects)-1]
			}
		case '"':
			start := offset
			raw, err := readString(br, &offset)
			if err != nil {
				return err
			}
			if len(objects) == 0 || objects[len(objects)-1] == nil || !followedByColon(br, &offset) {
				continue
			}
			if err := checkKey(objects[len(objects)-1], raw, start); err != nil {
				return err
			}
		}
	}
}

// readString reads the rest of a string after its opening quote and returns
// it with its quotes while it is short enough to be a key.
func readString(br *bufio.Reader, offset *int64) ([]byte, error) {
	raw := []byte{'"'}
	escaped := false
	for n := 0; ; n++ {
		b, err := br.ReadByte()
		*offset++
		if err == io.EOF {
			return nil, io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, err
		}
		if n > MaxStringBytes {
			return nil, fmt.Errorf("a string at byte %d is longer than %d KiB", *offset-int64(n), MaxStringBytes>>10)
		}
		if len(raw) <= maxKeyBytes+1 {
			raw = append(raw, b)
		}
		switch {
		case escaped:
			escaped = false
		case b == '\\':
			escaped = true
		case b == '"':
			return raw, nil
		}
	}
}

// followedByColon skips white space and says whether a colon comes next,
// which makes the string before it a key. It consumes nothing else.
func followedByColon(br *bufio.Reader, offset *int64) bool {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return false
		}
		if b == ' ' || b == '\t' || b == '\n' || b == '\r' {
			*offset++
			continue
		}
		if b == ':' {
			*offset++
			return true
		}
		_ = br.UnreadByte()
		return false
	}
}

func checkKey(keys map[string]bool, raw []byte, at int64) error {
	var key string
	if len(raw) > maxKeyBytes+1 || json.Unmarshal(raw, &key) != nil {
		return fmt.Errorf("the key at byte %d is not one rtp writes", at)
	}
	if lower := strings.ToLower(key); key != lower {
		return fmt.Errorf("the key %q is written %q in rtp's files", key, lower)
	}
	if keys[key] {
		return fmt.Errorf("the key %q is given twice in one object", key)
	}
	if len(keys) == maxKeys {
		return errors.New("an object has more keys than any of rtp's")
	}
	keys[key] = true
	return nil
}
