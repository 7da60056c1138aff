package render

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/rtp-tracker/rtp"
)

// reportJSON writes the report as one JSON object: the report's own fields,
// then "recommendations", streamed one object at a time.
func reportJSON(w io.Writer, rep rtp.Report, rows rtp.ReportRows) error {
	head, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	// Open the object's last brace to append the rows' array.
	head = bytes.TrimSuffix(bytes.TrimRight(head, "\n"), []byte("}"))
	head = append(bytes.TrimRight(head, "\n"), []byte(",\n  \"recommendations\": [")...)
	if _, err := w.Write(head); err != nil {
		return err
	}
	n := 0
	err = rows(func(r rtp.ReportRow) error {
		b, err := json.MarshalIndent(r, "    ", "  ")
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
	end := "\n  ]\n}\n"
	if n == 0 {
		end = "]\n}\n"
	}
	_, err = io.WriteString(w, end)
	return err
}
