package textpass

import (
	"slices"
	"testing"
)

// TestSplitSentences checks where a line splits into sentences: after a
// full stop, a question or an exclamation before a capital, not after an
// abbreviation or an initial, and after an e-mail address or a domain.
func TestSplitSentences(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Got a story? Email us.", []string{"Got a story?", "Email us."}},
		{"Dr. Smith met U.S. officials. They agreed.", []string{"Dr. Smith met U.S. officials.", "They agreed."}},
		{"He has a Ph.D. He teaches.", []string{"He has a Ph.D. He teaches."}},
		{"Contact our newsdesk at news@post.example. Follow us on X.", []string{"Contact our newsdesk at news@post.example.", "Follow us on X."}},
		{"Read it on countypost.example. Then share it.", []string{"Read it on countypost.example.", "Then share it."}},
		{"The vote is at 6 p.m. Tuesday.", []string{"The vote is at 6 p.m. Tuesday."}},
	} {
		if got := splitSentences(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("splitSentences(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
