package rtp_test

import (
	"testing"

	"github.com/rtp-tracker/rtp"
)

func TestOwnerKeyIsOneIdentity(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ a, b string }{
		{"Global Centre for R2P", "global centre for r2p"},
		{"ICRtoP", "ICRTOP"},
		{"Fondation Île-de-France", "FONDATION ÎLE-DE-FRANCE"},
		{"Fondation \u00cele", "fondation I\u0302le"}, // precomposed and combining circumflex
		{"Straße", "STRASSE"},
		{"ΣΟΦΊΑ", "σοφία"},
	} {
		if ka, kb := rtp.OwnerKey(c.a), rtp.OwnerKey(c.b); ka != kb {
			t.Errorf("OwnerKey(%q) = %q, OwnerKey(%q) = %q: want one key", c.a, ka, c.b, kb)
		}
	}
	for _, c := range []struct{ a, b string }{
		{"ICRtoP", "ICRtoP Secretariat"},
		{"FES", "FES "},
		{"Stanley Foundation", "Stanley Center"},
	} {
		if rtp.OwnerKey(c.a) == rtp.OwnerKey(c.b) {
			t.Errorf("OwnerKey(%q) = OwnerKey(%q): want two owners", c.a, c.b)
		}
	}
}
