package textpass

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// lowerWordsRef is lowerWords written with the strings package: the
// reference the hand-written scanner must agree with.
func lowerWordsRef(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		f = strings.TrimFunc(f, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '€' && r != '$' && r != '£'
		})
		if f != "" {
			out = append(out, strings.ToLower(f))
		}
	}
	return out
}

func FuzzLowerWords(f *testing.F) {
	for _, s := range []string{
		"", "Subscribe to our newsletter!", "  «Abonnez-vous» — c'est gratuit… ",
		"Donate $5 or €10\u00a0today\u0085now", "İstanbul ΣΟΦΙΑ", "\xff\xfe bad", "1,200 readers' comments",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := lowerWords(s), lowerWordsRef(s); !slices.Equal(got, want) {
			t.Fatalf("lowerWords(%q) = %q, want %q", s, got, want)
		}
	})
}

func FuzzAppendLower(f *testing.F) {
	for _, s := range []string{"", "Hello", "ÉCOLE Straße", "İ", "\xff\xfeA", "ΣΑΣ", "“Quoted” Words"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendLower([]byte("x"), s)), "x"+strings.ToLower(s); got != want {
			t.Fatalf("appendLower(%q) = %q, want %q", s, got, want)
		}
	})
}
