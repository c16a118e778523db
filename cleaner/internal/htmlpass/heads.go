package htmlpass

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/winnow-text/winnow/cleaner/internal/doc"
	"github.com/winnow-text/winnow/cleaner/internal/textpass"
	"github.com/winnow-text/winnow/rules"
)

// A thread whose markup names no author element may still open each
// comment with the same few short lines: a name, a comment's number, a
// time ("recklessfox" / "Comment No. 1034545" / "January 7 17:00 GBR").
// learnHeads finds that shape from the page's own repetition and moves
// those lines out of the comments' text into author and posted.

// Kinds of a comment's leading line (see headKind).
const (
	headName   = 'N' // a name or a handle
	headTime   = 'T' // a date, a clock time or a relative time
	headNumber = 'K' // a comment's number ("1.", "#12", "Comment No. 1034545")
)

// Bounds of a learned header.
const (
	maxHeadLines     = 3 // lines of a comment's header
	maxHeadNameWords = 4
	minHeadComments  = 3 // comments that share the shape
)

// clockOrYear finds a clock time or a year in a line.
var clockOrYear = regexp.MustCompile(`\b\d{1,2}[:.]\d{2}\b|\b(?:19|20)\d{2}\b`)

// headKind is the kind of a comment's leading line, or 0 when it is no
// header's (text, or too long for one).
func (h *htmlDoc) headKind(line string) byte {
	words := rules.CountWords(line)
	switch {
	case words == 0 || words > 8:
		return 0
	case clockOrYear.MatchString(line) || h.relTime(line):
		return headTime
	case words <= maxHeadNameWords && strings.ContainsFunc(line, unicode.IsDigit):
		return headNumber
	case words <= maxHeadNameWords && !rules.EndsSentence(line) && h.nameWords(line):
		return headName
	}
	return 0
}

// relTime reports whether a short line says a time relative to now ("3
// hours ago"): a number and a unit of time.
func (h *htmlDoc) relTime(line string) bool {
	return strings.ContainsFunc(line, unicode.IsDigit) && h.holdsWord(rules.WordsTimeUnits, line)
}

// nameWords reports whether a line's words may be a commenter's name: no
// stopword among them (a sentence's words) and a letter at least.
func (h *htmlDoc) nameWords(line string) bool {
	if !strings.ContainsFunc(line, unicode.IsLetter) {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(line)) {
		if textpass.IsStopword(h.set, h.lang, strings.Trim(w, ".,:;!?()·|")) {
			return false
		}
	}
	return true
}

// headShape is the kinds of a comment's leading lines, up to the first
// that is no header's, leaving one line of text at least.
func (h *htmlDoc) headShape(lines []string) string {
	var shape []byte
	for k := 0; k < len(lines)-1 && k < maxHeadLines; k++ {
		kind := h.headKind(lines[k])
		if kind == 0 {
			break
		}
		shape = append(shape, kind)
	}
	return string(shape)
}

// learnHeads moves the header that most comments without an author open
// with into their author and posted: the shape (see headShape) that
// minHeadComments of them share at least, and three in five of them, of
// two lines or more or with a time (a name alone on the first line may be
// a comment's own first words, "Thanks"). Each comment of that shape
// loses those lines from its text.
func (h *htmlDoc) learnHeads(cs []doc.Comment) {
	count := map[string]int{}
	shapes := make([]string, len(cs))
	anon := 0
	for k := range cs {
		if cs[k].Author != "" {
			continue
		}
		anon++
		shapes[k] = h.headShape(strings.Split(cs[k].Text, "\n\n"))
		for n := 1; n <= len(shapes[k]); n++ {
			count[shapes[k][:n]]++ // a shorter header is a prefix
		}
	}
	best := ""
	for s, n := range count {
		if n < minHeadComments || n*5 < anon*3 || len(s) < 2 && !strings.ContainsRune(s, headTime) ||
			!strings.ContainsRune(s, headName) && !strings.ContainsRune(s, headTime) {
			continue
		}
		if len(s) > len(best) || len(s) == len(best) && s < best {
			best = s
		}
	}
	if best == "" {
		return
	}
	for k := range cs {
		if cs[k].Author != "" || !strings.HasPrefix(shapes[k], best) {
			continue
		}
		lines := strings.Split(cs[k].Text, "\n\n")
		for i, kind := range []byte(best) {
			switch {
			case kind == headName && cs[k].Author == "":
				cs[k].Author = strings.TrimRight(lines[i], " :·|-–—")
			case kind == headTime && cs[k].Posted == "":
				cs[k].Posted = lines[i]
			}
		}
		cs[k].Text = strings.Join(lines[len(best):], "\n\n")
	}
}
