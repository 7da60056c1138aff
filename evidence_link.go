package rtp

import (
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// unSymbolPattern matches a UN document symbol: the organ or series
// (A/, S/, E/, ST/, A/HRC/ …, see research.un.org/en/docs/symbols), then
// components of letters, digits and dots, with at least one number. It is
// strict on purpose: what it matches becomes a link to the UN's Official
// Document System, and a citation it misses simply stays text.
var unSymbolPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(A|S|E|T|ST|DP|TD|CRC|CCPR|CERD|CEDAW|CAT|CMW|CRPD|CED|UNEP|ICEF|FCCC)(/[A-Za-z0-9.()-]+)+$`)
})

// odsHosts are the UN's own addresses of a document by its symbol: the
// permalink service and the Official Document System.
var odsHosts = map[string]bool{"undocs.org": true, "www.undocs.org": true, "docs.un.org": true, "documents.un.org": true}

// odsLanguages are the language components ODS addresses may carry before
// the symbol.
var odsLanguages = map[string]bool{"en": true, "fr": true, "es": true, "ar": true, "ru": true, "zh": true, "de": true}

// UNSymbol says whether ref is a UN document symbol (A/RES/75/277,
// S/2018/525, A/HRC/RES/39/2) and returns it.
func UNSymbol(ref string) (string, bool) {
	// ".." would climb out of the symbol in the address it becomes.
	if !unSymbolPattern().MatchString(ref) || !strings.ContainsAny(ref, "0123456789") || strings.Contains(ref, "..") {
		return "", false
	}
	return ref, true
}

// UNDocumentLink is the address of a UN document symbol in the UN's
// Official Document System, through its permalink service, which serves
// the reader's language.
func UNDocumentLink(symbol string) string { return "https://undocs.org/" + symbol }

// EvidenceLink is where a reader of a report follows a piece of evidence:
// its address if it is a web address, the UN's document system for a UN
// document symbol, and "" for any other citation, which stays text.
func EvidenceLink(ref string) string {
	if strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://") {
		return ref
	}
	if symbol, ok := UNSymbol(ref); ok {
		return UNDocumentLink(symbol)
	}
	return ""
}

// DocumentKey names the document a reference points to, so that the same
// UN document recorded once as A/72/884 and once as
// https://undocs.org/en/A/72/884 counts as one piece of evidence. Other
// references are their own key.
func DocumentKey(ref string) string {
	if symbol, ok := UNSymbol(ref); ok {
		return strings.ToUpper(symbol)
	}
	u, err := url.Parse(ref)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !odsHosts[strings.ToLower(u.Host)] {
		return ref
	}
	path := strings.TrimPrefix(u.Path, "/")
	if lang, rest, ok := strings.Cut(path, "/"); ok && odsLanguages[strings.ToLower(lang)] {
		path = rest
	}
	if symbol, ok := UNSymbol(strings.ToUpper(path)); ok {
		return symbol
	}
	return ref
}

// schemelessWebAddress matches a web address typed without its scheme:
// www.globalr2p.org, or a host name followed by a path
// (undocs.org/A/74/964). A citation has no dotted host name before its
// first slash, so it does not match.
var schemelessWebAddress = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(www\.[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?|[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/\S*)$`)
})
