package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

// httpError is a refusal with its own HTTP status.
type httpError struct {
	status  int
	message string
}

func (e *httpError) Error() string { return e.message }

// statusOf maps an error to the HTTP status that says whose fault it is:
// what the request asked for is a 4xx, never a 500.
func statusOf(err error) int {
	var he *httpError
	if errors.As(err, &he) {
		return he.status
	}
	switch rtp.ErrorCode(err) {
	case rtp.EINVALID:
		return http.StatusBadRequest
	case rtp.ENOTFOUND:
		return http.StatusNotFound
	case rtp.EBUSY:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// fail answers a request that cannot be served: a page that says what was
// wrong (JSON under /api/), and one line in the log. An internal error's
// own text stays in the log: it may name files of the server.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	message := render.Terminal(err.Error(), false)
	s.opts.Log.Printf("%d %s %q: %s", status, r.Method, r.URL.RequestURI(), message)
	if status == http.StatusInternalServerError {
		message = "Something went wrong reading the tracker; the server's log says what."
	}
	h := w.Header()
	h.Del("ETag")
	h.Set("Cache-Control", "no-store")
	if strings.HasPrefix(r.URL.Path, "/api/") {
		h.Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]any{"error": message, "status": status})
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	s.renderPage(w, r, "error", page{Title: http.StatusText(status), Data: map[string]any{"Status": status, "StatusText": http.StatusText(status), "Message": message}})
}
