package textpass

import (
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
