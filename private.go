package rtp

// PublicOnly passes to v what an export may carry to partners: it leaves
// out private updates, private evidence, the evidence recorded with a
// private update, and the retractions of what it left out, so that the
// export a partner merges names nothing it does not hold. An export streams
// updates before evidence and retractions, so the uids left out are known
// by the time an entry refers to them.
func PublicOnly(v ExportVisitor) ExportVisitor {
	return &publicOnly{ExportVisitor: v, left: map[string]bool{}}
}

type publicOnly struct {
	ExportVisitor
	left map[string]bool // uids of the private updates and evidence left out
}

func (p *publicOnly) Update(u ExportUpdate) error {
	if u.Private {
		p.left[u.UID] = true
		return nil
	}
	return p.ExportVisitor.Update(u)
}

func (p *publicOnly) Evidence(e ExportEvidence) error {
	if e.Private || p.left[e.Update] {
		p.left[e.UID] = true
		return nil
	}
	return p.ExportVisitor.Evidence(e)
}

func (p *publicOnly) Retraction(x ExportRetraction) error {
	if p.left[x.Update] || p.left[x.Evidence] {
		return nil
	}
	return p.ExportVisitor.Retraction(x)
}
