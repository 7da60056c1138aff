package store_test

import (
	"os"
	"testing"

	"github.com/rtp-tracker/rtp/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}
