package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// importSizes reads -import: row counts such as 10k, 100k, 1M.
func importSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f == "" {
			continue
		}
		mult, given := 1, f
		switch {
		case strings.HasSuffix(f, "k"):
			mult, f = 1000, strings.TrimSuffix(f, "k")
		case strings.HasSuffix(f, "M"):
			mult, f = 1000000, strings.TrimSuffix(f, "M")
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("invalid -import size %q: use a row count such as 10k, 100k or 1M", given)
		}
		out = append(out, n*mult)
	}
	return out, nil
}

// writeImportCSV writes a spreadsheet of n rows on the memo's eight
// recommendations, the same bytes for the same n: status updates (six in
// ten), notes that keep the status (two), evidence alone (one) and owners
// taking a role (one, among 20 owners), dated over 2018–2025 out of order,
// as a programme's back-filled records are.
func writeImportCSV(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	statuses := []string{"in-progress", "partial", "implemented", "stalled", "not-started", "in-progress"}
	roles := []string{"lead", "support", "monitor"}
	start := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	fmt.Fprintln(w, "id,status,as_of,note,evidence,owner,role")
	for i := range n {
		id := 1 + i%8
		day := start.AddDate(0, 0, (i*7919)%2900).Format("2006-01-02")
		switch k := i % 10; {
		case k < 6:
			fmt.Fprintf(w, "%d,%s,%s,r%d,A/%d,,\n", id, statuses[(i/8)%len(statuses)], day, i, i)
		case k < 8:
			fmt.Fprintf(w, "%d,,%s,n%d,,,\n", id, day, i)
		case k < 9:
			fmt.Fprintf(w, "%d,,%s,,E/%d,,\n", id, day, i)
		default:
			fmt.Fprintf(w, "%d,,%s,,,O%d,%s\n", id, day, (i/10)%20, roles[(i/7)%len(roles)])
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// benchImport times rtp track import of a generated spreadsheet of each
// size into a new tracker: one run each, under GNU time for the CPU time
// (user and system: what the import costs, whatever else the machine runs)
// and the peak memory.
func benchImport(c config, rtpBin string, md, log io.Writer) error {
	dir, err := os.MkdirTemp(c.dir, "import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fmt.Fprintln(md, "## track import")
	fmt.Fprintln(md)
	fmt.Fprintf(md, "A generated spreadsheet (of every 10 rows, 6 a status with evidence, 2 a note, 1 evidence alone, 1 an owner) imported into a new tracker; one run per size, on %s, %d cores, %s.\n",
		cpuName(), runtime.NumCPU(), runtime.Version())
	fmt.Fprintln(md)
	fmt.Fprintln(md, "| rows | CSV size | wall time | CPU time | CPU per 1,000 rows | peak RSS |")
	fmt.Fprintln(md, "|---:|---:|---:|---:|---:|---:|")
	for _, n := range c.imports {
		csvPath := filepath.Join(c.dir, fmt.Sprintf("import-%d.csv", n))
		if _, err := os.Stat(csvPath); err != nil {
			if err := writeImportCSV(csvPath, n); err != nil {
				return err
			}
		}
		info, err := os.Stat(csvPath)
		if err != nil {
			return err
		}
		db := filepath.Join(dir, fmt.Sprintf("import-%d.db", n))
		env := []string{"RTP_DB=" + db, "RTP_AUTHOR=bench", "RTP_NOW=2026-11-29T12:00:00Z"}
		if _, err := execute(rtpBin, []string{"init"}, env, ""); err != nil {
			return err
		}
		fmt.Fprintf(log, "  track import, %d rows …\n", n)
		m, err := timeProcess(rtpBin, []string{"track", "import", csvPath}, env)
		if err != nil {
			return err
		}
		fmt.Fprintf(md, "| %d | %.1f MiB | %.2f s | %.2f s | %.1f ms | %s |\n", n, float64(info.Size())/(1<<20), m.wall, m.cpu,
			m.cpu*1000/(float64(n)/1000), mib(m.kib))
	}
	fmt.Fprintln(md)
	return nil
}

// processCost is what GNU time reports of one process.
type processCost struct {
	wall, cpu float64 // seconds
	kib       int64   // peak resident memory
}

func timeProcess(name string, args, env []string) (processCost, error) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%e %U %S %M", "-o", "/dev/stderr", name}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = io.Discard
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Run(); err != nil {
		return processCost{}, fmt.Errorf("%s under /usr/bin/time (Debian's package time): %v: %s", name, err, firstLine(errOut.String()))
	}
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	var c processCost
	var user, system float64
	if _, err := fmt.Sscan(lines[len(lines)-1], &c.wall, &user, &system, &c.kib); err != nil {
		return c, fmt.Errorf("reading /usr/bin/time's %q: %v", lines[len(lines)-1], err)
	}
	c.cpu = user + system
	return c, nil
}
