package web

import (
	"embed"
	"net/http"
)

//go:embed static/style.css
var staticFiles embed.FS

// static serves the view's one style sheet; nothing else is a file.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("file") != "style.css" {
		s.fail(w, r, &httpError{http.StatusNotFound, "no such file " + r.URL.Path})
		return
	}
	css, err := staticFiles.ReadFile("static/style.css")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	if r.Method != http.MethodHead {
		w.Write(css)
	}
}
