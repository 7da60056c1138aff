package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

// downloads are the report files, by extension: the formats of `rtp
// report --format`, made by the same renderers.
var downloads = map[string]struct{ format, contentType string }{
	"csv":  {"csv", "text/csv; charset=utf-8"},
	"xlsx": {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	"html": {"html", "text/html; charset=utf-8"},
	"md":   {"markdown", "text/markdown; charset=utf-8"},
	"json": {"json", "application/json; charset=utf-8"},
}

// download answers /report/rtp-report.EXT: the report of the view being
// looked at, as `rtp report` writes it without --include-private.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	name, ext, _ := strings.Cut(file, ".")
	kind, known := downloads[ext]
	if name != "rtp-report" || !known {
		s.fail(w, r, rtp.Errorf(rtp.ENOTFOUND, "no report %q: use rtp-report.csv, .xlsx, .html, .md or .json", truncate(file)))
		return
	}
	v, ok := s.viewOf(w, r)
	if !ok {
		return
	}
	var b bytes.Buffer
	if err := s.writeReport(r, &b, v, kind.format); err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", kind.contentType)
	if ext == "html" {
		// The report is one page with inline styles: its own policy
		// allows them, and still no script.
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'")
	}
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"rtp-report-%s.%s\"", v.Filter.AsOf, ext))
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}

// writeReport renders the view's report in a format of rtp.ReportFormats.
// It is built whole before anything is sent, so that a failure is an error
// page, not half a file.
func (s *Server) writeReport(r *http.Request, b *bytes.Buffer, v view, format string) error {
	req, err := reportRequest(v, format == "csv")
	if err != nil {
		return err
	}
	return s.reader.Report(r.Context(), req, func(rep rtp.Report, rows rtp.ReportRows) error {
		return render.Report(b, format, rep, rows)
	})
}
