package rtp_test

import (
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

func TestCheckRefRefusesWebAddressWithoutScheme(t *testing.T) {
	t.Parallel()
	for _, ref := range []string{"undocs.org/A/74/964", "www.globalr2p.org", "WWW.globalr2p.org/publications", "www.un.org/en/genocideprevention/"} {
		err := rtp.CheckRef("--evidence", ref)
		if rtp.ErrorCode(err) != rtp.EINVALID || !strings.Contains(err.Error(), "give https://"+ref) {
			t.Errorf("CheckRef(%q) = %v, want a refusal naming https://%s", ref, err, ref)
		}
	}
	for _, citation := range []string{"A/74/964", "S/RES/2150 (2014)", "Res. 2150", "report.pdf", "ICRtoP: statement of 2018"} {
		if err := rtp.CheckRef("--evidence", citation); err != nil {
			t.Errorf("CheckRef(%q) = %v, want a citation", citation, err)
		}
	}
}

func TestEvidenceLink(t *testing.T) {
	t.Parallel()
	for ref, want := range map[string]string{
		"A/RES/75/277":               "https://undocs.org/A/RES/75/277",
		"S/2018/525":                 "https://undocs.org/S/2018/525",
		"A/HRC/RES/39/2":             "https://undocs.org/A/HRC/RES/39/2",
		"A/72/PV.2":                  "https://undocs.org/A/72/PV.2",
		"https://www.globalr2p.org/": "https://www.globalr2p.org/",
		"A/RES":                      "",
		"Internal briefing note":     "",
		"S/RES/2150 (2014)":          "",
		"A/../72/250":                "",
	} {
		if got := rtp.EvidenceLink(ref); got != want {
			t.Errorf("EvidenceLink(%q) = %q, want %q", ref, got, want)
		}
	}
}

func TestDocumentKeyJoinsSymbolAndODSAddress(t *testing.T) {
	t.Parallel()
	same := []string{"A/72/884", "https://undocs.org/A/72/884", "https://undocs.org/en/A/72/884", "https://docs.un.org/en/A/72/884", "http://www.undocs.org/fr/a/72/884"}
	for _, ref := range same {
		if got := rtp.DocumentKey(ref); got != "A/72/884" {
			t.Errorf("DocumentKey(%q) = %q, want A/72/884", ref, got)
		}
	}
	for _, other := range []string{"A/72/885", "https://www.un.org/A/72/884", "https://undocs.org/en/"} {
		if rtp.DocumentKey(other) == "A/72/884" {
			t.Errorf("DocumentKey(%q) is that of A/72/884", other)
		}
	}
}
