package rtp

import (
	"fmt"
	"slices"
	"strings"
)

// OwnerRename is a recorded rename: from AsOf, the owner called OldName is
// called NewName (the Stanley Foundation became the Stanley Center). Lists
// for a day before AsOf show the old name, from AsOf on the new one, and
// assignments under either name are one owner.
type OwnerRename struct {
	UID        string `json:"uid"`
	OldName    string `json:"old_name"`
	NewName    string `json:"new_name"`
	AsOf       Date   `json:"as_of"`
	By         string `json:"by"`
	RecordedAt string `json:"recorded_at"` // RFC 3339 in UTC, as stored
	// ReceivedAt is when this tracker received the rename (StampLayout),
	// what --as-recorded selects by; like every entry's, it never travels.
	ReceivedAt string `json:"-"`
}

// NewOwnerRename is a rename as a person asks for it.
type NewOwnerRename struct {
	Old, New string
	AsOf     Date
	By       string
}

// Validate checks a rename before it is recorded: both names pass the
// rules of an owner's name (no invisible or lookalike characters), they are
// not one name by OwnerKey, and the date is a valid day not after today. The
// rules that need the history (OLD an owner, NEW no other owner, no cycle,
// not before OLD's first assignment) are the store's.
func (r NewOwnerRename) Validate(today Date) error { return r.problems(today).err() }

func (r NewOwnerRename) problems(today Date) Problems {
	var p Problems
	p.add(checkLine("old", r.Old, MaxNameBytes))
	p.add(checkLine("new", r.New, MaxNameBytes))
	if r.Old != "" && r.New != "" && OwnerKey(r.Old) == OwnerKey(r.New) {
		p.add(FieldError("new", r.New, "is the same owner as %q (names are compared by case and Unicode form)", r.Old))
	}
	p.add(checkDate("as_of", r.AsOf, today))
	p.add(checkLine("by", r.By, MaxNameBytes))
	return p
}

// Validate checks a rename that comes from elsewhere (a merged export): the
// rules of NewOwnerRename, and a uid and recording time.
func (r OwnerRename) Validate(today Date) error { return r.problems(today).err() }

func (r OwnerRename) problems(today Date) Problems {
	var p Problems
	p.add(checkUID("uid", r.UID))
	p = append(p, NewOwnerRename{Old: r.OldName, New: r.NewName, AsOf: r.AsOf, By: r.By}.problems(today)...)
	p.add(checkRecordedAt("recorded_at", r.RecordedAt))
	return p
}

// RenameProblems lists what is wrong across a tracker's renames, which no
// one rename shows: a name that renames lead back to (a cycle), and a name
// that renames give to two owners (trackers merged after each renamed an
// owner to it).
func RenameProblems(renames []OwnerRename) []string {
	identities := OwnerIdentities(renames)
	var out []string
	ownerOf := map[string]string{} // new key -> identity of the first rename's old name
	for _, r := range renames {
		newKey := OwnerKey(r.NewName)
		if _, ok := identities[newKey]; !ok {
			out = append(out, fmt.Sprintf("rename %s (%q to %q) is on a cycle of renames", r.UID, r.OldName, r.NewName))
			continue
		}
		id := IdentityOf(identities, OwnerKey(r.OldName))
		if other, ok := ownerOf[newKey]; ok && other != id {
			out = append(out, fmt.Sprintf("rename %s (%q to %q) gives %q to a second owner", r.UID, r.OldName, r.NewName, r.NewName))
		}
		ownerOf[newKey] = id
	}
	return out
}

// OwnerIdentities maps every owner key a rename names to the owner's
// identity: the key of its first name, reached by following renames back
// from the new name to the old. Keys no rename names are their own identity
// and are not in the map. Should renames give a key two identities (trackers
// merged after renaming one name apart), the least wins, and keys on a cycle
// of renames have none: db check reports both. The store's SQL view
// owner_identities is the same rule.
func OwnerIdentities(renames []OwnerRename) map[string]string {
	newKeys := map[string]bool{}
	from := map[string][]string{} // old key -> new keys
	for _, r := range renames {
		newKeys[OwnerKey(r.NewName)] = true
		old := OwnerKey(r.OldName)
		from[old] = append(from[old], OwnerKey(r.NewName))
	}
	out := map[string]string{}
	var roots []string
	for old := range from {
		if !newKeys[old] {
			roots = append(roots, old)
		}
	}
	slices.Sort(roots)
	for _, root := range roots {
		queue := []string{root}
		for len(queue) > 0 {
			key := queue[0]
			queue = queue[1:]
			if id, ok := out[key]; ok && id <= root {
				continue
			}
			out[key] = root
			queue = append(queue, from[key]...)
		}
	}
	return out
}

// IdentityOf is the identity of an owner's key under identities
// (OwnerIdentities).
func IdentityOf(identities map[string]string, key string) string {
	if id, ok := identities[key]; ok {
		return id
	}
	return key
}

// NameOn is the name of the owner whose identity is identity on day, as
// known at moment known: the new name of its latest rename on or before
// day, else the old name of its first rename, else spelled (the name as an
// assignment spells it), counting only the renames received by known, so
// that a list as recorded then names owners as it did then. identities may
// come from every rename, later ones too: which names are one owner is
// not a matter of when it was learnt.
func NameOn(renames []OwnerRename, identities map[string]string, identity string, day Date, known Moment, spelled string) string {
	var latest, first *OwnerRename
	for i := range renames {
		r := &renames[i]
		if !known.Knows(r.ReceivedAt) || IdentityOf(identities, OwnerKey(r.NewName)) != identity {
			continue
		}
		if r.AsOf <= day && (latest == nil || CompareEntries(r.AsOf, r.RecordedAt, r.UID, latest.AsOf, latest.RecordedAt, latest.UID) > 0) {
			latest = r
		}
		if OwnerKey(r.OldName) == identity && (first == nil || CompareEntries(r.AsOf, r.RecordedAt, r.UID, first.AsOf, first.RecordedAt, first.UID) < 0) {
			first = r
		}
	}
	switch {
	case latest != nil:
		return latest.NewName
	case first != nil:
		return first.OldName
	}
	return spelled
}

// OwnerSummary is one owner on a day: its name then, what it follows up
// with which role, and the names it had before.
type OwnerSummary struct {
	Name            string                `json:"name"`
	Recommendations []OwnedRecommendation `json:"recommendations"`
	FormerNames     []string              `json:"former_names"`
}

// OwnedRecommendation is a recommendation an owner follows up, and its role.
type OwnedRecommendation struct {
	ID   string `json:"id"`
	Role Role   `json:"role"`
}

// OwnersOn gathers the owners of items (a list on day) into one summary
// per owner, by identity, in the order of their keys; each owner's
// recommendations in the items' order, and its former names (the old names
// of its renames by day) oldest first.
func OwnersOn(items []Item, renames []OwnerRename, day Date) []OwnerSummary {
	identities := OwnerIdentities(renames)
	byIdentity := map[string]*OwnerSummary{}
	var order []string
	for _, it := range items {
		for _, o := range it.Owners {
			id := IdentityOf(identities, OwnerKey(o.Name))
			sum, ok := byIdentity[id]
			if !ok {
				sum = &OwnerSummary{Name: o.Name, FormerNames: []string{}}
				byIdentity[id] = sum
				order = append(order, id)
			}
			sum.Recommendations = append(sum.Recommendations, OwnedRecommendation{ID: it.ID, Role: o.Role})
		}
	}
	sorted := slices.Clone(renames)
	slices.SortFunc(sorted, func(a, b OwnerRename) int {
		return CompareEntries(a.AsOf, a.RecordedAt, a.UID, b.AsOf, b.RecordedAt, b.UID)
	})
	for _, r := range sorted {
		sum, ok := byIdentity[IdentityOf(identities, OwnerKey(r.NewName))]
		if ok && r.AsOf <= day && !slices.Contains(sum.FormerNames, r.OldName) {
			sum.FormerNames = append(sum.FormerNames, r.OldName)
		}
	}
	out := make([]OwnerSummary, 0, len(order))
	for _, id := range order {
		out = append(out, *byIdentity[id])
	}
	slices.SortFunc(out, func(a, b OwnerSummary) int { return strings.Compare(OwnerKey(a.Name), OwnerKey(b.Name)) })
	return out
}
