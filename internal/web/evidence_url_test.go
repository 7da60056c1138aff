package web

import "testing"

func TestEvidenceURL(t *testing.T) {
	t.Parallel()
	evidenceURL := templateFuncs["evidenceURL"].(func(string) string)
	for ref, want := range map[string]string{
		"A/72/250":                          "https://undocs.org/A/72/250",
		"A/RES/60/1":                        "https://undocs.org/A/RES/60/1",
		"S/PV.8000":                         "https://undocs.org/S/PV.8000",
		"A/HRC/38/L.1":                      "https://undocs.org/A/HRC/38/L.1",
		"https://www.upr-info.org/":         "https://www.upr-info.org/",
		"http://example.org/x?y=1":          "http://example.org/x?y=1",
		"ICRtoP: statement of 2018":         "",
		"javascript:alert(1)":               "",
		"A/72/250 and more":                 "",
		"A/../../etc":                       "",
		"a/72/250":                          "",
		"Internal briefing note, June 2018": "",
	} {
		if got := evidenceURL(ref); got != want {
			t.Errorf("evidenceURL(%q) = %q, want %q", ref, got, want)
		}
	}
}
