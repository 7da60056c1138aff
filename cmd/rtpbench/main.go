// Command rtpbench measures rtp as whole processes on trackers of three
// sizes (the seeded memo, 10,000 and 100,000 recommendations) beside the
// sqlite3 shell running the same SQL on the same file, and beside
// Taskwarrior holding the same data, and times track import of generated
// spreadsheets. It writes the tables of BENCHMARKS.md.
//
//	go run ./cmd/rtpbench -out BENCHMARKS.md
//
// It is not part of the rtp binary and not run in CI: the full run takes
// minutes. Its test runs it at a small scale.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/sources"
	"github.com/rtp-tracker/rtp/internal/store"
	"github.com/rtp-tracker/rtp/internal/synth"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

type config struct {
	dir, rtp, out string
	scales        []string
	imports       []int // rows of the spreadsheets track import reads
	runs          int
	taskwarrior   bool
	postgres      string // a database URL, or "cluster"; "" for none
	pgScale       string
	clients       []int // concurrent writers on the server
	writes        int   // updates each writer records
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rtpbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	var scales, imports string
	fs.StringVar(&c.dir, "dir", "bench-data", "folder for the trackers and the rtp binary (kept between runs: generating 100k takes a while)")
	fs.StringVar(&c.rtp, "rtp", "", "rtp binary to measure (default: build ./cmd/rtp into -dir)")
	fs.StringVar(&c.out, "out", "", "write the Markdown results to this file (default standard output)")
	fs.StringVar(&scales, "scales", "memo,10k,100k", "tracker sizes: memo, 1k, 10k, 100k; empty for none")
	fs.StringVar(&imports, "import", "10k,100k", "rows of the spreadsheets to time track import on, e.g. 10k,100k,1M; empty for none")
	fs.IntVar(&c.runs, "runs", 7, "runs of each command (and of sqlite3 beside it); the median is reported; 0 only makes the trackers")
	fs.BoolVar(&c.taskwarrior, "taskwarrior", true, "also load the data into Taskwarrior (task) and time it, if installed")
	fs.StringVar(&c.postgres, "postgres", "", `also measure rtp on PostgreSQL: a database URL (an empty database gets the -pg-scale tracker), or "cluster" for a throwaway cluster in -dir`)
	fs.StringVar(&c.pgScale, "pg-scale", "100k", "the tracker measured on PostgreSQL: memo, 1k, 10k or 100k")
	var clients string
	fs.StringVar(&clients, "clients", "8,32", "numbers of concurrent writers on PostgreSQL (the first number writes to the SQLite file too); empty for none")
	fs.IntVar(&c.writes, "writes", 20, "updates each concurrent writer records")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	c.scales = slices.DeleteFunc(strings.Split(scales, ","), func(s string) bool { return s == "" })
	var err error
	for _, n := range slices.DeleteFunc(strings.Split(clients, ","), func(s string) bool { return s == "" }) {
		var k int
		if _, err := fmt.Sscan(n, &k); err != nil || k < 1 {
			fmt.Fprintf(stderr, "rtpbench: invalid -clients %q: give numbers of writers, e.g. 8,32\n", clients)
			return 2
		}
		c.clients = append(c.clients, k)
	}
	if c.imports, err = importSizes(imports); err != nil {
		fmt.Fprintln(stderr, "rtpbench:", err)
		return 2
	}
	var md, importMD, pgMD bytes.Buffer
	if err := bench(context.Background(), c, &md, &importMD, &pgMD, stderr); err != nil {
		fmt.Fprintln(stderr, "rtpbench:", err)
		return 1
	}
	if c.out == "" {
		stdout.Write(md.Bytes())
		stdout.Write(importMD.Bytes())
		stdout.Write(pgMD.Bytes())
		return 0
	}
	text, _ := os.ReadFile(c.out)
	if len(c.scales) > 0 {
		text = splice(text, beginResults, endResults, md.Bytes())
	}
	if len(c.imports) > 0 {
		text = splice(text, beginImport, endImport, importMD.Bytes())
	}
	if c.postgres != "" {
		begin, end := postgresMarkers(c.pgScale)
		text = splice(text, begin, end, pgMD.Bytes())
	}
	if err := os.WriteFile(c.out, text, 0o644); err != nil {
		fmt.Fprintln(stderr, "rtpbench:", err)
		return 1
	}
	return 0
}

// The results go between these markers of an existing -out file, so that
// the text around them (the analysis) stays; the import's have their own, so
// that a run of either leaves the other's results.
const (
	beginResults = "<!-- rtpbench results: written by go run ./cmd/rtpbench -->"
	endResults   = "<!-- end of rtpbench results -->"
	beginImport  = "<!-- rtpbench import results: written by go run ./cmd/rtpbench -->"
	endImport    = "<!-- end of rtpbench import results -->"
)

// splice puts results between the markers begin and end of text, or at its
// end if text lacks them.
func splice(text []byte, begin, end string, results []byte) []byte {
	block := begin + "\n\n" + string(results) + end + "\n"
	before, rest, found := strings.Cut(string(text), begin)
	_, after, closed := strings.Cut(rest, end+"\n")
	if !found || !closed {
		if len(text) > 0 && !strings.HasSuffix(string(text), "\n\n") {
			block = "\n" + block
		}
		return append(text, block...)
	}
	return []byte(before + block + after)
}

// measurement is one process: its wall time and peak memory.
type measurement struct {
	wall time.Duration
	rss  int64 // KiB, peak resident memory
}

// execute runs a command to completion, its output discarded, and
// measures its wall time. It fails if the command fails.
func execute(name string, args []string, env []string, stdin string) (measurement, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = io.Discard
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	start := time.Now()
	err := cmd.Run()
	m := measurement{wall: time.Since(start)}
	if err != nil {
		return m, fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, firstLine(errOut.String()))
	}
	return m, nil
}

// peakRSS runs a command once more under GNU time to read its peak memory.
// The child's own rusage would not do: a Go parent starts children with
// vfork, and their peak then counts the parent's memory too.
func peakRSS(name string, args []string, env []string, stdin string) (int64, error) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%M", "-o", "/dev/stderr", name}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = io.Discard
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%s under /usr/bin/time (Debian's package time): %v: %s", name, err, firstLine(errOut.String()))
	}
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	var kib int64
	_, err := fmt.Sscan(lines[len(lines)-1], &kib)
	return kib, err
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// result is a case's medians.
type result struct {
	name        string
	rtp, sqlite measurement
	hasSQLite   bool
}

// median is the median wall time of runs, with the peak memory measured
// separately.
func median(ms []measurement, rss int64) measurement {
	walls := make([]time.Duration, len(ms))
	for i, m := range ms {
		walls[i] = m.wall
	}
	slices.Sort(walls)
	return measurement{wall: walls[len(walls)/2], rss: rss}
}

// benchCase is one command and the SQL that sqlite3 runs beside it.
type benchCase struct {
	name  string
	args  []string // rtp's arguments; the tracker comes from RTP_DB
	sql   string   // what sqlite3 runs on the same file; "" for none
	write bool     // sqlite3 may write
}

func bench(ctx context.Context, c config, md, importMD, pgMD io.Writer, log io.Writer) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	rtpBin := c.rtp
	if rtpBin == "" {
		rtpBin = filepath.Join(c.dir, "rtp")
		fmt.Fprintln(log, "building rtp …")
		if out, err := exec.Command("go", "build", "-o", rtpBin, "github.com/rtp-tracker/rtp/cmd/rtp").CombinedOutput(); err != nil {
			return fmt.Errorf("building rtp: %v: %s", err, out)
		}
	}
	rtpBin, _ = filepath.Abs(rtpBin)
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		return fmt.Errorf("the sqlite3 shell is needed (Debian's package sqlite3)")
	}
	if len(c.imports) > 0 && c.runs > 0 { // -runs 0 only makes the trackers
		if err := benchImport(c, rtpBin, importMD, log); err != nil {
			return fmt.Errorf("track import: %w", err)
		}
	}
	if c.postgres != "" && c.runs > 0 {
		if err := benchPostgres(ctx, c, pgMD, rtpBin, log); err != nil {
			return fmt.Errorf("PostgreSQL: %w", err)
		}
	}
	header(md, c, sqlite3)
	if c.runs > 0 && len(c.scales) > 0 {
		if err := startup(c, md, rtpBin, log); err != nil {
			return fmt.Errorf("start-up: %w", err)
		}
	}
	for _, scale := range c.scales {
		db, err := tracker(ctx, scale, c.dir, rtpBin, log)
		if err != nil {
			return err
		}
		if c.runs < 1 {
			continue // -runs 0 only makes the trackers
		}
		results, err := measureScale(c, db, rtpBin, sqlite3, log)
		if err != nil {
			return fmt.Errorf("%s: %w", scale, err)
		}
		writeTable(md, scale, db, results)
		if c.taskwarrior {
			if err := taskwarrior(ctx, c, md, db, rtpBin, log); err != nil {
				return fmt.Errorf("taskwarrior at %s: %w", scale, err)
			}
		}
	}
	return nil
}

// tracker returns the tracker of a scale, making it if it is not in dir.
func tracker(ctx context.Context, scale, dir, rtpBin string, log io.Writer) (string, error) {
	path, _ := filepath.Abs(filepath.Join(dir, scale+".db"))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	fmt.Fprintf(log, "making the %s tracker …\n", scale)
	start := time.Now()
	tmp := path + ".tmp"
	os.Remove(tmp)
	var err error
	switch scale {
	case "memo":
		_, err = execute(rtpBin, []string{"init"}, []string{"RTP_DB=" + tmp}, "")
		for _, args := range [][]string{
			{"track", "assign", "ga-agenda", "ICRtoP", "--as-of", "2017-09-07"},
			{"track", "update", "ga-agenda", "--status", "implemented", "--as-of", "2017-09-15", "--evidence", "A/72/250"},
			{"track", "update", "gender-lens", "--status", "in-progress", "--as-of", "2018-03-01"},
			{"track", "update", "upr", "--status", "partial", "--as-of", "2019-06-30", "--evidence", "https://www.upr-info.org/"},
		} {
			if err == nil {
				_, err = execute(rtpBin, args, []string{"RTP_DB=" + tmp, "RTP_AUTHOR=bench"}, "")
			}
		}
	default:
		sc, ok := map[string]synth.Scale{"1k": synth.Small, "10k": synth.Ten, "100k": synth.Big}[scale]
		if !ok {
			return "", fmt.Errorf("unknown scale %q: use memo, 1k, 10k or 100k", scale)
		}
		err = synth.Generate(ctx, tmp, sc)
	}
	if err != nil {
		return "", err
	}
	fmt.Fprintf(log, "made the %s tracker in %s\n", scale, time.Since(start).Round(time.Millisecond))
	return path, os.Rename(tmp, path)
}

// cpuName is the processor's model name, as Linux gives it.
func cpuName() string {
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "model name") {
				_, cpu, _ := strings.Cut(line, ": ")
				return cpu
			}
		}
	}
	return "unknown"
}

func header(md io.Writer, c config, sqlite3 string) {
	cpu := cpuName()
	version := func(name string, args ...string) string {
		out, err := exec.Command(name, args...).Output()
		if err != nil {
			return "not installed"
		}
		return firstLine(strings.TrimSpace(string(out)))
	}
	fmt.Fprintf(md, "## Machine\n\n- CPU: %s, %d cores\n- Go: %s, %s/%s\n- sqlite3 shell: %s\n- Taskwarrior: %s\n- Runs per command: %d, alternating rtp and sqlite3; medians of wall time, the highest peak RSS\n\n",
		cpu, runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, version(sqlite3, "-version"), version("task", "--version"), c.runs)
}

func writeTable(md io.Writer, scale, db string, results []result) {
	fmt.Fprintf(md, "## %s tracker\n\n", scale)
	fmt.Fprintln(md, "| command | rtp | sqlite3, same SQL | ratio | rtp peak RSS | sqlite3 peak RSS |")
	fmt.Fprintln(md, "|---|---:|---:|---:|---:|---:|")
	for _, r := range results {
		if !r.hasSQLite {
			fmt.Fprintf(md, "| `%s` | %s | | | %s | |\n", r.name, ms(r.rtp.wall), mib(r.rtp.rss))
			continue
		}
		fmt.Fprintf(md, "| `%s` | %s | %s | %.1f× | %s | %s |\n", r.name, ms(r.rtp.wall), ms(r.sqlite.wall),
			float64(r.rtp.wall)/float64(r.sqlite.wall), mib(r.rtp.rss), mib(r.sqlite.rss))
	}
	fmt.Fprintln(md)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
func mib(kib int64) string      { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }

// measureScale runs every case on one tracker.
func measureScale(c config, db, rtpBin, sqlite3 string, log io.Writer) ([]result, error) {
	today := rtp.Date("2026-11-29")
	asOf := rtp.Date("2019-12-31")
	id := "ga-agenda"
	ctx := context.Background()
	// Opened for writing so that a tracker kept from an older rtp is
	// upgraded first, as rtp itself would.
	s, err := store.Open(ctx, db, store.Options{Seed: sources.Seed})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	// What rtp runs, for sqlite3 to run too.
	var sqlErr error
	list := func(f rtp.ListFilter) string {
		q, err := listSQL(ctx, s, f, sqliteText)
		sqlErr = errors.Join(sqlErr, err)
		return q
	}
	show, err := showSQL(ctx, s, id, today, sqliteText)
	if err != nil {
		return nil, err
	}
	var total int
	sources, _ := s.Sources(ctx)
	for _, src := range sources {
		total += src.Recommendations
	}
	// The seeded memo draws its history in the HTML report; the large
	// trackers do not.
	report, err := reportSQL(ctx, s, rtp.ReportRequest{AsOf: today, StaleBefore: "2026-06-02"}, total <= rtp.TimelineLimit, sqliteText)
	if err != nil {
		return nil, err
	}
	csv, err := reportSQL(ctx, s, rtp.ReportRequest{AsOf: today, StaleBefore: "2026-06-02", RowsOnly: true}, false, sqliteText)
	if err != nil {
		return nil, err
	}
	cases := []benchCase{
		{name: "track list", args: []string{"track", "list"}, sql: list(rtp.ListFilter{AsOf: today})},
		{name: "track list --format tsv", args: []string{"track", "list", "--format", "tsv"}, sql: list(rtp.ListFilter{AsOf: today})},
		{name: "track list --status in-progress", args: []string{"track", "list", "--status", "in-progress"},
			sql: list(rtp.ListFilter{AsOf: today, Statuses: []rtp.Status{rtp.StatusInProgress}})},
		{name: "track list --owner ICRtoP", args: []string{"track", "list", "--owner", "ICRtoP"}, sql: list(rtp.ListFilter{AsOf: today, Owner: "ICRtoP"})},
		{name: "track list --stale 1y", args: []string{"track", "list", "--stale", "1y"}, sql: list(rtp.ListFilter{AsOf: today, StaleBefore: "2025-11-29"})},
		{name: "track list --as-of 2019-12-31", args: []string{"track", "list", "--as-of", string(asOf)}, sql: list(rtp.ListFilter{AsOf: asOf})},
		{name: "track show ga-agenda", args: []string{"track", "show", id}, sql: show},
		{name: "track update ga-agenda", args: []string{"track", "update", id, "--status", "partial", "--note", "benchmark"}, write: true,
			// The write's stamp, as rtp takes it from the tracker's clock.
			sql: "BEGIN IMMEDIATE; UPDATE clock SET last_stamp = max(strftime('%Y-%m-%dT%H:%M:%f') || '000Z', last_stamp); " +
				"INSERT INTO updates (uid, recommendation_id, status, note, as_of, by, recorded_at, received_at) VALUES (lower(hex(randomblob(13))), 'ga-agenda', 'partial', 'benchmark', '2026-11-29', 'bench', " +
				"(SELECT last_stamp FROM clock), (SELECT last_stamp FROM clock)); COMMIT;\n" + show},
		{name: "report --format csv", args: []string{"report", "--format", "csv"}, sql: csv},
	}
	for _, f := range []string{"markdown", "html", "json"} {
		cases = append(cases, benchCase{name: "report --format " + f, args: []string{"report", "--format", f}, sql: report})
	}
	// The export beside the shell's JSON output of the same rows: all that
	// the tracker received (received_at up to any later stamp).
	cases = append(cases, benchCase{name: "export", args: []string{"export"},
		sql: ".mode json\n" + inline(store.ExportSQL(), []any{sql.Named("known_at", "9999-12-31")})})
	if sqlErr != nil {
		return nil, sqlErr
	}
	initDir, err := os.MkdirTemp(c.dir, "init-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(initDir)
	n := 0
	fresh := func() string { n++; return filepath.Join(initDir, fmt.Sprintf("t%d.db", n)) }
	// sqlite3's init: the SQL of a new tracker, as the shell dumps it.
	seed := fresh()
	if _, err := execute(rtpBin, []string{"init", "--db", seed}, nil, ""); err != nil {
		return nil, err
	}
	dump, err := exec.Command(sqlite3, seed, ".dump").Output()
	if err != nil {
		return nil, err
	}

	var results []result
	env := []string{"RTP_DB=" + db, "RTP_AUTHOR=bench", "RTP_NOW=2026-11-29T12:00:00Z"}
	for _, bc := range cases {
		fmt.Fprintf(log, "  %s …\n", bc.name)
		args := []string{"-batch", "-readonly", db}
		if bc.write {
			args = []string{"-batch", db}
		}
		var rtpRuns, sqlRuns []measurement
		for range c.runs {
			m, err := execute(rtpBin, bc.args, env, "")
			if err != nil {
				return nil, err
			}
			rtpRuns = append(rtpRuns, m)
			m, err = execute(sqlite3, args, nil, bc.sql)
			if err != nil {
				return nil, err
			}
			sqlRuns = append(sqlRuns, m)
		}
		rtpRSS, err := peakRSS(rtpBin, bc.args, env, "")
		if err != nil {
			return nil, err
		}
		sqlRSS, err := peakRSS(sqlite3, args, nil, bc.sql)
		if err != nil {
			return nil, err
		}
		results = append(results, result{name: "rtp " + bc.name, rtp: median(rtpRuns, rtpRSS), sqlite: median(sqlRuns, sqlRSS), hasSQLite: true})
	}
	if c.runs > 0 {
		fmt.Fprintln(log, "  init …")
		var rtpRuns, sqlRuns []measurement
		for range c.runs {
			m, err := execute(rtpBin, []string{"init", "--db", fresh()}, nil, "")
			if err != nil {
				return nil, err
			}
			rtpRuns = append(rtpRuns, m)
			m, err = execute(sqlite3, []string{"-batch", fresh()}, nil, string(dump))
			if err != nil {
				return nil, err
			}
			sqlRuns = append(sqlRuns, m)
		}
		rtpRSS, err := peakRSS(rtpBin, []string{"init", "--db", fresh()}, nil, "")
		if err != nil {
			return nil, err
		}
		sqlRSS, err := peakRSS(sqlite3, []string{"-batch", fresh()}, nil, string(dump))
		if err != nil {
			return nil, err
		}
		results = append(results, result{name: "rtp init (new file)", rtp: median(rtpRuns, rtpRSS), sqlite: median(sqlRuns, sqlRSS), hasSQLite: true})
	}
	return results, nil
}
