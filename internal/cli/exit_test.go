package cli_test

import "testing"

// TestExitCodes: 2 when the command line or the environment is wrong, 1
// for every other failure (see also TestReportFormats: an existing
// --output), each with its one line on stderr.
func TestExitCodes(t *testing.T) {
	t.Parallel()
	s := newSession(t).withTracker()
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string // stderr
	}{
		{"OK", nil, []string{"track", "show", "ga", "--format", "json"}, 0, ""},
		{"flag", nil, []string{"track", "list", "--stale", "3 months"}, 2,
			"rtp: invalid --stale \"3 months\" (did you mean --stale 3m?): use a whole number and a unit d, w, m or y, e.g. 90d, 6m, 1y\n"},
		{"environment", map[string]string{"RTP_NOW": "yesterday"}, []string{"track", "list"}, 2,
			"rtp: invalid RTP_NOW \"yesterday\": use RFC 3339 (2019-09-18T10:00:00Z) or YYYY-MM-DD\n"},
		{"not found", nil, []string{"track", "show", "nope"}, 1,
			"rtp: unknown recommendation \"nope\": use one of joint-office, gender-lens, upr, civil-society, prevention, ga-agenda, international-law, regional-bodies, a number from 1 to 8, or an unambiguous prefix\n"},
		{"not an owner", nil, []string{"track", "unassign", "6", "FES"}, 1,
			"rtp: \"FES\" is not an owner of ga-agenda on 2026-11-29: it has no owners\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			run := s
			if c.env != nil {
				run = s.with(c.env)
			}
			r := run.run("", c.args...)
			if r.code != c.code || r.stderr != c.want {
				t.Errorf("rtp %q: exit %d, stderr %q; want exit %d, stderr %q", c.args, r.code, r.stderr, c.code, c.want)
			}
		})
	}
}
