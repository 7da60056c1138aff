package rtp_test

import (
	"testing"

	"github.com/rtp-tracker/rtp"
)

// TestHowFar: one wording of how far off a date is for targets and every
// due item, the web view's overview included: "1 day", never "1 days" nor
// "in 0 days".
func TestHowFar(t *testing.T) {
	t.Parallel()
	for days, want := range map[int]string{0: "today", 1: "in 1 day", 31: "in 31 days", -1: "overdue by 1 day", -12: "overdue by 12 days"} {
		if got := (rtp.DueItem{DaysLeft: days}).HowFar(); got != want {
			t.Errorf("DueItem %d days: %q, want %q", days, got, want)
		}
		if got := (rtp.TargetDue{DaysLeft: days}).HowFar(); got != want {
			t.Errorf("TargetDue %d days: %q, want %q", days, got, want)
		}
	}
}
