package pgtest

import (
	"strings"
	"testing"
)

func TestClusterStartsAndAnswers(t *testing.T) {
	Need(t)
	c, err := Start(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	db, err := c.NewDatabase("owner1")
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.Psql("owner1", db, "SELECT current_user || ' ' || current_database()")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(out); got != "owner1 "+db {
		t.Fatalf("psql said %q", got)
	}
}
