package pgtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	StopShared()
	os.Exit(code)
}

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

// TestTCPAsksForAPassword: over TCP the cluster wants the role's password,
// as a real server does; over the socket it trusts.
func TestTCPAsksForAPassword(t *testing.T) {
	c := Shared(t)
	db, err := c.NewDatabase("owner2")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetPassword("owner2", "it's secret"); err != nil {
		t.Fatal(err)
	}
	psql := func(url string) error {
		_, err := exec.Command(filepath.Join(c.Bin, "psql"), "-X", "-w", "-d", url, "-c", "SELECT 1").CombinedOutput()
		return err
	}
	if err := psql(c.TCPURL("owner2", "it's secret", db)); err != nil {
		t.Errorf("the right password over TCP: %v", err)
	}
	if err := psql(c.TCPURL("owner2", "wrong", db)); err == nil {
		t.Errorf("a wrong password over TCP was let in")
	}
	if err := psql(c.URL("owner2", db)); err != nil {
		t.Errorf("no password over the socket: %v", err)
	}
}
