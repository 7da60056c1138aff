package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/rtp-tracker/rtp/internal/store"
)

// taskwarrior loads the tracker's data into Taskwarrior (recommendations as
// tasks, updates as annotations) and times its list and export beside rtp's.
func taskwarrior(ctx context.Context, c config, md io.Writer, db, rtpBin string, log io.Writer) error {
	task, err := exec.LookPath("task")
	if err != nil {
		fmt.Fprintf(md, "Taskwarrior is not installed (Debian's package taskwarrior): no comparison.\n\n")
		return nil
	}
	data := filepath.Join(filepath.Dir(db), strings.TrimSuffix(filepath.Base(db), ".db")+".task")
	rc := filepath.Join(data, "taskrc")
	env := []string{"TASKRC=" + rc, "TASKDATA=" + data}
	flags := []string{"rc.confirmation=off", "rc.verbose=nothing", "rc.hooks=off", "rc.color=off", "rc.json.array=on", "rc.gc=off"}
	loadTime := "cached from an earlier run"
	if _, err := os.Stat(filepath.Join(data, "pending.data")); err != nil {
		fmt.Fprintln(log, "  loading Taskwarrior …")
		os.RemoveAll(data)
		if err := os.MkdirAll(data, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(rc, []byte("data.location="+data+"\n"), 0o644); err != nil {
			return err
		}
		file := filepath.Join(data, "import.json")
		if err := taskExport(ctx, db, file); err != nil {
			return err
		}
		// Taskwarrior keeps everything in one text file it reads whole; at
		// the largest scale its import may not end in reasonable time.
		m, err := execute("timeout", append([]string{"1200", task}, append(flags, "import", file)...), env, "")
		if err != nil {
			os.RemoveAll(data)
			fmt.Fprintf(md, "Taskwarrior could not load %s within 20 minutes (`task import` of its %d recommendations as tasks, updates as annotations): no comparison at this scale.\n\n",
				filepath.Base(db), count(file))
			return nil
		}
		loadTime = ms(m.wall)
	}
	fmt.Fprintf(md, "Taskwarrior holding the same data (%s: recommendations as tasks, updates as annotations; loaded in %s):\n\n", db[strings.LastIndex(db, "/")+1:], loadTime)
	fmt.Fprintln(md, "| command | rtp | Taskwarrior | Taskwarrior ÷ rtp |")
	fmt.Fprintln(md, "|---|---:|---:|---:|")
	for _, pair := range []struct {
		name      string
		rtp, task []string
	}{
		{"list", []string{"track", "list"}, append(append([]string{}, flags...), "rc.defaultheight=0", "rc.defaultwidth=200", "list")},
		{"export", []string{"export"}, append(append([]string{}, flags...), "export")},
	} {
		// Taskwarrior takes seconds on the large trackers, milliseconds on
		// the memo, where the noise needs more runs.
		runs := max(1, c.runs/2)
		if strings.HasPrefix(filepath.Base(db), "memo.") {
			runs = 3 * c.runs
		}
		var rtpRuns, taskRuns []measurement
		for range runs {
			m, err := execute(rtpBin, pair.rtp, []string{"RTP_DB=" + db}, "")
			if err != nil {
				return err
			}
			rtpRuns = append(rtpRuns, m)
			m, err = execute(task, pair.task, env, "")
			if err != nil {
				return err
			}
			taskRuns = append(taskRuns, m)
		}
		r, t := median(rtpRuns, 0), median(taskRuns, 0)
		fmt.Fprintf(md, "| %s | %s | %s | %.1f× |\n", pair.name, ms(r.wall), ms(t.wall), float64(t.wall)/float64(r.wall))
	}
	fmt.Fprintln(md)
	return nil
}

// taskExport writes the tracker as a Taskwarrior import file.
func taskExport(ctx context.Context, db, file string) error {
	s, err := store.Open(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	exp, err := s.Export(ctx)
	if err != nil {
		return err
	}
	type annotation struct {
		Entry       string `json:"entry"`
		Description string `json:"description"`
	}
	type twTask struct {
		UUID        string       `json:"uuid"`
		Status      string       `json:"status"`
		Description string       `json:"description"`
		Project     string       `json:"project"`
		Entry       string       `json:"entry"`
		Annotations []annotation `json:"annotations,omitempty"`
	}
	stamp := func(t string) string {
		parsed, err := time.Parse(time.RFC3339, t)
		if err != nil {
			parsed, _ = time.Parse("2006-01-02", t)
		}
		return parsed.UTC().Format("20060102T150405Z")
	}
	tasks := map[string]*twTask{}
	var order []string
	for _, src := range exp.Sources {
		for _, r := range src.Recommendations {
			sum := sha256.Sum256([]byte(r.ID))
			h := fmt.Sprintf("%x", sum[:16])
			tasks[r.ID] = &twTask{UUID: h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-8" + h[17:20] + "-" + h[20:32], Status: "pending",
				Description: r.Title, Project: src.ID, Entry: stamp(string(src.Date))}
			order = append(order, r.ID)
		}
	}
	for _, u := range exp.Updates {
		t := tasks[u.RecommendationID]
		t.Annotations = append(t.Annotations, annotation{Entry: stamp(u.RecordedAt), Description: string(u.Status) + " as of " + string(u.AsOf) + ": " + u.Note})
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, id := range order {
		if err := enc.Encode(tasks[id]); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// count is the number of lines (tasks) of an import file.
func count(file string) int {
	data, _ := os.ReadFile(file)
	return strings.Count(string(data), "\n")
}
