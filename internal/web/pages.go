package web

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/rtp-tracker/rtp"
)

//go:embed templates/*.html
var templateFiles embed.FS

// page is what the layout needs around a page's own content.
type page struct {
	Title string
	Nav   string // the navigation entry to mark current
	View  view
	// Keep is the view's query without as_of, kept as hidden fields by the
	// header's date form so that changing the day keeps the filters.
	Keep []keepField
	Path string
	Data any
}

type keepField struct{ Name, Value string }

var templateFuncs = template.FuncMap{
	// Where a reference leads in a browser: the reports' rule, so the view
	// and every report link alike.
	"evidenceURL": rtp.EvidenceLink,
	"date": func(d *rtp.Date) string {
		if d == nil {
			return ""
		}
		return string(*d)
	},
	"owners": func(owners []rtp.Owner) string {
		parts := make([]string, len(owners))
		for i, o := range owners {
			parts[i] = o.Name + " (" + string(o.Role) + ")"
		}
		return strings.Join(parts, ", ")
	},
	"statuses": func() []rtp.Status { return rtp.Statuses },
	"link":     link,
}

// pages are parsed once, on first use, each with the layout.
var pages = sync.OnceValue(func() map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, name := range []string{"overview", "list", "recommendation", "error"} {
		out[name] = template.Must(template.New("layout.html").Funcs(templateFuncs).
			ParseFS(templateFiles, "templates/layout.html", "templates/"+name+".html"))
	}
	return out
})

// renderPage writes a whole page or, if the template fails, an error:
// never half a page.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, name string, p page) {
	p.Path = r.URL.Path
	for k, vals := range p.View.query {
		if k == "as_of" || k == "page" {
			continue
		}
		for _, v := range vals {
			p.Keep = append(p.Keep, keepField{k, v})
		}
	}
	if p.View.Filter.AsOf == "" {
		p.View.Filter.AsOf = s.today()
	}
	var b bytes.Buffer
	if err := pages()[name].Execute(&b, p); err != nil {
		s.opts.Log.Printf("500 %s %q: page %s: %v", r.Method, r.URL.RequestURI(), name, err)
		if name != "error" {
			http.Error(w, "Internal error", http.StatusInternalServerError)
		}
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}

// viewOf reads the request's view, or answers with what is wrong with it.
func (s *Server) viewOf(w http.ResponseWriter, r *http.Request) (view, bool) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		s.fail(w, r, rtp.Errorf(rtp.EINVALID, "malformed query string: %v", err))
		return view{}, false
	}
	v, err := s.parseView(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return v, false
	}
	return v, true
}

// RecLink is the page of a recommendation on the view's day.
func (v view) RecLink(id string) string {
	return link("/rec/"+url.PathEscape(id), v.asOfOnly())
}

// Link is path with the view's query changed by name, value pairs: a link
// to another filter or order of the same view.
func (v view) Link(path string, pairs ...string) string {
	return link(path, v.with(pairs...))
}

// DayLink is another page on the view's day, without its filters.
func (v view) DayLink(path string) string { return link(path, v.asOfOnly()) }

// Has reports whether the view filters on name=value (status in a list).
func (v view) Has(name, value string) bool {
	for _, x := range v.query[name] {
		for _, part := range strings.Split(x, ",") {
			if strings.EqualFold(strings.TrimSpace(part), value) {
				return true
			}
		}
	}
	return false
}
