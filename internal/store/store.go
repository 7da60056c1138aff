// Package store keeps an rtp tracker in one SQLite file. Every exported method
// is one transaction: a method that may write begins IMMEDIATE, so that
// concurrent writers wait for each other (up to BusyTimeout) instead of
// failing, and a method that only reads sees one consistent snapshot.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/rtp-tracker/rtp"
)

// DefaultBusyTimeout is how long a writer waits for another writer before
// giving up, unless Options say otherwise.
const DefaultBusyTimeout = 10 * time.Second

// Options say how to open a tracker.
type Options struct {
	// ReadOnly opens the file so that nothing can change it: for looking at
	// a tracker someone sent. Writes fail with a "read-only" error.
	ReadOnly bool
	// BusyTimeout is how long a write waits for other writers; 0 means
	// DefaultBusyTimeout.
	BusyTimeout time.Duration
	// Now is the clock for recording times; nil means time.Now.
	Now func() time.Time
	// Seed returns what Create stores in a new tracker, in order: the
	// built-in memo, for rtp. It is called only to create a tracker or to
	// order its sources, so that opening one decodes nothing; nil for none.
	Seed func() []rtp.Document

	// historyOnly makes every read work the state out from the history,
	// never from the kept current state: the tests compare the two.
	historyOnly bool
}

// Store is an open tracker file.
type Store struct {
	db          *sql.DB
	path        string
	readOnly    bool
	busyTimeout time.Duration
	seed        func() []rtp.Document
	historyOnly bool
	view        sessionView // what a PostgreSQL session sees (version.go)
	// publicCounts are kept for rtp serve's list pages (web_public_counts.go).
	publicCounts keptPublicCounts
	stmtsMu      sync.Mutex
	stmts        map[string]*sql.Stmt // see prepared
	used         map[string]bool      // the queries prepared once, on a transaction
	// Now is the clock used for recorded_at timestamps; tests fix it.
	Now func() time.Time
	// Upgraded is set when opening migrated an older tracker.
	Upgraded *Upgrade
	// copyPath is the temporary upgraded copy read in place of a tracker
	// of an older schema that may not be changed; Close removes it.
	copyPath    string
	releaseCopy func()
	// pg is set for a tracker on PostgreSQL (pgstore.go).
	pg *pgInfo
	// whyReadOnly, if set, is why a tracker that may be written was opened
	// read-only (a full disk): what a write is told.
	whyReadOnly error
}

// Upgrade says what opening a tracker of an older schema version did.
type Upgrade struct {
	From, To int
	// Backup is the copy of the file as it was before; empty when the file
	// may not be changed and was read through an upgraded temporary copy.
	Backup string
}

// Path returns the tracker file's path.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the tracker was opened (or could only be opened)
// read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Close closes the database.
func (s *Store) Close() error {
	s.stmtsMu.Lock()
	for _, stmt := range s.stmts {
		stmt.Close()
	}
	s.stmtsMu.Unlock()
	err := s.db.Close()
	if s.copyPath != "" {
		removeCopy(s.copyPath)
		s.releaseCopy()
	}
	return err
}

// Open opens an existing tracker. A missing file is an ENOTFOUND error
// wrapping rtp.ErrNoTracker, never a new empty database; an empty file is
// an EDATABASE error wrapping rtp.ErrEmptyTracker; a file that is not an rtp tracker,
// or comes from a newer rtp, is refused without being changed. A tracker of
// an older schema version is backed up and upgraded; if it may not be
// changed here, it is read through an upgraded copy.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	abs, err := checkPath(path)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); errors.Is(err, os.ErrNotExist) {
		return nil, &rtp.Error{Code: rtp.ENOTFOUND, Message: "no tracker at " + path, Err: rtp.ErrNoTracker}
	}
	s, err := openFile(ctx, path, abs, opts)
	if err != nil {
		return nil, err
	}
	appID, version, tables, err := s.header(ctx, s.db)
	if err == nil && appID == 0 && version == 0 && tables == 0 {
		err = &rtp.Error{Code: rtp.EDATABASE, Message: path + " is empty, not an rtp tracker", Err: rtp.ErrEmptyTracker}
	}
	if err == nil {
		err = s.checkHeader(appID, version)
	}
	if err == nil && version < rtp.SchemaVersion && s.readOnly {
		upgraded, err := s.readUpgradedCopy(ctx, version, opts)
		s.db.Close()
		return upgraded, err
	}
	if err == nil && version < rtp.SchemaVersion {
		err = s.upgrade(ctx, version)
	}
	if err == nil && !s.readOnly {
		err = s.ensureWAL(ctx)
	}
	if err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// Create opens the tracker at path, creating it (and its folder) with the
// schema and opts.Seed if it does not exist yet, or finishing one that an
// interrupted Create left: a file with nothing in it, not even a table. It
// reports whether it created the tracker. A file that exists but is not an
// rtp tracker is refused. A new tracker is readable by its owner only, and
// so is a folder Create makes for it (as the XDG Base Directory
// specification asks of data folders): it holds the private entries.
func Create(ctx context.Context, path string, opts Options) (s *Store, created bool, err error) {
	abs, err := checkPath(path)
	if err != nil {
		return nil, false, err
	}
	if _, err := os.Stat(abs); err == nil {
		s, err := Open(ctx, path, opts)
		if !errors.Is(err, rtp.ErrEmptyTracker) || opts.ReadOnly {
			return s, false, err
		}
		return finishCreate(ctx, path, abs, "rw", opts, false)
	}
	if opts.ReadOnly {
		return nil, false, rtp.Errorf(rtp.ENOTFOUND, "no tracker at %s to open read-only", path)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, false, rtp.Errorf(rtp.EDATABASE, "cannot create the folder for %s: %v", path, err)
	}
	// SQLite would create the file with mode 0644; its -wal and -shm files
	// take the mode of the file.
	f, err := os.OpenFile(abs, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err == nil {
		err = f.Close()
	}
	if err != nil && !errors.Is(err, os.ErrExist) { // another rtp init may have created it
		return nil, false, rtp.Errorf(rtp.EDATABASE, "cannot create %s: %v", path, err)
	}
	return finishCreate(ctx, path, abs, "rwc", opts, err == nil)
}

// finishCreate stores the schema and the seed in a tracker file that holds
// nothing yet. A file this process made is removed if that fails, so that
// a failed init does not look like a tracker.
func finishCreate(ctx context.Context, path, abs, mode string, opts Options, made bool) (*Store, bool, error) {
	s, err := openDSN(path, abs, mode, opts)
	if err != nil {
		return nil, false, err
	}
	created, err := s.initialise(ctx)
	if err != nil {
		s.db.Close()
		// Another process may have stored a tracker there meanwhile; only
		// an empty file is ours to remove.
		if info, statErr := os.Stat(abs); made && statErr == nil && info.Size() == 0 {
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				os.Remove(abs + suffix)
			}
		}
		return nil, false, err
	}
	return s, created, nil
}

func checkPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", rtp.Errorf(rtp.EDATABASE, "invalid tracker path %q: %v", path, err)
	}
	if info, err := os.Stat(abs); err == nil && info.IsDir() {
		return "", rtp.Errorf(rtp.EDATABASE, "%s is a folder, not a tracker file", path)
	}
	return abs, nil
}

// openDSN opens a connection pool on abs. The settings are per connection, so they
// go in the DSN, where every pooled connection gets them. mode=rw makes a
// missing file an error rather than a new empty database; _txlock makes every
// writing transaction BEGIN IMMEDIATE.
func openDSN(path, abs, mode string, opts Options) (*Store, error) {
	timeout := opts.BusyTimeout
	if timeout <= 0 {
		timeout = DefaultBusyTimeout
	}
	q := url.Values{}
	q.Set("_txlock", "immediate")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", timeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	dsn := (&url.URL{Scheme: "file", OmitHost: true, Path: abs, RawQuery: "mode=" + mode + "&" + q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, rtp.Errorf(rtp.EINTERNAL, "cannot open %s: %v", path, err)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Store{db: db, path: path, readOnly: mode != "rw" && mode != "rwc", busyTimeout: timeout,
		seed: opts.Seed, historyOnly: opts.historyOnly, stmts: map[string]*sql.Stmt{}, used: map[string]bool{}, Now: now}, nil
}

// header reads what tells an rtp tracker apart from other files.
func (s *Store) header(ctx context.Context, q querier) (appID, version, tables int, err error) {
	err = q.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &version, &tables)
	return appID, version, tables, s.translate(err)
}

// checkHeader refuses files that are not trackers this rtp can use.
func (s *Store) checkHeader(appID, version int) error {
	if appID != rtp.ApplicationID {
		return rtp.Errorf(rtp.EDATABASE, "%s is not an rtp tracker (it is an SQLite database of another program); give the path of an rtp tracker", s.path)
	}
	if version > rtp.SchemaVersion {
		return rtp.Errorf(rtp.EDATABASE, "%s was written by a newer rtp (schema version %d; this rtp reads up to version %d): upgrade rtp", s.path, version, rtp.SchemaVersion)
	}
	if version < 1 {
		return rtp.Errorf(rtp.EDATABASE, "%s has an unknown schema version %d: it is not a tracker this rtp wrote", s.path, version)
	}
	return nil
}

// ensureWAL switches a tracker to WAL mode, the mode that lets readers run
// beside the writer, if it is not in it: a copy made by VACUUM INTO, for one,
// is not.
func (s *Store) ensureWAL(ctx context.Context) error {
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return s.translate(err)
	}
	if mode == "wal" {
		return nil
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return s.translate(err)
	}
	if mode != "wal" {
		return rtp.Errorf(rtp.EDATABASE, "cannot switch %s to WAL mode (it is in %s mode)", s.path, mode)
	}
	return nil
}

// seedDocuments are the documents of Options.Seed.
func (s *Store) seedDocuments() []rtp.Document {
	if s.seed == nil {
		return nil
	}
	return s.seed()
}

// initialise creates the schema and stores the seed documents in an empty file.
func (s *Store) initialise(ctx context.Context) (created bool, err error) {
	appID, version, tables, err := s.header(ctx, s.db)
	if err != nil {
		return false, err
	}
	if appID != 0 || version != 0 || tables != 0 {
		return false, s.checkHeader(appID, version)
	}
	// WAL is a property of the file, and cannot be switched inside a
	// transaction, so it is set first.
	if err := s.ensureWAL(ctx); err != nil {
		return false, err
	}
	err = s.transact(ctx, func(tx *sql.Tx) error {
		// Another `rtp init` may have won the race while this one waited.
		appID, version, tables, err := s.header(ctx, tx)
		if err != nil {
			return err
		}
		if appID != 0 || version != 0 || tables != 0 {
			return s.checkHeader(appID, version)
		}
		if _, err := tx.ExecContext(ctx, rtp.Schema); err != nil {
			return fmt.Errorf("creating the schema: %w", err)
		}
		for i, doc := range s.seedDocuments() {
			if err := insertDocument(ctx, tx, doc, i+1); err != nil {
				return err
			}
		}
		if err := startClock(ctx, tx, s.Now()); err != nil {
			return err
		}
		if err := resetState(ctx, tx); err != nil {
			return err
		}
		if err := setVersion(ctx, tx, rtp.SchemaVersion); err != nil {
			return err
		}
		created = true
		return nil
	})
	return created, err
}

func setVersion(ctx context.Context, tx *sql.Tx, version int) error {
	_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", rtp.ApplicationID, version))
	return err
}

// insertDocument stores a source and its recommendations after those already
// stored.
func insertDocument(ctx context.Context, tx *sql.Tx, doc rtp.Document, position int) error {
	organisers, err := jsonArray(doc.Organisers)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO sources (id, position, kind, title, date, organisers, description) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		doc.ID, position, doc.Kind, doc.Title, doc.Date, organisers, doc.Description); err != nil {
		return fmt.Errorf("storing source %s: %w", doc.ID, err)
	}
	return insertDocumentRecommendations(ctx, tx, doc.ID, doc.Recommendations)
}

// insertDocumentRecommendations stores recommendations of a source after
// those already stored.
func insertDocumentRecommendations(ctx context.Context, tx *sql.Tx, source string, recs []rtp.Recommendation) error {
	var next int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(position), 0) + 1 FROM recommendations`).Scan(&next); err != nil {
		return err
	}
	for i, r := range recs {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO recommendations (id, source_id, position, number, section, title, heading, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, source, next+i, r.Number, r.Section, r.Title, r.Heading, r.Text); err != nil {
			return fmt.Errorf("storing recommendation %s: %w", r.ID, err)
		}
		for j, actor := range r.Actors {
			if _, err := tx.ExecContext(ctx, `INSERT INTO recommendation_actors (recommendation_id, position, actor) VALUES (?, ?, ?)`, r.ID, j+1, actor); err != nil {
				return err
			}
		}
		for j, theme := range r.Themes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO recommendation_themes (recommendation_id, position, theme) VALUES (?, ?, ?)`, r.ID, j+1, theme); err != nil {
				return err
			}
		}
	}
	return nil
}

// querier is what reads need: the database itself or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// write runs fn in one IMMEDIATE transaction: all of it is stored, or none.
// It first takes the transaction's one stamp (stamp): every entry fn
// records is received then.
// Before it commits, the kept current state of every recommendation fn
// touched is worked out again (keepState), so no write can leave it behind.
func (s *Store) write(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.transact(ctx, func(tx *sql.Tx) error {
		// The stamp is taken first: on PostgreSQL it makes writers take
		// turns (take_stamp locks the clock), so that what this one reads
		// afterwards includes what the one before it committed; SQLite's
		// IMMEDIATE transaction already holds the file's lock.
		prev, err := s.stamp(ctx, tx)
		if err != nil {
			return err
		}
		marks, err := s.markHistory(ctx, tx)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		// A write that recorded nothing (an import of what is there
		// already) leaves the file as it was, clock included.
		if err := s.unstampIfUnchanged(ctx, tx, prev); err != nil {
			return err
		}
		return s.keepState(ctx, tx, marks)
	})
}

// transact runs fn in one IMMEDIATE transaction, leaving the kept state to
// fn: for creating and upgrading the schema itself.
func (s *Store) transact(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.translate(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return s.translate(err)
	}
	return s.translate(tx.Commit())
}

// read runs fn in one read-only transaction, so that it sees one snapshot
// while other processes write.
func (s *Store) read(ctx context.Context, fn func(*sql.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.pg != nil {
		// One snapshot for the whole read, as SQLite's read transaction.
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := s.db.BeginTx(ctx, opts)
	if err != nil {
		return s.translate(err)
	}
	defer tx.Rollback()
	return s.translate(fn(tx))
}

// translate turns SQLite's failures into errors a user can act on, by result
// code rather than message text.
func (s *Store) translate(err error) error {
	if err == nil {
		return nil
	}
	var domainErr *rtp.Error
	if errors.As(err, &domainErr) {
		return err
	}
	if s.pg != nil {
		return s.translatePG(err)
	}
	var sqliteErr *sqlite.Error
	if errors.As(err, &sqliteErr) {
		switch sqliteErr.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return rtp.Errorf(rtp.EBUSY, "the tracker %s is busy: another rtp process kept it locked for over %s; nothing was changed, try again", s.path, s.busyTimeout)
		case sqlite3.SQLITE_NOTADB:
			return rtp.Errorf(rtp.EDATABASE, "%s is not an rtp tracker (not an SQLite database, or damaged); give the path of an rtp tracker", s.path)
		case sqlite3.SQLITE_CORRUPT:
			return rtp.Errorf(rtp.EDATABASE, "the tracker %s is damaged: restore it from a backup", s.path)
		case sqlite3.SQLITE_READONLY:
			if s.whyReadOnly != nil {
				return s.whyReadOnly
			}
			return rtp.Errorf(rtp.EREADONLY, "the tracker %s is read-only here: nothing was changed", s.path)
		case sqlite3.SQLITE_CANTOPEN:
			return rtp.Errorf(rtp.EREADONLY, "cannot open the tracker %s: check that you may read it and its folder", s.path)
		}
	}
	if free, full := diskFull(err, s.path); full {
		return &rtp.Error{Code: rtp.EINTERNAL, Err: errDiskFull,
			Message: fmt.Sprintf("the disk holding %s is full (%s free): nothing was changed; make room on it and try again", s.path, sizeText(free))}
	}
	return fmt.Errorf("tracker %s: %w", s.path, err)
}

// newUID returns a random identifier for an entry, unique across trackers.
func newUID() string { return orderedUID() }

// The store is the local-file implementation of the tracker services.
var _ rtp.TrackerFile = (*Store)(nil)
