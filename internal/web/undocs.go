package web

import (
	"regexp"
	"strings"
)

// unSymbol matches a UN document symbol: a principal organ's or a treaty
// body's series (A/, S/, E/, A/HRC/, …) followed by its parts, such as
// A/72/250, A/RES/60/1, S/PV.8000 or A/HRC/38/L.1. Nothing but the
// characters symbols use, so the symbol goes into a URL path as it is.
var unSymbol = regexp.MustCompile(`^(A|S|E|ST|CRC|CEDAW|CERD|CCPR|CAT|CRPD|CMW|CED|HRI|DP|TD|UNEP|ECE|ECA|ECLAC|ESCAP|ESCWA)/[A-Z0-9][A-Za-z0-9./-]*$`)

// evidenceURL is where a reference leads in a browser: a web address
// (http or https only) as it is, a UN document symbol to the UN's document
// system, and nothing for any other citation, which stays text.
//
// The `reports` helper may add the same mapping to internal/render for the
// HTML report; the view should then call that one.
func evidenceURL(ref string) string {
	switch {
	case strings.HasPrefix(ref, "https://"), strings.HasPrefix(ref, "http://"):
		return ref
	case unSymbol.MatchString(ref) && !strings.Contains(ref, ".."):
		return "https://undocs.org/" + ref
	}
	return ""
}
