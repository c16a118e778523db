package textpass

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnow-text/winnow/rules"
)

// dumpPage is the pass read as a page dump: the stages that find the
// article region among a page's chrome and its headline and captions.
type dumpPage struct{ *textPass }

// A page dump (w3m, lynx, html2text, a scraper's "get text") holds the
// whole page: menus, search boxes, sidebars and footers around the
// article. Such a document is recognised by its chrome (many short,
// bulleted or bracketed lines), and its article is the run of lines with
// the most prose: every line scores (prose by its length, chrome against),
// and the run with the highest sum wins. What lies outside that run is
// removed (rule site.outside-region), except a window of lines above it
// where the headline, byline and date are.

// headWindow is how many non-blank lines above the article region the
// head rules look at.
const headWindow = 20

// region is the article region of a page dump.
type region struct {
	start, end int // first and last line of the run, inclusive
	window     int // first line of the head window
}

// bulletRunes start list items in dumps.
func isBullet(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '•', '□', '◦', '▪', '▫', '●', '○', '■', '·', '*', '-', '–', '►', '▸', '»', '›', '+':
		return true
	}
	return false
}

// dumpMode reports whether the document looks like a page dump: at least
// 20 lines of chrome (short lines without a sentence end, list bullets,
// lines the chrome rules took), and at least a third as many as lines of
// prose (a long story under a site's menus is still a page dump).
// Comment headers do not count.
func (p dumpPage) dumpMode(headers []headerMatch) bool {
	if p.set.Rule(rules.IDOutsideRegion) == nil {
		return false
	}
	inHeader := make([]bool, len(p.lines))
	for _, h := range headers {
		for i := h.start; i < h.start+h.n; i++ {
			inHeader[i] = true
		}
	}
	// Short lines alone make a table, a listing or a formula, not a
	// page: a page's chrome includes lines site and share rules know (a
	// search box, a skip link, a share bar, a copyright line) or a menu
	// of bullets.
	chrome, prose, known, menu := 0, 0, 0, 0
	for i := range p.lines {
		l := &p.lines[i]
		if l.blank() || inHeader[i] {
			continue
		}
		switch {
		case l.prose:
			prose++
		case p.labelled(i) && (p.labels[i].rule.Category == rules.Site || p.labels[i].rule.Category == rules.Share):
			chrome++
			known++
		case proseWords(l.words, p.unspaced) <= 4 && !l.terminal, isBullet(l.norm) && proseWords(l.words, p.unspaced) <= 8:
			chrome++
			if isBullet(l.norm) {
				menu++
			}
		}
	}
	return chrome >= 20 && chrome*3 >= prose && (known >= minKnownChrome || menu >= minMenuItems)
}

// A page dump has at least minKnownChrome lines that site and share
// rules take, or minMenuItems short bullets.
const (
	minKnownChrome = 3
	minMenuItems   = 10
)

// stopShare is the share of a line's words that are stopwords of the
// document's language (1 when the language has no stoplist: no evidence
// against the line). In Chinese and Japanese every character is a word.
func (p dumpPage) stopShare(s string) float64 {
	if p.lang == "" || !p.set.HasStopwords(p.lang) {
		return 1
	}
	words, stops := 0, 0
	var buf []byte
	forEachWord(s, func(w string) bool {
		words++
		buf = appendLower(buf[:0], w)
		if p.set.IsStopword(p.lang, string(buf)) {
			stops++
		}
		return true
	})
	if words == 0 {
		return 0
	}
	return float64(stops) / float64(words)
}

// stopThreshold is the stopword share below which a long line is not
// prose. Function characters are rarer among Chinese and Japanese
// characters than function words among European words.
func stopThreshold(unspaced bool) float64 {
	if unspaced {
		return 0.05
	}
	return 0.15
}

// baseIndent is the indentation of the article's prose: the smallest
// indentation that carries a fifth of the prose's words. A dump indents
// list items, teasers, boxes and sidebars deeper than the article, and
// there may be more of them than of the article. It returns -1 when less
// than 150 words of prose are at that indentation: then the nested prose
// may be the content itself (a page of features, a list of notes).
func (p dumpPage) baseIndent() int {
	weight := map[int]int{}
	total := 0
	for i := range p.lines {
		if l := &p.lines[i]; l.prose {
			weight[l.indent] += l.words
			total += l.words
		}
	}
	best := -1
	for ind, w := range weight {
		if w*5 >= total && (best < 0 || ind < best) {
			best = ind
		}
	}
	if best < 0 || weight[best] < 150 {
		return -1
	}
	return best
}

// underListItem reports whether line i hangs under a list item: the
// nearest line above it that is less indented is one (a teaser's snippet
// under its bulleted headline; not a quote, which hangs under prose).
func (p dumpPage) underListItem(i int) bool {
	ind := p.lines[i].indent
	for j := i - 1; j >= 0 && i-j < 40; j-- {
		l := &p.lines[j]
		if l.blank() || l.indent >= ind {
			continue
		}
		return isListItem(l.norm)
	}
	return false
}

// regionScore is a line's evidence for being article text.
func (p dumpPage) regionScore(i, base int, code []bool, card []cardKind) float64 {
	l := &p.lines[i]
	switch {
	case l.blank():
		return 0
	case p.labelled(i):
		return -3
	case card[i] == spacedCard:
		// A snippet of a list of stories: as much against as prose counts
		// for, so that the region does not run on through the list to
		// prose beyond it.
		return -float64(min(l.words, 60))
	case card[i] == blockCard:
		return -1 // a teaser's snippet
	case base >= 0 && l.prose && l.indent > base+1 && p.underListItem(i):
		return -2 // prose nested in a list item: a teaser
	case p.unspaced && isBullet(l.norm) && !l.terminal:
		// In Chinese and Japanese every character counts as a word: a
		// list of headlines is as long as prose.
		return -4
	case l.prose && !p.unspaced && namesLine(l.norm):
		return -1 // names in a row ("Nova Scotia: Amherst Daily News; Cape Breton Post; …"): a list, not prose
	case l.prose && strings.Count(l.norm, "[") <= 1 && p.stopShare(l.norm) >= stopThreshold(p.unspaced):
		words := l.words
		if p.unspaced {
			words = max(words, unsegmentedWords(l.norm))
		}
		return float64(min(words, 60))
	case l.prose:
		return -1
	case code[i]:
		return 0 // code or a drawn table: no evidence either way
	case isBullet(l.norm) && l.words <= 6:
		return -4
	case l.words <= 3:
		return -3
	case l.words >= 8 && !strings.Contains(l.norm, "[") && p.stopShare(l.norm) >= 0.2:
		return -0.5 // a long list item or caption
	}
	return -1
}

// minRegionScore is the least score an article region has: about two
// sentences of prose.
const minRegionScore = 40

// findRegion is the run of lines with the highest total score.
func (p dumpPage) findRegion() (region, bool) {
	base := p.baseIndent()
	code := p.codeBlocks()
	card := p.cardBlocks()
	best, bestStart, bestEnd := 0.0, -1, -1
	sum, start := 0.0, 0
	for i := range p.lines {
		s := p.regionScore(i, base, code, card)
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += s
		if sum > best && s > 0 {
			best, bestStart, bestEnd = sum, start, i
		}
	}
	if bestStart < 0 || best < minRegionScore {
		// No article prose to speak of: the page is a list or a form,
		// not an article among chrome.
		return region{}, false
	}
	for bestStart < bestEnd && p.regionScore(bestStart, base, code, card) <= 0 {
		bestStart++
	}
	bestEnd = p.overIntroducedList(bestEnd)
	r := region{start: bestStart, end: bestEnd, window: bestStart}
	for n := 0; r.window > 0 && n < headWindow; {
		r.window--
		if !p.lines[r.window].blank() {
			n++
		}
	}
	return r, true
}

// maxListItemWords is the most words of an item of a list the article
// introduces.
const maxListItemWords = 20

// overIntroducedList extends a region that ends at line end over the list
// the article introduces after it: a line that ends with a colon (the
// region's last, or the next) and the block of short lines under it ("Der
// Zeitplan im Überblick:" and its dates). A list a sentence announces is
// the article's, however little prose it holds. It returns the new end.
func (p dumpPage) overIntroducedList(end int) int {
	next := p.nextNonBlank
	intro := end
	if !strings.HasSuffix(p.lines[intro].norm, ":") {
		intro = next(end)
		if intro >= len(p.lines) || p.labelled(intro) || p.lines[intro].words > maxIntroWords || !strings.HasSuffix(p.lines[intro].norm, ":") {
			return end
		}
	}
	first := next(intro)
	k := first
	for k < len(p.lines) && !p.lines[k].blank() && !p.labelled(k) && p.lines[k].words <= maxListItemWords {
		k++
	}
	if k-first >= 2 && (k == len(p.lines) || p.lines[k].blank()) {
		return k - 1
	}
	// Items a blank line apart, as a dump prints a list of paragraphs:
	// short lines, one to a block, up to two blank lines in a row.
	// The line that announces them is a sentence ("Below is the list
	// of players who have been invited:"), not a menu's label ("Find
	// More Articles On:"); an item that ends with a colon heads another
	// list.
	if p.lines[intro].words < minIntroWords {
		return end
	}
	items, last := 0, -1
	for k = first; k < len(p.lines); {
		if p.labelled(k) || p.lines[k].words > maxListItemWords || k+1 < len(p.lines) && !p.lines[k+1].blank() || strings.HasSuffix(p.lines[k].norm, ":") {
			break
		}
		items, last = items+1, k
		if k = next(k); k-last > 2 {
			break
		}
	}
	if items < minSpacedItems {
		return end
	}
	return last
}

// maxIntroWords is the most words of the line that introduces a list.
const maxIntroWords = 30

// minIntroWords is the fewest words of a sentence that introduces a list
// whose items stand a blank line apart.
const minIntroWords = 6

// minSpacedItems is the fewest items of an introduced list whose items
// stand a blank line apart.
const minSpacedItems = 3

// pickTitle labels the most headline-like line of [from, to) with the
// headline rule. A headline is of headline length, capitalised, made of
// words the article uses, often repeated in the page and followed by the
// byline or the date; captions, clocks and counters are not. It reports
// whether it took one.
func (p dumpPage) pickTitle(from, to, regionEnd int) bool {
	r := p.set.Rule(rules.IDTitleHeading)
	if r == nil || to >= len(p.lines) {
		return false
	}
	// The article's vocabulary, from its first few thousand bytes, and
	// how often each line recurs in the page: read once a line may be
	// the headline.
	var article string
	var seen map[string]int
	vocabulary := func() {
		if seen != nil {
			return
		}
		var sample []byte
		for i, n := to, 0; i <= regionEnd && i < len(p.lines) && n < 4000; i++ {
			if l := &p.lines[i]; l.prose {
				sample = append(appendLower(sample, l.norm), ' ')
				n += len(l.norm) + 1
			}
		}
		article = string(sample)
		seen = map[string]int{}
		var lengths [250]bool // (a line of another length is none of them: no need to hash it)
		for i := from; i < to; i++ {
			if n := p.lines[i].norm; n != "" && len(n) < len(lengths) {
				seen[n] = 0
				lengths[len(n)] = true
			}
		}
		for i := range p.lines {
			if n := p.lines[i].norm; len(n) < len(lengths) && lengths[len(n)] {
				if c, ok := seen[n]; ok {
					seen[n] = c + 1
				}
			}
		}
	}
	only := func(x *rules.Rule) bool { return x == r }
	best, bestScore := -1, 0.0
	distance := 0
	for i := to - 1; i >= from; i-- {
		l := &p.lines[i]
		if l.blank() {
			continue
		}
		distance++
		if p.labelled(i) {
			continue
		}
		if !p.matches(i, r) && !(to < len(p.lines) && i+1 < len(p.lines) && p.headlineAboveByline(i)) {
			continue
		}
		s := -0.05 * float64(distance)
		switch {
		case l.words >= 4 && l.words <= 20:
			s += 3
		case l.words >= 2:
			s += 0.5
		}
		if first, _ := utf8.DecodeRuneInString(l.norm); unicode.IsUpper(first) || strings.ContainsRune("\"'“‘«¿¡", first) {
			s++
		}
		vocabulary()
		if words := contentWords(l.norm); len(words) >= 2 {
			shared := 0
			for w := range words {
				if rules.ContainsWord(article, w) {
					shared++
				}
			}
			s += 4 * float64(shared) / float64(len(words))
		}
		if seen[l.norm] > 1 {
			s += 1.5
		}
		switch {
		case p.nextLabelled(i, rules.Byline, rules.Date):
			s += 3 // the headline sits right above its byline
		case p.labelAfter(i, rules.Byline, rules.Date):
			s += 2
		}
		if strings.Contains(l.norm, " | ") {
			s-- // menu items ("Sign in | Subscribe"), or a page title with its site's name
		}
		if digitShare(l.norm) > 0.25 {
			s -= 2
		}
		if p.isPersonName(l.norm) {
			s -= 3 // a byline's name, not a headline
		}
		if strings.ContainsAny(l.norm, "[]»›") || strings.HasSuffix(l.norm, ":") {
			s--
		}
		if strings.HasSuffix(l.norm, ".") && l.words > 12 || hasSentenceBreak(l.norm) {
			s -= 1.5 // a standfirst or a caption: sentences, not a headline
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return false
	}
	_, g := p.match(best, only)
	title := p.lines[best].norm
	if g[rules.FieldTitle] != "" {
		title = g[rules.FieldTitle]
	}
	p.setLabel(best, r, rules.Groups{rules.FieldTitle: stripSection(title)}, 0)
	return true
}

// labelAfter reports whether one of the three non-blank lines after line i
// is labelled with one of the categories.
func (p dumpPage) labelAfter(i int, cats ...rules.Category) bool {
	seen := 0
	for j := i + 1; j < len(p.lines) && seen < 3; j++ {
		if p.lines[j].blank() {
			continue
		}
		seen++
		if l := p.labels[j]; l.rule != nil {
			for _, c := range cats {
				if l.rule.Category == c {
					return true
				}
			}
		}
	}
	return false
}

// nextLabelled reports whether the next non-blank line after line i is
// labelled with one of the categories.
func (p dumpPage) nextLabelled(i int, cats ...rules.Category) bool {
	for j := i + 1; j < len(p.lines); j++ {
		if p.lines[j].blank() {
			continue
		}
		if l := p.labels[j]; l.rule != nil {
			return slices.Contains(cats, l.rule.Category)
		}
		return false
	}
	return false
}

func digitShare(s string) float64 {
	digits, letters := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if digits+letters == 0 {
		return 1
	}
	return float64(digits) / float64(digits+letters)
}

// contentWords are the lower-case words of four letters or more.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if utf8.RuneCountInString(w) >= 4 {
			out[w] = true
		}
	}
	return out
}

// stripSection drops a section name glued in front of a headline with a
// bar ("Africa|United States to Lift Sudan Sanctions").
func stripSection(s string) string {
	before, after, ok := strings.Cut(s, "|")
	if ok && rules.CountWords(before) <= 3 && rules.CountWords(after) >= 3 && !strings.Contains(after, "|") {
		return strings.TrimSpace(after)
	}
	return s
}

// labelCaptions takes, in a dump, the lines a photo leaves: a sentence
// repeated within the next five lines (alt text and caption), two lines
// there that open alike, and a line that is one sentence twice ("A
// whale.A whale.").
func (p dumpPage) labelCaptions() {
	r := p.set.Rule(rules.IDOutsideRegion)
	if r == nil {
		return
	}
	for i := range p.lines {
		l := &p.lines[i]
		if l.blank() || l.words < 3 || p.labelled(i) {
			continue
		}
		if half := len(l.norm) / 2; len(l.norm)%2 == 0 && l.norm[:half] == l.norm[half:] ||
			len(l.norm)%2 == 1 && l.norm[:half] == l.norm[half+1:] && l.norm[half] == ' ' {
			p.setLabel(i, r, nil, 0)
			continue
		}
		for j, seen := i+1, 0; j < len(p.lines) && seen < 5; j++ {
			if p.lines[j].blank() {
				continue
			}
			seen++
			// The same sentence again (a headline may be repeated; a
			// caption is a sentence, or longer than a headline), or two
			// lines that open with the same six words: an image's alt text
			// and its longer caption.
			again := (l.terminal || l.words > maxHeadlineWords) && p.lines[j].norm == l.norm
			if again || p.sameOpening(i, j, 6) || p.creditedAgain(i, j) {
				p.setLabel(i, r, nil, 0)
				if !p.labelled(j) { // a caption rule may have taken it
					p.setLabel(j, r, nil, 0)
				}
				break
			}
		}
	}
}

// endAtComments ends a dump's article region where a comment section
// opens (a thread, or a line like "View comments (27)"), once two lines of
// article prose came before it: an article does not go on after its
// comments, and comment prose would otherwise extend the region.
func (p dumpPage) endAtComments(rg *region) {
	prose := 0
	for i := rg.start; i <= rg.end; i++ {
		if p.lines[i].prose && !p.labelled(i) {
			prose++
		}
		z := p.zoneAt(i)
		opensComments := z != nil && z.start == i && (z.thread || z.rule.Action == rules.StartThread)
		if opensComments && prose >= 2 && p.endBefore(rg, i) {
			return
		}
	}
}

// endBefore ends region rg at the last line of article prose before line
// i (and over the list it introduces, if any), and reports whether there
// was one.
func (p dumpPage) endBefore(rg *region, i int) bool {
	for j := i - 1; j >= rg.start; j-- {
		if p.lines[j].prose && !p.labelled(j) {
			rg.end = max(j, min(p.overIntroducedList(j), i-1))
			return true
		}
	}
	return false
}

// endAtRelated ends a dump's article region where a list of related
// stories opens (a zone of the related category), once minProseBeforeList
// lines of article prose came before it and what comes after it is not
// more of the article (fewer words of prose, and not paragraphs; see
// paragraphsAfter): the teasers' snippets would otherwise extend the
// region past the article's end. A related box between the article's
// paragraphs does not end it.
func (p dumpPage) endAtRelated(rg *region) {
	prose, words := 0, 0
	for i := rg.start; i < rg.end; i++ {
		if z := p.zoneAt(i); z != nil && z.start == i && z.rule.Category == rules.Related && prose >= minProseBeforeList &&
			p.proseWordsAfter(z.end-1, rg.end) < words && !p.paragraphsAfter(z.end-1, rg.end) && p.endBefore(rg, i) {
			return
		}
		if p.lines[i].prose && !p.labelled(i) {
			prose++
			words += p.lines[i].words
		}
	}
}

// endAtIcons ends a dump's article region before a run of list items
// with no words (a bar of share or follow buttons drawn as icons: "•"
// alone, minIconItems or more), once minProseBeforeEnd lines of article
// prose came before it and what comes after it does not read as the
// article's paragraphs (paragraphsAfter). Such a bar closes a story;
// the sponsored pieces and teasers after it would otherwise extend the
// region.
func (p dumpPage) endAtIcons(rg *region) {
	prose, run := 0, 0
	for i := rg.start; i < rg.end; i++ {
		l := &p.lines[i]
		if l.blank() {
			continue
		}
		if l.words == 0 && isBullet(l.norm) {
			if run++; run == minIconItems && prose >= minProseBeforeEnd &&
				p.proseAfter(i, rg.end) < prose && !p.paragraphsAfter(i, rg.end) && p.endBefore(rg, i-run+1) {
				return
			}
			continue
		}
		run = 0
		if l.prose && !p.labelled(i) {
			prose++
		}
	}
}

// endAtHeadlines ends a dump's article region before a list of headlines
// under a heading of its own ("Next Up In Science" over "• Stephen
// Hawking's PhD thesis is now available online" and the next stories),
// once minProseBeforeList lines of article prose came before it and what
// comes after it is not more of the article (fewer words of prose, and
// not paragraphs). A list the article sets out is introduced by a sentence, or
// its items read as sentences, or paragraphs follow it.
func (p dumpPage) endAtHeadlines(rg *region) {
	prose, words := 0, 0 // article prose before line i: lines, words
	for i := rg.start; i < rg.end; i++ {
		l := &p.lines[i]
		// (A heading a related rule took, its list with it, counts.)
		related := p.labelled(i) && p.labels[i].rule.Category == rules.Related
		if l.blank() || p.labelled(i) && !related {
			continue
		}
		if prose >= minProseBeforeList {
			if end := p.headlineList(i, rg.end); end > i && p.proseWordsAfter(end, rg.end) < words &&
				!p.paragraphsAfter(end, rg.end) && p.endBefore(rg, i) {
				return
			}
		}
		if l.prose {
			prose++
			words += l.words
		}
	}
}

// minProseBeforeList is how many lines of article prose come before a
// list of stories that ends the region (a paragraph may be one line).
const minProseBeforeList = 2

// proseWordsAfter counts the words of the unlabelled lines of prose in
// (i, end].
func (p dumpPage) proseWordsAfter(i, end int) int {
	n := 0
	for j := i + 1; j <= end; j++ {
		if p.lines[j].prose && !p.labelled(j) {
			n += p.lines[j].words
		}
	}
	return n
}

// itemText is a list item's text after its bullet or number.
func itemText(s string) string {
	if r, n := utf8.DecodeRuneInString(s); isBullet(s) {
		return strings.TrimLeft(s[n:], " ")
	} else if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' {
		if k := strings.IndexAny(s, ".)"); k >= 0 && k <= 3 {
			return strings.TrimLeft(s[k+1:], " ")
		}
	}
	return s
}

// listHeadline reports whether a line reads as a headline in a list of
// stories: minWords to maxListHeadlineWords words that open with a
// capital or a figure (after a list's bullet or number) and end no
// sentence.
func (l *line) listHeadline(minWords int) bool {
	return !l.terminal && l.words >= minWords && l.words <= maxListHeadlineWords && capitalised(itemText(l.norm))
}

// capitalised reports whether s opens with a capital letter or a figure
// (after an opening quote or bracket).
func capitalised(s string) bool {
	r := firstRune(strings.TrimLeft(s, "'\"‘’“”«„([¿¡"))
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// namesLine reports whether a line is names one after another: most of
// its words (minNamesShare, after the first) open with a capital, as a
// list of places, titles or publications does and no sentence of prose,
// even in German; and it holds no figure (results and race cards, names
// with their scores and times, are an article's data).
func namesLine(s string) bool {
	if strings.ContainsFunc(s, unicode.IsDigit) {
		return false
	}
	words, caps := 0, 0
	forEachWord(s, func(w string) bool {
		if words > 0 && unicode.IsLetter(firstRune(w)) {
			if unicode.IsUpper(firstRune(w)) {
				caps++
			}
		}
		words++
		return true
	})
	return words >= minNamesWords && float64(caps) >= minNamesShare*float64(words-1)
}

// Bounds of a line of names (see namesLine).
const (
	minNamesWords = 6
	minNamesShare = 0.75
)

// Bounds of a list of headlines (see headlineList).
const (
	maxListHeadingWords  = 6
	minHeadlineItems     = 3
	minListHeadlineWords = 4
	maxListHeadlineWords = 16
)

// headlineList reports where a list of headlines under a heading at line
// i ends (its last item), or -1: the heading is a short line that is no
// list item and ends no sentence nor introduces (a colon), and under it,
// with no blank line between, come minHeadlineItems list items or more,
// each of minListHeadlineWords to maxListHeadlineWords words that opens
// with a capital (or a figure) and ends no sentence: "• gero removed the
// windowtype attribute" is a note in a list of changes, not a headline.
// The items stand at one indentation (a list of stories is flat) and none
// introduces (a colon); none is taken, unless with the heading (a related
// rule's list).
func (p dumpPage) headlineList(i, end int) int {
	h := &p.lines[i]
	if h.words > maxListHeadingWords || h.terminal || isListItem(h.norm) || strings.HasSuffix(h.norm, ":") {
		return -1
	}
	j := p.nextNonBlank(i)
	n, last := 0, -1
	for ; j <= end && !p.lines[j].blank(); j++ {
		l := &p.lines[j]
		if !isListItem(l.norm) {
			break
		}
		if !l.listHeadline(minListHeadlineWords) || p.labelled(j) && p.labels[j] != p.labels[i] ||
			strings.HasSuffix(l.norm, ":") || n > 0 && l.indent != p.lines[last].indent {
			return -1
		}
		n, last = n+1, j
	}
	if n < minHeadlineItems || j <= end && !p.lines[j].blank() {
		return -1
	}
	return last
}

// minIconItems is how many list items with no words make a bar of
// icons.
const minIconItems = 3

// minProseBeforeEnd is how many lines of article prose come before a
// line that ends a dump's article region (a bio, a copyright line, a
// related list).
const minProseBeforeEnd = 3

// endAtClosing ends a dump's article region at an author's bio (a line an
// end rule that fills author_bio matches) or before the page's copyright
// line (one with a year), once minProseBeforeEnd lines of article prose
// came before it and less comes after it (and, after a bio, the next line
// is no prose: a profile in the article reads like a bio). A bio closes
// its article, a copyright its page, and the teasers and notices a page
// prints after them would otherwise extend the region.
func (p dumpPage) endAtClosing(rg *region) {
	prose := 0
	isBio := func(r *rules.Rule) bool { return r.Scope == rules.End && r.Field == rules.FieldAuthorBio }
	closes := func(i int) bool { return prose >= minProseBeforeEnd && p.proseAfter(i, rg.end) < prose }
	for i := rg.start; i < rg.end; i++ {
		if p.lines[i].blank() {
			continue
		}
		if r := p.labels[i].rule; r != nil {
			if r.ID == rules.IDCopyright && hasYear(p.lines[i].norm) && closes(i) && p.endBefore(rg, i) {
				return
			}
			continue
		}
		if prose >= minProseBeforeEnd {
			if r, _ := p.match(i, isBio); r != nil && closes(i) && !p.nextIsProse(i, rg.end) {
				rg.end = i
				return
			}
		}
		if p.lines[i].prose {
			prose++
		}
	}
}

// hasYear reports whether s holds a year of four digits (19xx or 20xx)
// standing alone.
func hasYear(s string) bool {
	for k := 0; k+4 <= len(s); k++ {
		if (s[k] == '1' && s[k+1] == '9' || s[k] == '2' && s[k+1] == '0') && isDigitByte(s[k+2]) && isDigitByte(s[k+3]) &&
			(k == 0 || !isDigitByte(s[k-1])) && (k+4 == len(s) || !isDigitByte(s[k+4])) {
			return true
		}
	}
	return false
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// proseAfter counts the unlabelled lines of prose in (i, end].
func (p dumpPage) proseAfter(i, end int) int {
	n := 0
	for j := i + 1; j <= end; j++ {
		if p.lines[j].prose && !p.labelled(j) {
			n++
		}
	}
	return n
}

// paragraphsAfter reports whether the prose in (i, end] reads as an
// article's paragraphs: most of its lines follow another line of prose
// (blank lines between), where a list of teasers puts a headline before
// each snippet.
func (p dumpPage) paragraphsAfter(i, end int) bool {
	n, runs := 0, 0
	prev, prevNorm := false, ""
	for j := i + 1; j <= end; j++ {
		l := &p.lines[j]
		if l.blank() || l.norm == prevNorm {
			continue // (a teaser's headline printed twice is one line)
		}
		prevNorm = l.norm
		text := l.prose && !p.labelled(j)
		if text {
			n++
			if prev {
				runs++
			}
		}
		prev = text
	}
	return n > 0 && runs*2 >= n
}

// nextIsProse reports whether the next non-blank line after i, up to
// end, is prose.
func (p dumpPage) nextIsProse(i, end int) bool {
	for j := i + 1; j <= end; j++ {
		if !p.lines[j].blank() {
			return p.lines[j].prose
		}
	}
	return false
}

// labelOutside removes what a dump holds outside the article region and
// that no rule, zone or thread took (the head window has had its chance:
// what the head rules left there is chrome too). Reads: dump, rg, labels,
// zones. Writes: labels.
func labelOutside(p *textPass) {
	if !p.dump {
		return
	}
	rg := p.rg
	r := p.set.Rule(rules.IDOutsideRegion)
	if r == nil {
		return
	}
	for i := range p.lines {
		if (i >= rg.start && i <= rg.end) || p.labelled(i) || p.lines[i].blank() || p.zoneAt(i) != nil {
			continue
		}
		p.labels[i] = label{rule: r}
	}
	labelRepeated(p)
}

// minRepeatedParagraph is the shortest prose line (in bytes) whose repeat
// is dropped: a short line ("Photo: AP", a refrain) may well recur.
const minRepeatedParagraph = 100

// labelRepeated drops, in a dump, the prose lines that repeat an earlier
// kept line word for word (site.repeated-paragraph): a page's hidden or
// printable copy of its article is printed by a text browser too.
func labelRepeated(p *textPass) {
	r := p.set.Rule(rules.IDRepeatedParagraph)
	if r == nil {
		return
	}
	seen := map[string]bool{}
	for i := range p.lines {
		l := &p.lines[i]
		if p.labelled(i) || !l.prose || l.para != 0 || len(l.norm) < minRepeatedParagraph {
			// (A line of a hard-wrapped paragraph is not the paragraph:
			// two records may share one.)
			continue
		}
		if seen[l.norm] {
			p.labels[i] = label{rule: r}
			continue
		}
		seen[l.norm] = true
	}
}

// cardBlocks marks the prose lines of teaser cards: blocks (runs of
// non-blank lines) of four lines or more where prose and headline-like
// lines (short, not ending a sentence) take turns, two of each at least.
// A dump prints a list of stories as snippet, headline, snippet,
// headline with no blank line between; an article's paragraphs are
// blocks of their own.
func (p dumpPage) cardBlocks() []cardKind {
	card := make([]cardKind, len(p.lines))
	gap := func(k int) bool { return p.lines[k].blank() || !hasLetter(p.lines[k].norm) }
	p.forEachBlock(gap, func(i, j int) {
		prose, heads, turns, long := 0, 0, 0, false
		for k := i; k < j; k++ {
			l := &p.lines[k]
			switch {
			case isBullet(l.norm) || p.tableRow(k):
				long = true // a list's items, or columns: not cards
			case l.prose:
				prose++
				long = long || l.words > 50
			case !l.terminal && l.para == 0 && l.words >= 2 && l.words <= 16:
				heads++
			}
			if k > i && l.prose != p.lines[k-1].prose {
				turns++
			}
		}
		// (Or a long block of headlines with a snippet here and there: a
		// list of stories, some of them with their first lines.)
		if (j-i >= 4 && prose >= 2 && heads >= 2 && turns*2 >= j-i || j-i >= 8 && prose >= 2 && heads*2 >= j-i && prose*3 <= j-i && p.storyList(i, j)) && !long {
			for k := i; k < j; k++ {
				if p.lines[k].prose {
					card[k] = blockCard
				}
			}
		}
	})
	p.spacedCards(card)
	p.teaserBullets(card)
	return card
}

// teaserBullets marks the bulleted lines that read as prose in a block of
// bullets that mostly do not: a list of stories, one of whose headlines
// ends with a full stop, is no paragraph of the article. A list the
// article sets out has items that read alike.
func (p dumpPage) teaserBullets(card []cardKind) {
	p.forEachBlock(p.blankAt, func(i, j int) {
		bullets, prose := 0, 0
		for k := i; k < j; k++ {
			if l := &p.lines[k]; isBullet(l.norm) {
				bullets++
				if l.prose {
					prose++
				}
			}
		}
		if bullets >= 4 && prose*3 < bullets {
			for k := i; k < j; k++ {
				if l := &p.lines[k]; isBullet(l.norm) && l.prose && card[k] == noCard {
					card[k] = blockCard
				}
			}
		}
	})
}

// storyList reports whether the block of lines [i, j) may be a list of
// stories: none of its lines goes on with a wrapped sentence (a long line
// that opens in lower case under a line that ends none: a directory's
// entries wrapped over two lines), and its lines do not open with one
// word a third of the time (see parallel).
func (p dumpPage) storyList(i, j int) bool {
	lines := make([]int, 0, j-i)
	for k := i; k < j; k++ {
		l := &p.lines[k]
		if k > i && l.words >= 6 && unicode.IsLower(firstRune(l.norm)) && !p.lines[k-1].terminal {
			return false
		}
		lines = append(lines, k)
	}
	return !p.parallel(lines)
}

// cardKind says whether a line is a teaser card's snippet, and of which
// kind of list (see cardBlocks).
type cardKind byte

const (
	noCard     cardKind = iota
	blockCard           // in a block of cards
	spacedCard          // in a list of cards a line a block
)

// minSpacedCards is how many snippet and headline pairs a list of cards
// printed one line a block holds.
const minSpacedCards = 4

// spacedCards marks the prose lines of teaser cards printed with a blank
// line between every line: a run of one-line blocks where a snippet
// (seventeen to fifty words, or prose) and a headline (five to sixteen
// words, ending no sentence) take turns, minSpacedCards of each at
// least. An article's subheadings are shorter than a headline, and its
// paragraphs longer than a snippet.
func (p dumpPage) spacedCards(card []cardKind) {
	kind := func(k int) byte {
		l := &p.lines[k]
		switch {
		case isListItem(l.norm) || l.para != 0:
			return 0
		case (l.prose || l.words > 16) && l.words <= 50:
			return 'p' // (a caption cut short is a snippet too)
		case !l.terminal && l.words >= 5:
			return 'h'
		}
		return 0
	}
	var run []int // the one-line blocks of the run, in order
	flush := func() {
		// The longest stretch of the run where the kinds take turns.
		for a := 0; a < len(run); {
			b := a + 1
			for b < len(run) && kind(run[b]) != kind(run[b-1]) {
				b++
			}
			if b-a >= 2*minSpacedCards && !p.parallel(run[a:b]) {
				for _, k := range run[a:b] {
					if kind(k) == 'p' && card[k] == noCard {
						card[k] = spacedCard
					}
				}
			}
			a = b
		}
		run = run[:0]
	}
	for i := 0; i < len(p.lines); i++ {
		if p.lines[i].blank() {
			continue
		}
		single := (i == 0 || p.lines[i-1].blank()) && (i+1 == len(p.lines) || p.lines[i+1].blank())
		if !single || kind(i) == 0 {
			flush()
			continue
		}
		run = append(run, i)
	}
	flush()
}

// parallel reports whether a third or more of lines open with one word
// ("Map 1: Oasis", "Map 2: Hollywood"; "Objective: …"): a list the
// article sets out, not stories.
func (p dumpPage) parallel(lines []int) bool {
	count := map[string]int{}
	for _, k := range lines {
		w, _, _ := strings.Cut(p.lines[k].norm, " ")
		w = strings.ToLower(strings.TrimRight(w, ":.,"))
		count[w]++
		if count[w]*3 >= len(lines) {
			return true
		}
	}
	return false
}

// codeBlocks marks the lines of blocks (runs of non-blank lines) that
// read as program code or a drawn table: at least a fifth of their
// lines look like code. A code listing's "FROM" and "GROUP BY" lines are
// as short as a menu's, but the block around them gives them away.
func (p dumpPage) codeBlocks() []bool {
	code := make([]bool, len(p.lines))
	p.forEachBlock(p.blankAt, func(i, j int) {
		n := 0
		for k := i; k < j; k++ {
			if !p.lines[k].prose && codeLike(p.lines[k].norm) {
				n++
			}
		}
		if n >= 2 && n*5 >= j-i {
			for k := i; k < j; k++ {
				code[k] = !p.lines[k].prose
			}
		}
	})
	return code
}

// codeLike reports whether a line reads as program code or a row of a
// drawn table: two or more of the characters code is made of (or one and
// a trailing comma or semicolon), or a box-drawing rule. Menus and
// footers have none of them.
func codeLike(s string) bool {
	n := 0
	if strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") {
		n++ // a statement or an argument list goes on
	}
	for _, r := range s {
		switch {
		case strings.ContainsRune("{}();=<>", r):
			n++
		case r >= 0x2500 && r <= 0x257F: // box drawing
			n += 2
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// tableRow reports whether line i has a column gap (three spaces or more
// after its indentation), as a dumped table row has.
func (p dumpPage) tableRow(i int) bool {
	return strings.Contains(strings.TrimLeft(p.text[p.lines[i].start:p.lines[i].end], " \t"), "   ")
}

// sameOpening reports whether lines i and j, neither a list item nor a
// table row, begin with the same n words and are not the same line (a
// repeated headline is not a caption).
func (p dumpPage) sameOpening(i, j, n int) bool {
	a, b := &p.lines[i], &p.lines[j]
	if a.words < n+2 || b.words < n+2 || a.norm == b.norm || isListItem(a.norm) || isListItem(b.norm) ||
		p.tableRow(i) || p.tableRow(j) {
		return false
	}
	pa, pb := firstWords(a.norm, n), firstWords(b.norm, n)
	return pa != "" && pa == pb
}

// creditedAgain reports whether line j, taken by a caption rule, is line
// i followed by a credit: an image's alt text, then its caption ("Declan
// Rice after the win." / "Declan Rice after the win. | Photo: Reuters").
func (p dumpPage) creditedAgain(i, j int) bool {
	a, b := p.lines[i].norm, p.lines[j].norm
	l := p.labels[j]
	return l.rule != nil && l.rule.Category == rules.Site && len(b) > len(a)+1 &&
		strings.HasPrefix(b, a) && b[len(a)] == ' '
}

// firstWords is the first n words of a normal line ("" if it has fewer).
func firstWords(norm string, n int) string {
	for i := 0; i < len(norm); i++ {
		if norm[i] == ' ' {
			if n--; n == 0 {
				return norm[:i]
			}
		}
	}
	return ""
}

// hasSentenceBreak reports whether s holds the end of one sentence and
// the start of another (". A", "? The").
func hasSentenceBreak(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			// The word before is in lowercase: not an abbreviation
			// ("Dr. Who", "Mrs. Smith", "U.S. Senate").
			if unicode.IsUpper(r) && lowerWordBefore(s, i) {
				return true
			}
		}
	}
	return false
}

// lowerWordBefore reports whether the word ending at s[i] is two or more
// lowercase ASCII letters.
func lowerWordBefore(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] != ' '; j-- {
		if s[j] < 'a' || s[j] > 'z' {
			return false
		}
		n++
	}
	return n >= 2
}

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool {
	return strings.ContainsFunc(s, unicode.IsLetter)
}
