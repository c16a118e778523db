package htmlpass

import (
	"testing"

	"github.com/winnow-text/winnow/rules"
)

// TestAuthorName checks that the verb a comment header writes after its
// author's name goes, in the languages of the pack, and that a name that
// ends in such a word does not lose it.
func TestAuthorName(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	h := &htmlDoc{set: set}
	for in, want := range map[string]string{
		"Tom said...":       "Tom",
		"Ann Lee wrote:":    "Ann Lee",
		"Jean a écrit :":    "Jean",
		"Karl schrieb:":     "Karl",
		"Maria dice…":       "Maria",
		"Edward Said":       "Edward Said", // a name, in capitals
		"Maria":             "Maria",
		"said":              "said",
		"The editors said:": "The editors",
	} {
		if got := h.authorName(in); got != want {
			t.Errorf("authorName(%q) = %q, want %q", in, got, want)
		}
	}
}
