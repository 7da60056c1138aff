package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/pgtest"
	"github.com/rtp-tracker/rtp/internal/sources"
	"github.com/rtp-tracker/rtp/internal/store"
)

// The PostgreSQL half (-postgres URL): rtp on a shared tracker of the
// scale's data beside psql running the store's own statements as its
// driver sends them (store.PostgresSQL), and concurrent writers on the
// server beside as many processes on one SQLite file.

// postgresMarkers are the markers of the results of one scale, so that
// runs at several scales keep each other's.
func postgresMarkers(scale string) (begin, end string) {
	return "<!-- rtpbench postgres results, " + scale + " tracker: written by go run ./cmd/rtpbench -postgres -->",
		"<!-- end of rtpbench postgres results, " + scale + " tracker -->"
}

// benchPostgres measures the tracker at c.postgres: a database URL (an
// empty database is given a tracker holding the scale's data, by rtp init
// and rtp merge of its export), or "cluster" for a throwaway cluster in
// c.dir, stopped at the end.
func benchPostgres(ctx context.Context, c config, md io.Writer, rtpBin string, log io.Writer) error {
	bin, err := pgtest.BinDir()
	if err != nil {
		return err
	}
	psql := filepath.Join(bin, "psql")
	url := c.postgres
	if url == "cluster" {
		cluster, err := pgtest.Start(c.dir)
		if err != nil {
			return err
		}
		defer cluster.Stop()
		db, err := cluster.NewDatabase("bench")
		if err != nil {
			return err
		}
		url = cluster.URL("bench", db)
	}
	db, err := tracker(ctx, c.pgScale, c.dir, rtpBin, log)
	if err != nil {
		return err
	}
	env := []string{"RTP_DB=" + url, "RTP_AUTHOR=bench", "HOME=" + c.dir}
	if err := loadServer(url, db, env, psql, rtpBin, c.dir, log); err != nil {
		return err
	}
	s, err := store.OpenPG(ctx, url, store.Options{Seed: sources.Seed})
	if err != nil {
		return err
	}
	defer s.Close()
	cases, err := postgresCases(ctx, s)
	if err != nil {
		return err
	}
	psqlArgs := []string{"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url}
	psqlEnv := []string{"PGOPTIONS=-c search_path=" + store.PGSchema + " -c timezone=UTC"}
	if err := sameRows(rtpBin, env, psql, psqlArgs, psqlEnv, cases[0].sql); err != nil {
		return err
	}
	version, _ := exec.Command(psql, "-X", "-A", "-t", "-d", url, "-c", "SHOW server_version").Output()
	fmt.Fprintf(md, "## PostgreSQL: the %s tracker on a server\n\n", c.pgScale)
	fmt.Fprintf(md, "- Server: PostgreSQL %s (%s), on the same machine, over its Unix socket\n", strings.TrimSpace(string(version)), serverSettings(psql, url))
	fmt.Fprintf(md, "- Runs per command: %d, alternating rtp and psql; medians of wall time, the highest peak RSS; load average %s before\n\n", c.runs, loadAverage())
	fmt.Fprintln(md, "| command | rtp | psql, same SQL | ratio | rtp peak RSS | psql peak RSS |")
	fmt.Fprintln(md, "|---|---:|---:|---:|---:|---:|")
	for _, bc := range cases {
		fmt.Fprintf(log, "  %s on PostgreSQL …\n", bc.name)
		var rtpRuns, psqlRuns []measurement
		for range c.runs {
			m, err := execute(rtpBin, bc.args, env, "")
			if err != nil {
				return err
			}
			rtpRuns = append(rtpRuns, m)
			if m, err = execute(psql, psqlArgs, psqlEnv, bc.sql); err != nil {
				return err
			}
			psqlRuns = append(psqlRuns, m)
		}
		rtpRSS, err := peakRSS(rtpBin, bc.args, env, "")
		if err != nil {
			return err
		}
		psqlRSS, err := peakRSS(psql, psqlArgs, psqlEnv, bc.sql)
		if err != nil {
			return err
		}
		r, p := median(rtpRuns, rtpRSS), median(psqlRuns, psqlRSS)
		fmt.Fprintf(md, "| `rtp %s` | %s | %s | %.1f× | %s | %s |\n", bc.name, ms(r.wall), ms(p.wall), float64(r.wall)/float64(p.wall), mib(r.rss), mib(p.rss))
	}
	fmt.Fprintf(md, "\nLoad average %s after.\n\n", loadAverage())
	return concurrentWriters(c, md, rtpBin, url, db, log)
}

// sameRows checks that psql, given the list's statement, prints as many
// rows as rtp lists: the statement is the one rtp runs.
func sameRows(rtpBin string, env []string, psql string, psqlArgs, psqlEnv []string, list string) error {
	cmd := exec.Command(rtpBin, "track", "list", "--format", "tsv")
	cmd.Env = append(os.Environ(), env...)
	listed, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("rtp track list: %v", err)
	}
	cmd = exec.Command(psql, psqlArgs...)
	cmd.Env = append(os.Environ(), psqlEnv...)
	cmd.Stdin = strings.NewReader(list)
	rows, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("psql running rtp's list: %v: %s", err, firstLine(string(rows)))
	}
	if r, l := strings.Count(string(rows), "\n"), strings.Count(string(listed), "\n")-1; r != l {
		return fmt.Errorf("psql printed %d rows of the list, rtp listed %d: the SQL is not rtp's", r, l)
	}
	return nil
}

// loadServer gives an empty database a tracker holding what the local
// tracker db holds; a database that has one already is left as it is.
func loadServer(url, db string, env []string, psql, rtpBin, dir string, log io.Writer) error {
	out, err := exec.Command(psql, "-X", "-A", "-t", "-d", url, "-c", "SELECT to_regclass('"+store.PGSchema+".updates') IS NOT NULL").CombinedOutput()
	if err != nil {
		return fmt.Errorf("psql: %v: %s", err, out)
	}
	if strings.TrimSpace(string(out)) == "t" {
		return nil
	}
	export := filepath.Join(dir, filepath.Base(db)+".export.json")
	fmt.Fprintf(log, "moving %s to the server (rtp export, rtp init, rtp merge) …\n", db)
	start := time.Now()
	f, err := os.Create(export)
	if err != nil {
		return err
	}
	cmd := exec.Command(rtpBin, "export")
	cmd.Env = append(os.Environ(), "RTP_DB="+db, "HOME="+dir)
	cmd.Stdout = f
	err = cmd.Run()
	f.Close()
	if err != nil {
		return fmt.Errorf("rtp export of %s: %v", db, err)
	}
	defer os.Remove(export)
	if _, err := execute(rtpBin, []string{"init"}, env, ""); err != nil {
		return err
	}
	if _, err := execute(rtpBin, []string{"merge", export}, env, ""); err != nil {
		return err
	}
	fmt.Fprintf(log, "moved in %s\n", time.Since(start).Round(time.Second))
	return nil
}

// postgresCases are the commands measured on the server, each with the
// statements the store's driver sends for it.
func postgresCases(ctx context.Context, s *store.Store) ([]benchCase, error) {
	today := rtp.DateOf(time.Now())                         // rtp's today: no RTP_NOW, the server's clock stamps
	stale, err := rtp.StaleCutoff("--stale", "180d", today) // report's default
	if err != nil {
		return nil, err
	}
	id := "ga-agenda"
	list, err := listSQL(ctx, s, rtp.ListFilter{AsOf: today}, postgresText)
	if err != nil {
		return nil, err
	}
	show, err := showSQL(ctx, s, id, today, postgresText)
	if err != nil {
		return nil, err
	}
	csv, err := reportSQL(ctx, s, rtp.ReportRequest{AsOf: today, StaleBefore: stale, RowsOnly: true}, false, postgresText)
	if err != nil {
		return nil, err
	}
	before, after, err := store.PostgresWrite()
	if err != nil {
		return nil, err
	}
	// The update's own insert: the triggers stamp it, name its author and
	// organisation, as they do rtp's.
	update := "BEGIN;\n" + before +
		`INSERT INTO updates (uid, recommendation_id, status, note, as_of, "by", recorded_at, received_at, note_only, private) ` +
		"VALUES (substr(md5(random()::text), 1, 26), '" + id + "', 'partial', 'benchmark', '" + string(today) + "', 'bench', '', '', 0, 0);\n" +
		after + "COMMIT;\n" + show
	return []benchCase{
		{name: "track list", args: []string{"track", "list"}, sql: list},
		{name: "track list --format tsv", args: []string{"track", "list", "--format", "tsv"}, sql: list},
		{name: "track show " + id, args: []string{"track", "show", id}, sql: show},
		{name: "track update " + id, args: []string{"track", "update", id, "--status", "partial", "--note", "benchmark"}, sql: update, write: true},
		{name: "report --format csv", args: []string{"report", "--format", "csv"}, sql: csv},
	}, nil
}

// serverSettings names the settings of the server that matter for writes.
func serverSettings(psql, url string) string {
	out, err := exec.Command(psql, "-X", "-A", "-t", "-F", "=", "-d", url, "-c",
		"SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers') ORDER BY name").Output()
	if err != nil {
		return "settings unknown"
	}
	return strings.Join(strings.Fields(string(out)), ", ")
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	return strings.Join(f[:3], " ")
}

// concurrentWriters runs clients at once, each recording c.writes updates
// one process after another, on the server and (as many as the first
// -clients number) on the local tracker of the same data: updates per
// second over the whole run, and the latency of one `rtp track update`
// process.
func concurrentWriters(c config, md io.Writer, rtpBin, url, db string, log io.Writer) error {
	if len(c.clients) == 0 {
		return nil
	}
	fmt.Fprintf(md, "Concurrent writers: each client runs `rtp track update ID --status S --note N` %d times, one process after another, on the memo's eight recommendations (client i on the i mod 8-th); all clients start together.\n\n", c.writes)
	fmt.Fprintln(md, "| tracker | clients | updates | updates per second | median latency | p99 latency | load average before |")
	fmt.Fprintln(md, "|---|---:|---:|---:|---:|---:|---|")
	type writersRun struct {
		name, db string
		clients  int
	}
	var runs []writersRun
	for _, n := range c.clients {
		runs = append(runs, writersRun{"PostgreSQL", url, n})
	}
	runs = append(runs, writersRun{"SQLite file", db, c.clients[0]})
	for _, r := range runs {
		fmt.Fprintf(log, "  %d writers on %s …\n", r.clients, r.name)
		load := loadAverage()
		latencies, wall, err := writers(rtpBin, r.db, r.clients, c.writes, c.dir)
		if err != nil {
			return err
		}
		slices.Sort(latencies)
		n := len(latencies)
		fmt.Fprintf(md, "| %s | %d | %d | %.1f | %s | %s | %s |\n", r.name, r.clients, n, float64(n)/wall.Seconds(),
			ms(latencies[n/2]), ms(latencies[int(math.Ceil(0.99*float64(n)))-1]), load)
	}
	fmt.Fprintln(md)
	return nil
}

// writers runs the clients and returns each update's latency and the
// whole run's wall time.
func writers(rtpBin, db string, clients, writes int, home string) ([]time.Duration, time.Duration, error) {
	ids := []string{"joint-office", "gender-lens", "upr", "civil-society", "prevention", "ga-agenda", "international-law", "regional-bodies"}
	statuses := []string{"in-progress", "partial", "stalled", "implemented"}
	var mu sync.Mutex
	var latencies []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			env := []string{"RTP_DB=" + db, fmt.Sprintf("RTP_AUTHOR=client %d", i), "HOME=" + home}
			for n := range writes {
				m, err := execute(rtpBin, []string{"track", "update", ids[i%len(ids)], "--status", statuses[(i+n)%len(statuses)],
					"--note", fmt.Sprintf("client %d, update %d", i, n)}, env, "")
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				latencies = append(latencies, m.wall)
				mu.Unlock()
				if err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	return latencies, time.Since(start), firstErr
}
