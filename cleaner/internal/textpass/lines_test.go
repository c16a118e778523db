package textpass

import (
	"strings"
	"testing"
)

// TestIconMatchingForm checks that an image placeholder glued to a line's
// label is left out of the line's matching form, and that a spacer set
// apart from the text, a footnote number and a line of only a
// placeholder are not.
func TestIconMatchingForm(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{"[facebook-l]Post to Facebook", "Post to Facebook"},
		{"[comments] SEE COMMENTS", "SEE COMMENTS"},
		{"  [*] Remember me", "Remember me"},
		{"[dot]                 We're sorry - the page could not be found.", "[dot] We're sorry - the page could not be found."},
		{"[bdnmain]", "[bdnmain]"},
		{"[1] Smith, J. (2001). A study of sleep.", "[1] Smith, J. (2001). A study of sleep."},
		{"[a very long label of many words] text", "[a very long label of many words] text"},
	} {
		if got := normalLine(tc.raw); got != tc.want {
			t.Errorf("normalLine(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
}

// TestIconItems checks that lines opened by the same image placeholder
// are a list's items, not prose, and that an image before one paragraph
// leaves the paragraph prose.
func TestIconItems(t *testing.T) {
	text := "[airguitar]It looks like the company is cashing in even more on its lucrative license with this new toy.\n" +
		"\n" +
		"[cmt_icon] Desmond, I know my politicians; they are nearly all in politics for themselves and their friends...\n" +
		"[cmt_icon] For your record, I have never voted for them at a state election for as long as I remember...\n"
	p := newTextPass(testSet(t), text, "en")
	for i, want := range []bool{true, false, false, false} {
		if got := p.lines[i].prose; got != want {
			t.Errorf("line %d (%.30q): prose = %v, want %v", i, p.lines[i].norm, got, want)
		}
	}
}

// TestWrappedWidth checks that a drawn rule in a block of hard-wrapped
// lines does not set the block's width (its box-drawing characters take
// three bytes each, and the paragraph's lines would all read as narrow),
// and that the rule between two paragraphs is no line of either.
func TestWrappedWidth(t *testing.T) {
	rule := strings.Repeat("━", 60)
	text := rule + " [spacer]\n" +
		"LONDON: Britain introduced a ban on advertising junk food to\n" +
		"under-16s yesterday, aimed at promoting healthy eating and\n" +
		"countering growing child obesity.\n" +
		rule + "\n" +
		"Prime Minister Gordon Brown launched a new programme in\n" +
		"October last year aiming to increase the number of hours.\n"
	p := newTextPass(testSet(t), text, "en")
	for i, want := range []bool{false, true, true, true, false, true, true} {
		if got := p.lines[i].prose; got != want {
			t.Errorf("line %d (%.30q): prose = %v, want %v", i, p.lines[i].norm, got, want)
		}
	}
}
