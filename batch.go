package rtp

// NewBatchRetraction is what `rtp track retract --batch` asks the store to
// record: every update and piece of evidence that one import or merge
// recorded was a mistake, for one reason.
type NewBatchRetraction struct {
	Batch  int64
	Reason string
	AsOf   Date
	By     string
}

// Validate checks a batch retraction as a retraction of one entry is checked.
func (nb NewBatchRetraction) Validate(today Date) error {
	p := retractionProblems(nb.Reason, nb.AsOf, nb.By, today)
	if nb.Batch <= 0 {
		p.add(FieldError("batch", "", "give the number rtp log prints for the import or merge"))
	}
	return p.err()
}

// BatchRetracted says what a batch retraction did: which batch it was, and
// the updates and evidence it retracted now (entries of the batch retracted
// one by one before are left as they were).
type BatchRetracted struct {
	Kind, Source    string // import or merge, and the file's name
	Updates         []int64
	Evidence        []int64
	Recommendations []string // those the retracted entries were about, in order
}
