package store

import (
	"context"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestUpgradeFromVersion5 opens a tracker written by schema version 5
// (testdata/fixtures/v5.db), where owners were compared with NOCASE: three
// spellings of one owner (a lower-case umlaut, a combining diaeresis) were
// three owners there. The upgrade fills every owner_key, db check finds the
// file sound, and the three are one owner, spelled as its latest row.
func TestUpgradeFromVersion5(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openUpgradedFixture(t, "v5.db", 5)
	// What version 5 listed for upr: 2019-06-01 "Ärzte ohne Grenzen (lead),
	// ärzte ohne grenzen (support), global centre (monitor)"; 2020-06-01 the
	// same with a third Ärzte (monitor).
	for day, want := range map[rtp.Date]string{
		"2018-06-01": "[{Ärzte ohne Grenzen lead} {Global Centre monitor}]",
		"2019-06-01": "[{ärzte ohne grenzen support} {global centre monitor}]",
		"2020-06-01": "[{global centre monitor} {A\u0308rzte ohne Grenzen monitor}]",
	} {
		var got string
		err := s.Each(ctx, rtp.ListFilter{AsOf: day}, func(it rtp.Item) error {
			if it.ID == "upr" {
				got = ownersText(it.Owners)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("upr's owners on %s after the upgrade: %s, want %s", day, got, want)
		}
	}
}
