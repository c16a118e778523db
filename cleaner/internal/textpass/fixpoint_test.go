package textpass

import (
	"context"
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

// A line a cut shortens is read afresh by the next pass: what is left of
// it may be a line a rule takes ("[spazio]" once the invitation in its
// row's last cell is cut), and the body is then a fixpoint.
func TestFixpointAfterCut(t *testing.T) {
	text := "Harbour ferry adds a late sailing\n\n" +
		"The harbour ferry will run a late sailing on Fridays from next month, the\noperator said on Monday.\n\n" +
		"[spazio]                     • Discuss this story on our message board...\n\n" +
		"The new sailing leaves the east pier at 23:10 and calls at both islands\nbefore it returns to the city.\n"
	set := testSet(t)
	fx, err := Fixpoint(context.Background(), set, text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(fx.Body, "spazio") || strings.Contains(fx.Body, "Discuss") {
		t.Errorf("body keeps the row:\n%s", fx.Body)
	}
	again, err := Fixpoint(context.Background(), set, fx.Body, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Body != fx.Body {
		t.Errorf("cleaning the body again changes it:\n%s\nthen:\n%s", fx.Body, again.Body)
	}
}
