package web

import "github.com/rtp-tracker/rtp"

// evidenceURL is where a reference leads in a browser: a web address
// (http or https only) as it is, a UN document symbol to the UN's document
// system, and nothing for any other citation, which stays text. It is the
// reports' rule (rtp.EvidenceLink), so the view and every report link alike.
func evidenceURL(ref string) string { return rtp.EvidenceLink(ref) }
