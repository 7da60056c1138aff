// Package exchange reads and checks the files that coalition members send
// each other to merge their trackers: an export (JSON) or a tracker file.
// Such a file is untrusted: everything in it is checked before any of it is
// used.
package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rtp-tracker/rtp"
)

// MaxExportBytes bounds an export file, refused by its size before it is
// read: the export of the 100k benchmark tracker (a million updates) fits.
// Within it, an export is scanned (ScanJSON) and decoded entry by entry,
// each checked as it comes and dropped, so that a hostile file is refused
// after at most MaxProblems problems without being held: only a file found
// sound is decoded again, to be kept.
const MaxExportBytes = 512 << 20

// MaxProblems is how many problems of a bad file are listed.
const MaxProblems = 50

// TrackerFile is what a merge needs of another tracker's file: a full
// check, and its content in the exchange form.
type TrackerFile interface {
	Check(ctx context.Context) (rtp.CheckReport, error)
	Export(ctx context.Context) (rtp.Export, error)
	Close() error
}

// OpenTracker opens the tracker file at path read-only. The caller's
// storage knows how: this package reads files, it does not keep trackers.
type OpenTracker func(ctx context.Context, path string) (TrackerFile, error)

// Read reads another tracker's export or tracker file at path, checks it
// whole, and returns its content. A tracker file is opened read-only with
// open and must pass rtp db check.
func Read(ctx context.Context, path string, today rtp.Date, open OpenTracker) (rtp.Export, error) {
	f, err := os.Open(path)
	if err != nil {
		return rtp.Export{}, rtp.Errorf(rtp.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if bytes.HasPrefix(head[:n], []byte("SQLite format 3\x00")) {
		return readTracker(ctx, path, today, open)
	}
	info, err := os.Stat(path)
	if err != nil || info.IsDir() || info.Size() > MaxExportBytes {
		return rtp.Export{}, rtp.Errorf(rtp.EINVALID, "%s is not an rtp export or tracker of at most %d MiB", path, MaxExportBytes>>20)
	}
	f, err = os.Open(path)
	if err != nil {
		return rtp.Export{}, rtp.Errorf(rtp.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	defer f.Close()
	return DecodeFrom(path, f, today)
}

func readTracker(ctx context.Context, path string, today rtp.Date, open OpenTracker) (rtp.Export, error) {
	s, err := open(ctx, path)
	if err != nil {
		return rtp.Export{}, err
	}
	defer s.Close()
	report, err := s.Check(ctx)
	if err != nil {
		return rtp.Export{}, err
	}
	if len(report.Problems) > 0 {
		e := rtp.Errorf(rtp.EINVALID, "%s fails rtp db check with %s; nothing was merged:", path, rtp.CountOf(len(report.Problems), "problem"))
		e.Details = first(report.Problems)
		return rtp.Export{}, e
	}
	// db check ran the export checker over every stored entry: what it
	// exports needs no second look here (the merge checks it against this
	// tracker in its transaction).
	return s.Export(ctx)
}

// Decode reads an export from JSON, refusing unknown fields, and checks it.
func Decode(name string, data []byte, today rtp.Date) (rtp.Export, error) {
	return DecodeFrom(name, bytes.NewReader(data), today)
}

// DecodeFrom reads an export from r in streaming passes: ScanJSON; then
// entry by entry, each checked as it is read and dropped; and only when
// that found nothing wrong, entry by entry again, checked again and kept.
// Refusing a file thus never holds its entries.
func DecodeFrom(name string, r io.ReadSeeker, today rtp.Date) (rtp.Export, error) {
	if err := ScanJSON(r); err != nil {
		return rtp.Export{}, notAnExport(name, err)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return rtp.Export{}, err
	}
	if exp, err := decodePass(name, r, today, false); err != nil {
		return exp, err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return rtp.Export{}, err
	}
	return decodePass(name, r, today, true)
}

// notAnExport says why a file is not an export; a spreadsheet given to
// merge is pointed to track import, which reads it.
func notAnExport(name string, err error) error {
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		return rtp.Errorf(rtp.EINVALID, "%s is a spreadsheet, not an rtp export: rtp track import %s records its rows", name, name)
	}
	return rtp.Errorf(rtp.EINVALID, "%s is not an rtp export: %v", name, err)
}

// decodePass reads and checks an export from r, keeping its entries or not.
func decodePass(name string, r io.Reader, today rtp.Date, keep bool) (rtp.Export, error) {
	c := rtp.NewExportChecker(today, nil)
	exp, err := decodeEntries(json.NewDecoder(r), c, keep)
	if errors.Is(err, errTooManyProblems) {
		e := rtp.Errorf(rtp.EINVALID, "%s has more than %d problems; nothing was merged:", name, MaxProblems)
		e.Details = rtp.Messages(c.Err())[:MaxProblems]
		return exp, e
	}
	if err != nil {
		return exp, notAnExport(name, err)
	}
	if exp.Format != rtp.ExportFormat {
		return exp, rtp.Errorf(rtp.EINVALID, "%s is not an rtp export (its format is %q, not %q)", name, exp.Format, rtp.ExportFormat)
	}
	if exp.Version != rtp.ExportVersion {
		return exp, rtp.Errorf(rtp.EINVALID, "%s is an rtp export of version %d; this rtp reads version %d", name, exp.Version, rtp.ExportVersion)
	}
	// An older export wrote recorded_at in whole seconds.
	exp.NormaliseRecordedAt()
	return exp, Refuse(name, c.Err())
}

// Refuse turns the problems a file to merge was found to have into the error
// that lists them; nil without problems.
func Refuse(name string, problems error) error {
	if problems == nil {
		return nil
	}
	list := rtp.Messages(problems)
	e := rtp.Errorf(rtp.EINVALID, "%s has %s; nothing was merged:", name, rtp.CountOf(len(list), "problem"))
	e.Details = first(list)
	return e
}

func first(problems []string) []string {
	if len(problems) > MaxProblems {
		return append(problems[:MaxProblems:MaxProblems], fmt.Sprintf("… and %d more", len(problems)-MaxProblems))
	}
	return problems
}
