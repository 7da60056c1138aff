package store_test

import (
	"context"
	"os"
	"testing"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/store"
)

func TestProfileList(t *testing.T) {
	path := os.Getenv("PROFILE_DB")
	if path == "" {
		t.Skip()
	}
	s, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 0
	if err := s.Each(context.Background(), rtp.ListFilter{AsOf: "2026-11-29"}, func(rtp.Item) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	t.Log(n)
}
