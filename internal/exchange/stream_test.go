package exchange

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rtp-tracker/rtp"
)

// heapAtEOF reads f and, each time a read reaches the end of the file,
// records how much of the heap is live: when the last entry of an export is
// being decoded, what the reader holds of the ones before.
type heapAtEOF struct {
	*os.File
	max uint64
}

func (h *heapAtEOF) Read(p []byte) (int, error) {
	n, err := h.File.Read(p)
	if err == io.EOF {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.max = max(h.max, m.HeapAlloc)
	}
	return n, err
}

// TestRefusalHoldsNoEntries reads a ~50 MB export of well-formed updates
// whose last one is bad: it is refused while holding far less than the file,
// because entries are checked and dropped before any is kept.
func TestRefusalHoldsNoEntries(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a 50 MB file")
	}
	path := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	note := strings.Repeat("Raised at the review; the office confirmed progress. ", 10)
	fmt.Fprint(w, `{"format": "rtp-export", "version": 1, "sources": [], "updates": [`)
	const size = 50 << 20
	n := 0
	update := func(sep, status string) int {
		k, _ := fmt.Fprintf(w, `%s{"uid": "%016xGSUAH3LYBO", "recommendation": "upr", "status": %q, "note": %q, "as_of": "2020-01-01", "by": "tester", "recorded_at": "2026-11-30T15:24:37Z"}`,
			sep, n, status, note)
		n++
		return k
	}
	for written := update("\n", "partial"); written < size; {
		written += update(",\n", "partial")
	}
	update(",\n", "Done")
	fmt.Fprint(w, "], \"assignments\": [], \"evidence\": [], \"retractions\": []}\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	r, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	h := &heapAtEOF{File: r}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = DecodeFrom("big.json", struct {
		io.Reader
		io.Seeker
	}{h, r}, "2026-11-30")
	var e *rtp.Error
	want := fmt.Sprintf(`update %d (%016xGSUAH3LYBO): invalid status "Done"`, n, n-1)
	if !errorsAs(err, &e) || !strings.Contains(e.Error(), "big.json has 1 problem; nothing was merged") ||
		len(e.Details) != 1 || !strings.HasPrefix(e.Details[0], want) {
		t.Fatalf("%d updates, the last bad: err = %v %q, want %s…", n, err, e.Details, want)
	}
	held := int64(h.max) - int64(before.HeapAlloc)
	t.Logf("%d updates (%d MB): %.1f MB held when the last was read", n, size>>20, float64(held)/(1<<20))
	if held > size/4 {
		t.Errorf("refusing a %d MB export held %.1f MB when its last entry was read", size>>20, float64(held)/(1<<20))
	}
}
