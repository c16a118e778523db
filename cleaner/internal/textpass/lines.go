package textpass

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnow-text/winnow/rules"
)

// line is one line of a text pass with its features.
type line struct {
	start, end int    // byte offsets of the line in the pass's text, without the newline
	norm       string // normalised text; "" for a blank line
	indent     int    // leading spaces (a tab counts four)
	para       int    // wrapped paragraph the line is in (0: none)
	words      int
	terminal   bool // ends like a sentence
	prose      bool // long enough and sentence-like: a paragraph of article text
	textual    bool // letters are half its visible characters or more (mostlyLetters): no drawn rule
}

func (l *line) blank() bool { return l.norm == "" }

// splitLines returns the [start, end) offsets of every line of text.
func splitLines(text string) [][2]int {
	n := strings.Count(text, "\n") + 1
	out := make([][2]int, 0, n)
	start := 0
	for {
		i := strings.IndexByte(text[start:], '\n')
		if i < 0 {
			out = append(out, [2]int{start, len(text)})
			return out
		}
		out = append(out, [2]int{start, start + i})
		start += i + 1
	}
}

// isProse tells article prose from everything else by shape: a sentence
// of eight words or more, or a long run of words that is not a cut snippet.
func isProse(norm string, words int, terminal bool) bool {
	if terminal {
		return words >= 8
	}
	return words >= 30 && !strings.HasSuffix(norm, "…") && !strings.HasSuffix(norm, "...")
}

// normalLine is the normal form a line is matched in: normalised space
// and punctuation, without reference marks, glued words or decoration.
func normalLine(raw string) string {
	n := stripRefs(rules.Normalize(raw))
	if iconGlued(raw) {
		n = stripIcon(n)
	}
	return undecorate(unglue(n))
}

// proseWords is words as isProse weighs them: in Chinese and Japanese,
// where every character counts as a word, a word is two characters.
func proseWords(words int, unspaced bool) int {
	if unspaced {
		return words / 2
	}
	return words
}

// proseWordsOf is proseWords for line text norm: in Thai, Lao, Khmer and
// Burmese, which put spaces between phrases, not words, a run of letters
// is several words (unsegmentedWords).
func proseWordsOf(norm string, words int, unspaced bool) int {
	n := proseWords(words, unspaced)
	if !unspaced {
		return n
	}
	return max(n, unsegmentedWords(norm))
}

// unsegmentedWords estimates the words of norm's Thai, Lao, Khmer and
// Burmese letters, about one for every unsegmentedWordLetters of them.
func unsegmentedWords(norm string) int {
	letters := 0
	for _, r := range norm {
		if r >= 0x0e00 && unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) && unicode.IsLetter(r) {
			letters++
		}
	}
	return letters / unsegmentedWordLetters
}

// unsegmentedWordLetters is about how many letters a word of Thai, Lao,
// Khmer or Burmese has (letters without their vowel and tone marks; a
// paragraph of 120 of them is prose).
const unsegmentedWordLetters = 4

// unspaced reports whether lang is written without spaces between words
// (the pack's unspaced_languages).
func unspaced(set *rules.Set, lang string) bool {
	return lang != "" && slices.Contains(set.Words(rules.WordsUnspacedLangs), lang)
}

// markWrapped finds paragraphs that are hard-wrapped over several lines
// (mail, RFCs, lynx and html2text dumps) and marks every line of one that
// reads as prose as prose: a wrapped line rarely ends a sentence, so line
// by line the paragraph would look like a run of headings. A wrapped
// paragraph is a run of lines as wide as the block's widest (two thirds of
// it or more), not list items, closed by a line that ends a sentence; a
// block may hold several (html2text puts no blank line between them).
func (p *textPass) markWrapped() {
	p.forEachBlock(p.blankAt, func(i, j int) {
		width, runeWidth := 0, 0
		columns := false // a line of the block has a second column
		for k := i; k < j; k++ {
			l := &p.lines[k]
			if !l.textual {
				continue // a drawn rule or a row of icons is no line of text: its width says nothing
			}
			width = max(width, len(l.norm))
			runeWidth = max(runeWidth, runes(l.norm))
			columns = columns || strings.Contains(strings.TrimSpace(p.text[l.start:l.end]), "   ")
		}
		if j-i >= 2 && width >= 45 && !p.headlineSnippetPairs(i, j) {
			start := i
			for k := i; k < j; k++ {
				l := &p.lines[k]
				wide := len(l.norm)*3 >= width*2 && !isListItem(l.norm) && l.textual
				// A line the next line's first word would have fitted on
				// was broken by its writer, not wrapped: a paragraph (or a
				// list entry) ends there.
				broken := !columns && k+1 < j && runes(l.norm)+1+runes(firstField(p.lines[k+1].norm)) <= runeWidth
				switch {
				case l.terminal && k > start && !isListItem(l.norm):
					p.markParagraph(start, k+1)
					start = k + 1
				case !wide || broken:
					start = k + 1
				}
			}
		}
	})
}

// mostlyLetters reports whether letters are half the visible characters
// of s or more.
func mostlyLetters(s string) bool {
	letters, visible := 0, 0
	for i := 0; i < len(s); {
		if letters > 0 && letters*2 >= visible+len(s)-i {
			return true // (what is left cannot outweigh the letters)
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
				letters++
				visible++
			case c != ' ' && c != '\t':
				visible++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case unicode.IsLetter(r):
			letters++
			visible++
		case !unicode.IsSpace(r):
			visible++
		}
	}
	return letters*2 >= visible && letters > 0
}

// blankAt reports whether line k is blank.
func (p *textPass) blankAt(k int) bool { return p.lines[k].blank() }

// forEachBlock calls f with every block of the text: each run [i, j) of
// lines that are not gaps (gap: a blank line, or what a caller counts as
// one).
func (p *textPass) forEachBlock(gap func(k int) bool, f func(i, j int)) {
	for i := 0; i < len(p.lines); {
		if gap(i) {
			i++
			continue
		}
		j := i
		for j < len(p.lines) && !gap(j) {
			j++
		}
		f(i, j)
		i = j
	}
}

// headlineSnippetPairs reports whether the block [i, j) is a list of
// entries, each a headline and its snippet on the next line, under an
// optional heading: two pairs or more of a short line that ends no sentence (or asks) and a line that
// ends one. Such a block is not hard-wrapped prose.
func (p *textPass) headlineSnippetPairs(i, j int) bool {
	if (j-i)%2 != 0 && !p.lines[i].terminal && p.lines[i].words <= 8 {
		i++ // the list's heading ("You might also like")
	}
	if (j-i)%2 != 0 || j-i < 4 {
		return false
	}
	for k := i; k < j; k += 2 {
		h, s := &p.lines[k], &p.lines[k+1]
		asks := strings.HasSuffix(h.norm, "?") || strings.HasSuffix(h.norm, "!")
		if h.words > maxQuestionHeadlineWords || h.terminal && !asks || !s.terminal || s.words < 4 ||
			!unicode.IsUpper(firstRune(h.norm)) && !unicode.IsDigit(firstRune(h.norm)) || !unicode.IsUpper(firstRune(s.norm)) {
			return false
		}
	}
	return true
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// firstField is the first word of s.
func firstField(s string) string {
	if k := strings.IndexByte(s, ' '); k >= 0 {
		return s[:k]
	}
	return s
}

// markParagraph marks the lines [i, j) as prose if, joined, they are.
func (p *textPass) markParagraph(i, j int) {
	// The words of the joined lines are the lines' words; whether it ends
	// a sentence is whether its last line does.
	words := 0
	for k := i; k < j; k++ {
		words += p.lines[k].words
	}
	last := &p.lines[j-1]
	if isProse(last.norm, proseWordsOf(last.norm, words, p.unspaced), last.terminal) {
		p.paras++
		for k := i; k < j; k++ {
			p.lines[k].prose = true
			p.lines[k].para = p.paras
		}
	}
}

// isListItem reports whether a line starts like a list item: a bullet, or
// a number or letter and a dot or parenthesis.
func isListItem(s string) bool {
	if isBullet(s) {
		return true
	}
	k := 0
	for k < len(s) && k < 3 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == 0 && len(s) > 1 && s[0] >= 'a' && s[0] <= 'z' {
		k = 1
	}
	return k > 0 && k+1 < len(s) && (s[k] == '.' || s[k] == ')') && s[k+1] == ' '
}

// undecorate removes the marks html2text and Markdown put around headings
// ("****** Title ******", "## Title ##") from a line's matching form.
func undecorate(s string) string {
	if len(s) < 5 || !strings.ContainsAny(s[:1], "*=#~") {
		return s
	}
	inner := strings.TrimRight(strings.TrimLeft(s, "*=#~"), "*=#~")
	if len(s)-len(inner) < 2 || !strings.ContainsFunc(inner, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return s // a separator, not a decorated heading
	}
	return strings.TrimSpace(inner)
}

// unglue turns underscores that join words ("Skip_to_main_content", as
// html2text writes link text) into spaces in a line's matching form.
func unglue(s string) string {
	if !strings.Contains(s, "_") {
		return s
	}
	fields := strings.Fields(s)
	changed := false
	for k, f := range fields {
		if strings.Count(f, "_") >= 2 && !strings.HasPrefix(f, "_") && !strings.HasSuffix(f, "_") && !strings.Contains(f, "__") {
			fields[k] = strings.ReplaceAll(f, "_", " ")
			changed = true
		}
	}
	if !changed {
		return s
	}
	return strings.Join(fields, " ")
}

// maxIconLabel is the longest image placeholder stripIcon takes off.
const maxIconLabel = 20

// iconGlued reports whether a raw line opens with a bracket that is not
// set apart from the text after it by a gap: an image placeholder that
// goes with its line (stripIcon), not a spacer in a layout's cell.
func iconGlued(raw string) bool {
	t := strings.TrimLeft(raw, " \t")
	if t == "" || t[0] != '[' {
		return false
	}
	k := strings.IndexByte(t, ']')
	return k > 0 && !strings.HasPrefix(t[k+1:], "  ") && !strings.HasPrefix(t[k+1:], " \t") && !strings.HasPrefix(t[k+1:], "\t")
}

// stripIcon removes the image placeholder a text browser prints before a
// link or a button's label ("[facebook-l]Post to Facebook", "[comments]
// SEE COMMENTS", "[*] Remember me": an icon's file name or alt text, one
// word in brackets) from a normalised line's matching form, so that the
// rules read the label. A line that is only the placeholder keeps it.
func stripIcon(s string) string {
	if len(s) < 4 || s[0] != '[' {
		return s
	}
	k := strings.IndexByte(s, ']')
	if k < 2 || k > maxIconLabel+1 || strings.ContainsAny(s[1:k], " [") || strings.Trim(s[1:k], "0123456789") == "" {
		return s // no label, or a footnote's number ("[1] Smith, J. …")
	}
	rest := strings.TrimLeft(s[k+1:], " ")
	if !strings.ContainsFunc(rest, unicode.IsLetter) {
		return s
	}
	return rest
}

// iconLabel is the image placeholder stripIcon takes off the start of a
// normalised line, or "".
func iconLabel(s string) string {
	if rest := stripIcon(s); len(rest) < len(s) {
		return strings.TrimSpace(s[:len(s)-len(rest)])
	}
	return ""
}

// markIconItems marks as no prose the lines that open with an image
// placeholder that opens another line of the text too ("[ctnt_icon_] …"
// before each of a list of comment excerpts): the icon is the list's
// bullet, and the lines are its items, no prose of the article, however
// long. A placeholder
// before one paragraph is an image in the article.
func (p *textPass) markIconItems(spans [][2]int) {
	var labels map[int]string
	count := map[string]int{}
	for i, sp := range spans {
		raw := p.text[sp[0]:sp[1]]
		if !iconGlued(raw) {
			continue
		}
		if lab := iconLabel(stripRefs(rules.Normalize(raw))); lab != "" {
			if labels == nil {
				labels = map[int]string{}
			}
			labels[i] = lab
			count[lab]++
		}
	}
	for i, lab := range labels {
		if count[lab] >= 2 {
			p.lines[i].prose = false
		}
	}
}

// stripRefs removes the link numbers lynx puts before links ("[16]Facebook")
// from a line's matching form.
func stripRefs(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '[' {
			j := i + 1
			for j < len(s) && j-i <= 5 && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j > i+1 && j < len(s)-1 && s[j] == ']' && s[j+1] != ' ' {
				i = j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
