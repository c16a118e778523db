package textpass

import (
	"strings"
	"testing"

	"github.com/winnow-text/winnow/rules"
)

// keptLines hands out the kept lines and their newlines, a blank run
// between kept lines as one newline, nothing before the first kept line
// or after the last.
func TestKeptLines(t *testing.T) {
	drop := &rules.Rule{ID: "x.drop"}
	for _, tc := range []struct {
		text    string
		removed []int // lines labelled
		want    string
	}{
		{"a\nb\n", nil, "a\nb\n"},
		{"a\n\n\n\nb", nil, "a\n\nb\n"},
		{"\n \na\n\n", nil, "a\n"},
		{"a\n\nx\n\nb\n", []int{2}, "a\n\nb\n"},
		{"x\n\na\n", []int{0}, "a\n"},
		{"a\n\nx\n", []int{2}, "a\n"},
		{"x\n", []int{0}, ""},
	} {
		spans := splitLines(tc.text)
		labels := make([]label, len(spans))
		for _, i := range tc.removed {
			labels[i] = label{rule: drop}
		}
		body, mapping := assemble(tc.text, spans, labels, nil, nil)
		if body != tc.want {
			t.Errorf("%q minus %v: body %q, want %q", tc.text, tc.removed, body, tc.want)
		}
		if got := strings.Count(body, "\n"); got != len(mapping) {
			t.Errorf("%q: %d body lines but %d mapped", tc.text, got, len(mapping))
		}
	}
}
