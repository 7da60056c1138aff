package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/rtp-tracker/rtp"
)

// reportJSON writes the report as one JSON object: the report's own fields,
// with "changes" streamed one object at a time, then "recommendations",
// streamed too. The output is what json.MarshalIndent gives for the whole.
func reportJSON(w io.Writer, rep rtp.Report, rows rtp.ReportRows) error {
	streamed := rep
	streamed.Changes, streamed.ChangeRows = []rtp.Change{}, nil
	head, err := json.MarshalIndent(streamed, "", "  ")
	if err != nil {
		return err
	}
	// The report's empty list of changes marks where they are streamed in.
	before, after, ok := bytes.Cut(head, []byte("\n  \"changes\": []"))
	if !ok {
		return errors.New("report JSON: no list of changes to stream into")
	}
	if rep.Changes == nil && rep.ChangeRows == nil {
		_, err = w.Write(append(before, "\n  \"changes\": null"...))
	} else if _, err = w.Write(append(before, "\n  \"changes\": ["...)); err == nil {
		err = streamJSONArray(w, rep.EachChange)
	}
	if err != nil {
		return err
	}
	// Open the object's last brace to append the rows' array.
	after = bytes.TrimSuffix(bytes.TrimRight(after, "\n"), []byte("}"))
	after = append(bytes.TrimRight(after, "\n"), []byte(",\n  \"recommendations\": [")...)
	if _, err := w.Write(after); err != nil {
		return err
	}
	if err := streamJSONArray(w, rows); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n}\n")
	return err
}

// streamJSONArray writes the elements each passes into an array opened
// before it, as a field of the report's object, and closes the array as
// json.MarshalIndent would: [] when empty.
func streamJSONArray[T any](w io.Writer, each func(func(T) error) error) error {
	n := 0
	err := each(func(v T) error {
		b, err := json.MarshalIndent(v, "    ", "  ")
		if err != nil {
			return err
		}
		sep := ",\n    "
		if n == 0 {
			sep = "\n    "
		}
		n++
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	end := "\n  ]"
	if n == 0 {
		end = "]"
	}
	_, err = io.WriteString(w, end)
	return err
}
