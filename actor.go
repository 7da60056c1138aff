package rtp

import (
	"strings"
)

// Progress per addressee: a recommendation addressed to several actors (the
// African Union, the European Union, ASEAN, the OAS) moves at a different
// speed with each. An update may name one of them (NewUpdate.Actor): it is
// about that actor only, so it never counts in the recommendation's own state
// (StateOn skips it), and each actor's status is the latest of its own
// updates, by the same order as the recommendation's.

// ActorStatus is one actor's latest status on a recommendation.
type ActorStatus struct {
	Actor  string `json:"actor"`
	Status Status `json:"status"`
	AsOf   Date   `json:"as_of"` // the day of the update in force
	// Addressed is false for an actor added with --new-actor rather than
	// named by the source.
	Addressed bool `json:"addressed"`
}

func actorProblems(nu NewUpdate) Problems {
	var p Problems
	if nu.Actor == "" {
		if nu.NewActor {
			p.add(FieldProblem("new_actor", "true", "needs an actor to add"))
		}
		return p
	}
	p.add(checkLine("actor", nu.Actor, MaxNameBytes))
	if nu.Status == "" {
		// An actor's status is only ever what its own updates say: a note
		// on its own would have no status of the actor to keep.
		p.add(FieldProblem("status", "", "is needed with an actor: an update about an actor records the actor's status"))
	}
	return p
}

// MatchActor returns the recommendation's actor that name names, compared
// without regard to case (the source's spelling wins), and whether one did.
func MatchActor(actors []string, name string) (string, bool) {
	for _, a := range actors {
		if strings.EqualFold(a, name) {
			return a, true
		}
	}
	return "", false
}

// NotAddressedError is the refusal of an update about an actor the
// recommendation does not address.
func NotAddressedError(id, actor string, actors []string) error {
	list := "none"
	if len(actors) > 0 {
		list = strings.Join(actors, "; ")
	}
	return Errorf(EINVALID, "%s is not addressed to %q (its actors: %s); --new-actor adds it knowingly", id, actor, list)
}
