package crawl

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadAllSized checks that the size a reader is said to have is a
// hint: a wrong one reads the same bytes, and the limit holds either way.
func TestReadAllSized(t *testing.T) {
	text := strings.Repeat("0123456789", 100) // 1,000 bytes
	for _, tc := range []struct {
		name        string
		size, limit int64
		over        bool
	}{
		{"exact size", 1000, 2000, false},
		{"no size", 0, 2000, false},
		{"size too small", 10, 2000, false},
		{"size too large", 5000, 2000, false},
		{"negative size", -1, 2000, false},
		{"at the limit", 1000, 1000, false},
		{"over the limit", 1000, 999, true},
		{"over the limit, small size", 10, 999, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// One byte a read: the buffer must grow where the hint is short.
			data, over, err := ReadAllSized(iotest.OneByteReader(strings.NewReader(text)), tc.size, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if over != tc.over {
				t.Errorf("over = %v, want %v", over, tc.over)
			}
			if !tc.over && string(data) != text {
				t.Errorf("read %d bytes, want the %d written", len(data), len(text))
			}
			if tc.over && int64(len(data)) != tc.limit+1 {
				t.Errorf("read %d bytes over the limit, want limit+1 = %d", len(data), tc.limit+1)
			}
		})
	}
	boom := errors.New("boom")
	r := io.MultiReader(bytes.NewReader([]byte("abc")), iotest.ErrReader(boom))
	if _, _, err := ReadAllSized(r, 3, 100); !errors.Is(err, boom) {
		t.Errorf("a failing reader: err = %v, want %v", err, boom)
	}
}
