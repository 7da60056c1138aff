package rtp

import (
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// OwnerKey is an owner's identity: the name in Unicode NFC, case-folded, so
// that "Global Centre for R2P", "global centre for r2p" and a name typed
// with combining accents are one owner. Every way an assignment comes in
// (flags, import, merge, loading) stores it beside the name as spelled, and
// every comparison of owners (the state rule in Go and in SQL, --owner,
// unassign) compares keys, never names. Names that differ only by zero-width
// or bidi characters never get this far: CheckLine refuses them.
func OwnerKey(name string) string {
	// Folding can leave a string that is no longer in NFC (a folded letter
	// followed by a combining mark), so normalise on both sides of it.
	return norm.NFC.String(cases.Fold().String(norm.NFC.String(name)))
}
