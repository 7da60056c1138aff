package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, even where the system has no zoneinfo

	"github.com/rtp-tracker/rtp/internal/cli"
)

// TestTodayIsTheUTCDay records with every default date (update, evidence,
// assignment, CSV import) at moments near midnight, in zones from UTC-11 to
// UTC+14 with the clock in the local zone as time.Now gives it: db check
// finds the tracker sound, and a colleague in UTC at the same moment merges
// its export without finding anything "in the future". A date one day after
// the UTC day is refused everywhere, the local day included.
func TestTodayIsTheUTCDay(t *testing.T) {
	t.Parallel()
	zones := []string{"Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata", "UTC"}
	moments := []string{
		"2026-11-30T10:30:00Z", // 00:30 on 1 December in Kiritimati, 23:30 on 29 November in Pago Pago
		"2026-11-30T18:45:00Z", // 00:15 on 1 December in Kolkata
		"2026-11-30T23:30:00Z", // the end of the UTC day
		"2026-12-01T00:30:00Z", // the start of the next UTC day
	}
	for _, zone := range zones {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, moment := range moments {
			now, err := time.Parse(time.RFC3339, moment)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(zone+"/"+moment, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				local := clockRun{t, now.In(loc), filepath.Join(dir, "local.db")}
				utc := clockRun{t, now.UTC(), filepath.Join(dir, "utc.db")}
				today := now.UTC().Format("2006-01-02")
				tomorrow := now.UTC().AddDate(0, 0, 1).Format("2006-01-02")

				csv := filepath.Join(dir, "rows.csv")
				if err := os.WriteFile(csv, []byte("id,status,note,evidence,owner\n2,partial,from the sheet,A/RES/2,Sheet Owner\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				local.must("init")
				local.must("track", "update", "1", "--status", "in-progress", "--note", "default as-of", "--evidence", "A/RES/1")
				local.must("track", "evidence", "3", "A/RES/3")
				local.must("track", "assign", "4", "Default Owner")
				local.must("track", "import", csv)
				local.must("track", "update", "5", "--status", "partial", "--as-of", today)
				if out := local.must("track", "show", "1", "--format", "json"); !strings.Contains(out, `"as_of": "`+today+`"`) {
					t.Errorf("the default as-of is not the UTC day %s:\n%s", today, out)
				}
				for _, day := range []string{tomorrow, now.In(loc).Format("2006-01-02")} {
					if day <= today {
						continue
					}
					code, _, stderr := local.run("track", "update", "6", "--status", "partial", "--as-of", day)
					if code != 2 || !strings.Contains(stderr, "in the future (today is "+today+")") {
						t.Errorf("--as-of %s (after the UTC day %s): exit %d, %s", day, today, code, stderr)
					}
				}
				local.must("db", "check")
				export := filepath.Join(dir, "export.json")
				local.must("export", "--output", export)
				utc.must("init")
				utc.must("merge", export)
				utc.must("db", "check")
			})
		}
	}
}

// clockRun is rtp on the tracker at path with the clock stopped at now.
type clockRun struct {
	t    *testing.T
	now  time.Time
	path string
}

func (c clockRun) run(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	env := map[string]string{"HOME": c.t.TempDir(), "RTP_AUTHOR": "tester", "RTP_DB": c.path}
	app := &cli.App{
		IOStreams: cli.IOStreams{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr},
		Getenv:    func(name string) string { return env[name] },
		Now:       func() time.Time { return c.now },
	}
	code := app.Run(args)
	return code, stdout.String(), stderr.String()
}

func (c clockRun) must(args ...string) string {
	c.t.Helper()
	code, stdout, stderr := c.run(args...)
	if code != 0 {
		c.t.Fatalf("at %s: rtp %s: exit %d: %s", c.now.Format(time.RFC3339), strings.Join(args, " "), code, stderr)
	}
	return stdout
}
