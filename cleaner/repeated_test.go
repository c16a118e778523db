package cleaner

import (
	"context"
	"strings"
	"testing"
)

func TestRepeatedPhrase(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"How to Save How to Save How to Save", "How to Save", true},
		{"How Stores Manipulate How Stores Manipulate", "How Stores Manipulate", true},
		{"Save Save Save", "", false},
		{"How to Save money How to Save", "", false},
		{"a b a b a", "", false},
		{"", "", false},
		// Four times over, or a phrase longer than a headline: not a card.
		{"Stop now please Stop now please Stop now please Stop now please", "", false},
		{strings.TrimSpace(strings.Repeat(strings.Repeat("word ", 30), 2)), "", false},
	} {
		got, ok := repeatedPhrase(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("repeatedPhrase(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// A long line that says one phrase over and over is not removed whole by
// its shape (it once emptied a 200 MB file).
func TestRepeatedLongLineStays(t *testing.T) {
	line := strings.TrimSpace(strings.Repeat("all work and no play makes a dull day ", 20000))
	res, err := testCleaner(t).Clean(context.Background(), []byte(line+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Body != line+"\n" {
		t.Fatalf("the line was removed: %s", describeRemovals(res))
	}
}
