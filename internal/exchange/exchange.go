// Package exchange reads and checks the files that coalition members send
// each other to merge their trackers: an export (JSON) or a tracker file.
// Such a file is untrusted: everything in it is checked before any of it is
// used.
package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/sources"
	"github.com/rtp-tracker/rtp/internal/store"
)

// MaxExportBytes bounds an export file read into memory.
const MaxExportBytes = 512 << 20

// MaxProblems is how many problems of a bad file are listed.
const MaxProblems = 50

// Read reads another tracker's export or tracker file at path, checks it
// whole, and returns its content. A tracker file is opened read-only and
// must pass rtp db check.
func Read(ctx context.Context, path string, today rtp.Date) (rtp.Export, error) {
	f, err := os.Open(path)
	if err != nil {
		return rtp.Export{}, rtp.Errorf(rtp.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if bytes.HasPrefix(head[:n], []byte("SQLite format 3\x00")) {
		return readTracker(ctx, path)
	}
	info, err := os.Stat(path)
	if err != nil || info.IsDir() || info.Size() > MaxExportBytes {
		return rtp.Export{}, rtp.Errorf(rtp.EINVALID, "%s is not an rtp export or tracker of at most %d MiB", path, MaxExportBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return rtp.Export{}, rtp.Errorf(rtp.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	return Decode(path, data, today)
}

func readTracker(ctx context.Context, path string) (rtp.Export, error) {
	s, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		return rtp.Export{}, err
	}
	defer s.Close()
	report, err := s.Check(ctx)
	if err != nil {
		return rtp.Export{}, err
	}
	if len(report.Problems) > 0 {
		e := rtp.Errorf(rtp.EINVALID, "%s fails rtp db check with %d problems; nothing was merged:", path, len(report.Problems))
		e.Details = first(report.Problems)
		return rtp.Export{}, e
	}
	return s.Export(ctx)
}

// Decode reads an export from JSON, refusing unknown fields, and checks it.
func Decode(name string, data []byte, today rtp.Date) (rtp.Export, error) {
	var exp rtp.Export
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&exp); err != nil {
		return exp, rtp.Errorf(rtp.EINVALID, "%s is not an rtp export: %v", name, err)
	}
	if dec.More() {
		return exp, rtp.Errorf(rtp.EINVALID, "%s is not an rtp export: it goes on after the export's closing brace", name)
	}
	if exp.Format != rtp.ExportFormat {
		return exp, rtp.Errorf(rtp.EINVALID, "%s is not an rtp export (its format is %q, not %q)", name, exp.Format, rtp.ExportFormat)
	}
	if exp.Version != rtp.ExportVersion {
		return exp, rtp.Errorf(rtp.EINVALID, "%s is an rtp export of version %d; this rtp reads version %d", name, exp.Version, rtp.ExportVersion)
	}
	if problems := Validate(exp, today); len(problems) > 0 {
		e := rtp.Errorf(rtp.EINVALID, "%s has %d problems; nothing was merged:", name, len(problems))
		e.Details = first(problems)
		return exp, e
	}
	return exp, nil
}

func first(problems []string) []string {
	if len(problems) > MaxProblems {
		return append(problems[:MaxProblems:MaxProblems], fmt.Sprintf("… and %d more", len(problems)-MaxProblems))
	}
	return problems
}

var uidPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

// Validate lists what is wrong with an export on its own: the same rules
// the commands apply to what people type, and references that point
// nowhere in the file (they may still exist in the tracker it merges into).
func Validate(exp rtp.Export, today rtp.Date) []string {
	var problems []string
	add := func(where string, err error) {
		if err != nil {
			problems = append(problems, where+": "+err.Error())
		}
	}
	for i, src := range exp.Sources {
		where := fmt.Sprintf("source %d (%s)", i+1, src.ID)
		for _, p := range sources.Validate(sources.Document{Source: src.Source, Recommendations: src.Recommendations}, today) {
			problems = append(problems, where+": "+p)
		}
		for _, r := range src.Recommendations {
			if r.Source != "" && r.Source != src.ID {
				problems = append(problems, fmt.Sprintf("%s: recommendation %s says it belongs to %s", where, r.ID, r.Source))
			}
		}
	}
	uids := map[string]string{}
	entry := func(kind string, i int, uid, recommendation, by string, asOf rtp.Date, recordedAt string) string {
		where := fmt.Sprintf("%s %d (%s)", kind, i+1, uid)
		if !uidPattern.MatchString(uid) {
			problems = append(problems, fmt.Sprintf("%s: invalid uid %q", where, uid))
		} else if other, dup := uids[uid]; dup {
			problems = append(problems, fmt.Sprintf("%s: the uid is also used by %s", where, other))
		}
		uids[uid] = where
		if recommendation != "" || kind != "retraction" {
			if err := sources.CheckID("recommendation", recommendation); err != nil {
				add(where, err)
			}
		}
		add(where, rtp.CheckLine("by", by, rtp.MaxNameBytes))
		if _, err := rtp.ParseDate("as_of", string(asOf), today); err != nil {
			add(where, err)
		}
		if t, err := time.Parse(time.RFC3339, recordedAt); err != nil || t.UTC().Format(time.RFC3339) != recordedAt {
			problems = append(problems, fmt.Sprintf("%s: invalid recorded_at %q: it must be RFC 3339 in UTC, e.g. 2019-09-18T10:00:00Z", where, recordedAt))
		}
		return where
	}
	for i, u := range exp.Updates {
		where := entry("update", i, u.UID, u.RecommendationID, u.By, u.AsOf, u.RecordedAt)
		if _, err := rtp.ParseStatus("status", string(u.Status)); err != nil {
			add(where, err)
		}
		add(where, rtp.CheckText("note", u.Note, rtp.MaxNoteBytes))
	}
	for i, a := range exp.Assignments {
		where := entry("assignment", i, a.UID, a.RecommendationID, a.By, a.AsOf, a.RecordedAt)
		add(where, rtp.CheckLine("owner", a.Owner, rtp.MaxNameBytes))
		switch a.Action {
		case "assign":
			if _, err := rtp.ParseRole("role", string(a.Role)); err != nil {
				add(where, err)
			}
		case "unassign":
			if a.Role != "" {
				problems = append(problems, where+": an unassignment has no role")
			}
		default:
			problems = append(problems, fmt.Sprintf("%s: invalid action %q: use assign or unassign", where, a.Action))
		}
	}
	for i, e := range exp.Evidence {
		where := entry("evidence", i, e.UID, e.RecommendationID, e.By, e.Date, e.RecordedAt)
		add(where, rtp.CheckRef("ref", e.Ref))
		if e.Title != "" {
			add(where, rtp.CheckLine("title", e.Title, rtp.MaxTitleBytes))
		}
		add(where, rtp.CheckText("note", e.Note, rtp.MaxNoteBytes))
		if e.Update != "" && !uidPattern.MatchString(e.Update) {
			problems = append(problems, fmt.Sprintf("%s: invalid update uid %q", where, e.Update))
		}
	}
	for i, x := range exp.Retractions {
		where := entry("retraction", i, x.UID, "", x.By, x.AsOf, x.RecordedAt)
		add(where, rtp.CheckLine("reason", x.Reason, rtp.MaxTitleBytes))
		if (x.Update == "") == (x.Evidence == "") {
			problems = append(problems, where+": a retraction names one update or one piece of evidence")
		}
	}
	return problems
}
