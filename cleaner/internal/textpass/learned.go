package textpass

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnow-text/winnow/rules"
)

// Comment layouts no rule knows are learned from the page's own
// repetition: a platform prints the same header before every comment
// ("Posted by nolasad on 01/13/08 at 12:02PM", "Dave in the USA -
// (1/9/08 9:12)"), so short lines that say when and share one shape,
// three times or more and each followed by text, are the headers of a
// comment layout. chooseThread only takes such a layout after a line
// that opens the comments.

// maxHeaderWords is the most words a learned comment header has.
const maxHeaderWords = 12

// minLearnedHeaders is how often a shape recurs before it is a layout.
const minLearnedHeaders = 3

// minFramedHeaders is how often a shape recurs before it is a layout
// when lines naming the comments stand both above the first header and
// after the last ("Comments" … "Post a comment"): a thread of two.
const minFramedHeaders = 2

// learnHeaders returns the lines of every shape (headerShape) that recurs
// minFramedHeaders times or more, each followed by a comment's text, as
// headers of rule comments.header.repeated, with the author and the time
// read from the line (afterCommentsLine then asks minLearnedHeaders of a
// layout, or lines that name the comments around it). Besides a header on
// a line of its own (the name above or below a time alone), a header may
// open its comment's line (inlineHeader), be a name under a drawn rule
// (nameAfterRule) or sign the comment below it with a name and a place
// (placeSignature).
func (p *textPass) learnHeaders() []headerMatch {
	r := p.set.Rule(rules.IDRepeatedHeader)
	if r == nil {
		// (In HTML too: a platform that prints its comments as flat
		// runs of header and text blocks has no markup to tell them by.
		// chooseThread still wants a line that opens the comments.)
		return nil
	}
	byShape := map[string][]headerMatch{}
	var order []string
	var longs []headerMatch // headers over maxHeaderWords: see below
	add := func(h headerMatch) {
		if byShape[h.layout] == nil {
			order = append(order, h.layout)
		}
		byShape[h.layout] = append(byShape[h.layout], h)
	}
	for i := range p.lines {
		l := &p.lines[i]
		if h, ok := p.inlineHeader(i, r); ok {
			add(h)
			continue
		}
		if name, ok := p.nameAfterRule(i); ok {
			add(headerMatch{rule: r, layout: ruledLayout, start: i, n: 1, groups: rules.Groups{rules.FieldAuthor: name}})
			continue
		}
		if name, ok := p.placeSignature(i); ok && !p.html {
			// (In HTML the markup shows such a thread; a page of
			// readers' letters marked up as its article is the article.)
			add(headerMatch{rule: r, layout: placedLayout, start: i, n: 1, groups: rules.Groups{rules.FieldAuthor: name}})
			continue
		}
		if l.blank() || l.words > 2*maxHeaderWords || l.terminal || !hasDigit(l.norm) || !p.followedByText(i) && !p.signsText(i) {
			// (Every learned header has a number: a date, a time, "2
			// hours ago".)
			continue
		}
		pn := p.plainNorm(i)
		shape, g := p.headerShape(pn)
		if shape == "" || !slashDates(g[rules.FieldPosted]) {
			continue
		}
		if a := g[rules.FieldAuthor]; a != "" {
			if k := strings.Index(pn, a); k > 0 {
				pn = pn[k:] // (an avatar's "No commenter image" is not the line's)
			}
		}
		long := l.words > maxHeaderWords && rules.CountWords(pn) > maxHeaderWords-2
		if long && g[rules.FieldAuthor] == "" {
			continue
		}
		if p.mentionsComments(pn) {
			// A line that links to comments ("| permalink | comments
			// (3)") ends a blog's post, not a comment.
			continue
		}
		start, n := i, 1
		if g[rules.FieldAuthor] == "" {
			// A time alone: the name is the line above it ("Sabine K." over
			// "12.06.2024 um 18:20 Uhr"), or the comment names nobody
			// there (its author may sign below it).
			if at, name := p.nameAbove(i); at >= 0 {
				start, n = at, i-at+1
				g[rules.FieldAuthor] = name
				shape = "@ / " + shape
			} else if at, name := p.nameBelow(i); at >= 0 && p.saysClock(pn) {
				// (A date alone over a title is a blog's entry.)
				n = at - i + 1
				g[rules.FieldAuthor] = name
				shape += " / @"
			} else {
				if !p.proseNext(i) {
					// A date over a title is a blog's entry, not a
					// comment.
					continue
				}
				delete(g, rules.FieldAuthor)
				shape = anonymousLayout + shape
			}
		}
		h := headerMatch{rule: r, layout: shape, start: start, n: n, groups: g}
		if long {
			// A long name ("Politically-incorrect Man, Glasgow")
			// makes a long header: it joins a layout that shorter
			// headers make on their own (minLearnedHeaders), and
			// makes none.
			longs = append(longs, h)
			continue
		}
		if byShape[shape] == nil {
			order = append(order, shape)
		}
		byShape[shape] = append(byShape[shape], h)
	}
	var out []headerMatch
	for _, s := range order {
		hs := byShape[s]
		if len(hs) < minFramedHeaders {
			continue
		}
		joined := false
		for _, h := range longs {
			// (Only a layout of minLearnedHeaders short headers takes
			// them: they count towards none.)
			if h.layout == s && len(byShape[s]) >= minLearnedHeaders {
				hs, joined = append(hs, h), true
			}
		}
		if joined {
			slices.SortFunc(hs, func(a, b headerMatch) int { return a.start - b.start })
		}
		out = append(out, hs...)
	}
	return out
}

// ruledLayout is the shape of a learned header that is a name alone at
// the top of an entry set off by drawn rules.
const ruledLayout = "― / @"

// nameAfterRule reads line i as a commenter's name over the comment's
// text, in a thread whose comments are set off by drawn rules (a "<hr>"
// between them): a short line without a number that ends no sentence, a
// drawn rule (or the line that opens the comments) the last non-blank
// line above it, and text of three words or more right below it. Such
// headers say no time; chooseThread still wants a line that opens the
// comments above the first.
func (p *textPass) nameAfterRule(i int) (string, bool) {
	l := &p.lines[i]
	if l.blank() || l.words > 4 || l.terminal || i+1 >= len(p.lines) || p.lines[i+1].words < 3 || hasDigit(l.norm) ||
		!strings.ContainsFunc(l.norm, unicode.IsLetter) || strings.ContainsAny(l.norm, ":|") || p.mentionsComments(l.norm) {
		// (A nickname may hold a stopword: "puddin and pie".)
		return "", false
	}
	for j := i - 1; j >= 0; j-- {
		if a := &p.lines[j]; !a.blank() {
			// The first comment follows the line that opens them, a
			// heading ("Comments are now closed for this story"), not a
			// post's footer that counts them ("Posted by Ann on … Comments: 0").
			if j < i-1 && ruleLine(a.norm) || a.words <= 8 && !hasDigit(a.norm) && p.mentionsComments(a.norm) {
				return l.norm, true
			}
			return "", false
		}
	}
	return "", false
}

// placedLayout is the shape of a learned header that signs the comment
// above it with a name and a place ("sabrina ryan, London, England").
const placedLayout = "@, place"

// placeSignature reads line i as a signature under a comment, as
// newspapers print readers' views: a name, a comma and a place, two to
// eight words without a number that end no sentence, under a line of the
// comment's text and over a blank line; a dash may lead it ("- Louise,
// Lancaster").
func (p *textPass) placeSignature(i int) (string, bool) {
	l := &p.lines[i]
	if l.blank() {
		return "", false
	}
	norm := signatureDash(l.norm)
	if l.words < 2 || l.words > 8 || hasDigit(norm) || !strings.Contains(norm, ",") ||
		strings.ContainsAny(norm, ":|") || strings.ContainsAny(norm[len(norm)-1:], ".!?") || isBullet(norm) {
		return "", false
	}
	if i+1 < len(p.lines) && !p.lines[i+1].blank() {
		return "", false
	}
	above := i - 1
	for above >= 0 && p.lines[above].blank() {
		above--
	}
	if above < 0 || p.lines[above].words < 3 || p.mentionsComments(p.lines[above].norm) {
		return "", false
	}
	name, place, _ := strings.Cut(norm, ",")
	name = strings.TrimSpace(name)
	if name == "" || !p.nameLike(name) || p.mentionsComments(norm) {
		return "", false
	}
	for _, part := range strings.Split(place, ",") {
		if rules.CountWords(part) > 4 {
			return "", false // a sentence after the comma, not a place ("Forget burnout, boreout is the new office disease")
		}
	}
	return name, true
}

// signatureDash is s without the dash that leads a signature ("- Ann,
// Leeds", "— Ann, Leeds", "-- Ann"), or s.
func signatureDash(s string) string {
	for _, d := range []string{"-- ", "- ", "– ", "— "} {
		if rest, ok := strings.CutPrefix(s, d); ok {
			return rest
		}
	}
	return s
}

// inlineLayout starts the shape of a learned header that the comment's
// text follows on the same line.
const inlineLayout = "inline / "

// inlineHeader reads line i as a comment header followed on the same line
// by the comment's text, as a list of comments prints them ("• Ann,
// Leeds 1/8/2008 5:49 PM Thanks to …"): a name, then a run of date and
// time words within the line's first maxHeaderWords words, then three
// words or more.
func (p *textPass) inlineHeader(i int, r *rules.Rule) (headerMatch, bool) {
	l := &p.lines[i]
	if l.blank() || l.words < 6 {
		return headerMatch{}, false
	}
	if !isBullet(l.norm) && i > 0 && !p.lines[i-1].blank() {
		// An entry starts a list item or a paragraph; a wrapped
		// sentence's next line ("at 3:24 p.m. in Room 180") does not.
		return headerMatch{}, false
	}
	pn := p.plainNorm(i)
	if !earlyNumber(pn) {
		// (Most lines: the whole line is split only when it may hold an
		// entry.)
		return headerMatch{}, false
	}
	toks := strings.Fields(pn)
	first := -1
	for k := 1; k < len(toks) && k < maxHeaderWords; k++ {
		if startsWithDigit(toks[k]) {
			first = k
			break
		}
	}
	if first < 0 {
		return headerMatch{}, false
	}
	end := first
	for end < len(toks) && (startsWithDigit(toks[end]) || p.timeWord(toks[end]) || p.relativeTime(toks, end) || timeZone(toks[end])) {
		end++
	}
	if len(toks)-end < 3 {
		return headerMatch{}, false
	}
	// Everything before the time is the commenter: a name, maybe a place
	// or a nickname after it ("Nelson (new joe cole), Lagos Nigeria").
	shape, g := p.headerShape(strings.Join(toks[first:end], " "))
	author := strings.Trim(strings.Join(toks[:first], " "), ",;:-|•*·")
	if name, _, ok := strings.Cut(author, ","); ok {
		author = name
	}
	author = strings.TrimSpace(p.cutBylinePrefix(author))
	if shape == "" || author == "" || first > 8 || !strings.ContainsFunc(author, unicode.IsLetter) || !p.nameLike(author) {
		return headerMatch{}, false
	}
	g[rules.FieldAuthor] = author
	return headerMatch{rule: r, layout: inlineLayout + shape, start: i, n: 1, groups: g, text: strings.Join(toks[end:], " ")}, true
}

// nameLike reports whether s may be a commenter's name (a handle in lower
// case too, which LooksLikeName, made for bylines, refuses): four words at
// most, none of them a stopword or a number ("The Annuals", "funded in"
// and "2. Accepted the" are a title's and a sentence's words).
func (p *textPass) nameLike(s string) bool {
	toks := strings.Fields(s)
	if len(toks) > 4 {
		return false
	}
	for _, t := range toks {
		if startsWithDigit(t) || p.isStopword(strings.Trim(t, ".,:;()")) || p.timeWord(t) {
			return false
		}
	}
	return true
}

// afterCommentsLine drops the headers of a learned layout before the
// first one that a line naming the comments stands just above; fewer
// than minLearnedHeaders left are no layout, unless a line naming the
// comments (a form's "Post a comment") also follows the last.
func (p *textPass) afterCommentsLine(hs []headerMatch, markers []int) []headerMatch {
	// Headers that name nobody (a date or a time alone) look like a blog's
	// or a live blog's entries: they need a line that counts the comments
	// ("5 comments so far…").
	anonymous := strings.HasPrefix(hs[0].layout, anonymousLayout)
	if hs[0].layout == placedLayout && p.proseWordsBefore(hs[0].start) < minArticleWords {
		// Readers' views signed with a place under a few lines of
		// introduction are the page's content ("Your views").
		return nil
	}
	for k, h := range hs {
		if p.namesComments(h.start, anonymous, markers) || k == 0 && !anonymous && (p.openedAbove(h.start, markers) || p.widgetBelow(h)) {
			switch last := hs[len(hs)-1]; {
			case len(hs)-k >= minLearnedHeaders:
			case len(hs)-k >= minFramedHeaders && !anonymous && (p.commentsLineAfter(last.start+last.n, markers) || p.countedAbove(h.start, len(hs)-k, markers)):
			default:
				return nil
			}
			return hs[k:]
		}
	}
	// A thread whose headers follow the comments ("Posted by: Ann |
	// Jan 10, 2008") may have no heading; the comment form after it
	// ("Post a comment") names it.
	if last := hs[len(hs)-1]; !anonymous && len(hs) >= minLearnedHeaders && p.commentsLineAfter(last.start+last.n, markers) {
		return hs
	}
	return nil
}

// countedAbove reports whether one of the three lines above line i
// (one of markers) declares at least want comments ("8 comments" over
// two readers' comments, the rest behind a "Load more"): a count frames
// a thread as a closing comment form would.
func (p *textPass) countedAbove(i, want int, markers []int) bool {
	starts := func(r *rules.Rule) bool { return r.Action == rules.StartThread }
	for j, seen := i-1, 0; j >= 0 && seen < 3; j-- {
		if p.lines[j].blank() {
			continue
		}
		seen++
		if !slices.Contains(markers, j) {
			continue
		}
		if _, g := p.match(j, starts); g != nil {
			if n, ok := ParseCount(p.set, g[rules.FieldCommentCount]); ok && n >= want {
				return true
			}
		}
	}
	return false
}

// widgetBelow reports whether the line right under header h is a
// comment's own button ("Report this comment", "Reply to comment"): a
// short line that names the comments and holds no number (a post's
// footer counts them, "Comments (3)").
func (p *textPass) widgetBelow(h headerMatch) bool {
	for j := h.start + h.n; j < len(p.lines) && j <= h.start+h.n+1; j++ {
		l := &p.lines[j]
		if l.blank() {
			continue
		}
		return l.words <= maxWidgetWords && !hasDigit(l.norm) && p.mentionsComments(l.norm)
	}
	return false
}

// maxWidgetWords is the most words of a comment's button line.
const maxWidgetWords = 5

// maxSignedText is how many lines of a comment's text may stand between
// the line that opens the comments and the header that signs it.
const maxSignedText = 40

// openedAbove reports whether a line that opens the comments (one of
// markers) stands above line i with only a comment's text between them,
// no blank line twice in a row: the first header of a thread that signs
// its comments below them ("… text … / Posted by Ann on …").
func (p *textPass) openedAbove(i int, markers []int) bool {
	blanks := 0
	for j := i - 1; j >= 0 && j >= i-maxSignedText; j-- {
		if p.lines[j].blank() {
			if blanks++; blanks > 1 {
				return false
			}
			continue
		}
		blanks = 0
		if slices.Contains(markers, j) || p.headsComments(j) {
			return true
		}
	}
	return false
}

// headsComments reports whether line i is a heading over the comments
// that no rule knows ("Comment viewing options", "Reader comments"): a
// short line without a number whose first or second word is a comment
// word. A headline with a link to its comments ("Summer fixes [
// Comment ]") names them last.
func (p *textPass) headsComments(i int) bool {
	return p.headsCommentsText(p.lines[i].norm)
}

// headsCommentsText is headsComments on a line's text.
func (p *textPass) headsCommentsText(norm string) bool {
	return rules.CountWords(norm) <= maxWidgetWords && !hasDigit(norm) && p.commentWordIn(norm, 2)
}

// linksComments reports whether a line is a headline with a link to its
// comments in brackets at its end ("Pier repairs finish early [ 4
// Comments ]", "Regatta results (2 comments)"): a list of posts, not a
// line over a thread.
func (p *textPass) linksComments(norm string) bool {
	t := strings.TrimRightFunc(norm, unicode.IsSpace)
	if !strings.HasSuffix(t, "]") && !strings.HasSuffix(t, ")") {
		return false
	}
	k := strings.LastIndexAny(t, "[(")
	return k > 0 && rules.CountWords(t[:k]) >= 2 && p.mentionsComments(t[k:])
}

// dropPlaceholders drops the bracketed placeholders a dump prints for
// images in front of a line's text ("[tback] Post comment").
func dropPlaceholders(s string) string {
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if !strings.HasPrefix(s, "[") {
			return s
		}
		k := strings.IndexByte(s, ']')
		if k < 0 {
			return s
		}
		s = s[k+1:]
	}
}

// minArticleWords is how many words of prose an article has above a
// thread of readers' views signed with a place.
const minArticleWords = 150

// proseWordsBefore counts the words of the prose lines from the start of
// the article to line i.
func (p *textPass) proseWordsBefore(i int) int {
	n := 0
	for j := max(p.first, 0); j < i; j++ {
		if l := &p.lines[j]; l.prose {
			n += l.words
		}
	}
	return n
}

// commentsLineAfter reports whether a short line naming the comments, or
// one of markers (lines a rule reads as opening the comments: "Have your
// say"), comes within a dozen non-blank lines after line i.
func (p *textPass) commentsLineAfter(i int, markers []int) bool {
	for j, seen := i, 0; j < len(p.lines) && seen < 12; j++ {
		if p.lines[j].blank() {
			continue
		}
		seen++
		if p.lines[j].words <= maxHeaderWords && p.mentionsComments(p.lines[j].norm) || slices.Contains(markers, j) {
			return true
		}
	}
	return false
}

// followedByText reports whether a comment's text follows line i: within
// the next three lines, a line of three words or more that is no header
// itself (a list of dated entries is no thread).
func (p *textPass) followedByText(i int) bool {
	for j, seen := i+1, 0; j < len(p.lines) && seen < 3; j++ {
		if p.lines[j].blank() {
			continue
		}
		seen++
		if l := &p.lines[j]; l.words >= 3 {
			if l.words > maxHeaderWords || !hasDigit(l.norm) {
				return true
			}
			if shape, _ := p.headerShape(p.plainNorm(j)); shape == "" {
				return true
			}
		}
	}
	return false
}

// signsText reports whether line i may sign the comment above it ("…
// text … / TonyZ (6 days ago) / reply"): the nearest non-blank line
// above is text of three words or more that is no header itself, and no
// text follows before the next blank line.
func (p *textPass) signsText(i int) bool {
	j := i - 1
	for j >= 0 && p.lines[j].blank() {
		j--
	}
	if j < 0 || i-j > 2 {
		return false
	}
	if l := &p.lines[j]; l.words < 3 || l.words <= maxHeaderWords && hasDigit(l.norm) {
		return false
	}
	for k := i + 1; k < len(p.lines) && !p.lines[k].blank(); k++ {
		if p.lines[k].words >= 3 {
			return false
		}
	}
	return true
}

// headerShape is the shape of a line that may be a comment header, and
// the author and time read from it; "" when the line says no time or
// names nobody. In the shape, a run of numbers, months and weekdays is
// "#", a run of other words that are not stopwords is "*", stopwords and
// punctuation stay: "Posted by Ann on 01/13/08 at 12:02PM" and "Posted by
// Bob on 01/14/08 at 9:10AM" are both "* by * on # at #". The author is
// the run of words just before the time (or just after it), the time
// runs from the time's first token to the end.
func (p *textPass) headerShape(norm string) (string, rules.Groups) {
	// An edit note set off in the header ("· edited 3 hours ago") is no
	// part of its shape,
	// and neither are its buttons ("| Link to this").
	edited := ""
	for parts := timeSeparator.Split(norm, -1); len(parts) > 1; parts = parts[:len(parts)-1] {
		last := parts[len(parts)-1]
		if e := p.editedIn(last); e != "" {
			edited = e
		} else if !p.set.HasWord(rules.WordsCommentActions, strings.ToLower(strings.TrimSpace(last))) {
			break
		}
		norm = strings.TrimRight(norm[:len(norm)-len(last)], " ·•|")
	}
	toks := strings.Fields(norm)
	for n := len(toks); n > 1 && len(toks[n-1]) > 2 && toks[n-1][0] == '[' && toks[n-1][len(toks[n-1])-1] == ']'; n-- {
		// A link a dump prints in brackets after the name ("Ann
		// [URL]") is a button, no part of the name.
		toks = toks[:n-1]
	}
	kinds := make([]byte, len(toks))
	firstTime, hasClock, hasNumber := -1, false, false
	for k, t := range toks {
		switch {
		case p.relativeTime(toks, k):
			// "2 hours ago": the number and its unit.
			kinds[k] = '#'
			hasClock = true
		case startsWithDigit(t):
			// A number, a date or a clock ("12:02PM", "1st"); a handle
			// with digits ("pgod17") is a name.
			kinds[k] = '#'
			hasNumber = true
			hasClock = hasClock || strings.ContainsAny(t, ":/") || strings.Count(t, ".") == 2
		case p.timeWord(t) && (len(strings.Trim(t, ".,()[]")) > 1 || k > 0 && kinds[k-1] == '#'),
			k > 0 && kinds[k-1] == '#' && timeZone(t):
			// (A zone after a clock is the time's: "00:14 GMT"; so is a
			// unit letter after a number, "3 h", but "Barak H" is a
			// name.)
			kinds[k] = '#'
		case commentNumber(t):
			// "#12": the comment's place in the thread, one shape for
			// every comment.
			kinds[k] = 'n'
		case k+2 < len(toks) && startsWithDigit(toks[k+1]) && p.relativeTime(toks, k+2) && p.isStopword(strings.ToLower(strings.Trim(t, ".,:;()"))):
			// The word that leads a relative time is the time's: "vor 2
			// Stunden", "hace 3 horas".
			kinds[k] = '#'
		case !strings.ContainsFunc(t, unicode.IsLetter):
			kinds[k] = 'p'
		case unicode.IsLower(firstRune(t)) && p.isStopword(strings.Trim(t, ".,:;()")),
			capitalStopword(t, p.isStopword):
			// (A capital "A" is an initial: "Colin A"; a header in
			// capitals has its "BY" and "AT".)
			kinds[k] = 's'
		case k == 0 && len(toks) > 1 && startsWithDigit(toks[1]) && p.isStopword(strings.ToLower(t)):
			// The word in front of a date, part of the time: "Le 3 mai",
			// "Am 12.06.2024".
			kinds[k] = '#'
		default:
			kinds[k] = '*'
		}
		if kinds[k] == '#' && firstTime < 0 {
			firstTime = k
		}
	}
	if firstTime < 0 || !hasNumber || !hasClock && !p.hasMonth(toks) {
		return "", nil
	}
	// The author: the last run of words before the time, else the first
	// after it.
	end := firstTime
	for end > 0 && kinds[end-1] != '*' {
		end--
	}
	start := end
	for start > 0 && kinds[start-1] == '*' {
		start--
	}
	if start == end {
		for start = firstTime; start < len(toks) && kinds[start] != '*'; start++ {
		}
		for end = start; end < len(toks) && kinds[end] == '*'; end++ {
		}
	}
	if start == end && !timeOnly(kinds) || end-start > 4 || start < end && strings.ContainsAny(toks[start], "([/") {
		return "", nil
	}
	// What stands before "by NAME" (an avatar's alt text: "Image of
	// ann", "No commenter image uploaded") is no part of the shape.
	from := 0
	if start >= 2 && start < firstTime && kinds[start-1] == 's' {
		from = start - 1
	}
	var b strings.Builder
	for k, t := range toks {
		if k < from {
			continue
		}
		c := kinds[k]
		if k > 0 && (c == '#' || c == '*') && kinds[k-1] == c {
			continue // a run is one token
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch c {
		case '#', '*':
			b.WriteByte(c)
		case 'n':
			b.WriteString("#n")
		default:
			b.WriteString(strings.ToLower(t))
		}
	}
	if start >= 2 && start < firstTime && kinds[start-2] == '*' && (kinds[start-1] == 's' || kinds[start-1] == 'p') &&
		p.set.HasWord(rules.WordsPlaceJoiners, strings.ToLower(toks[start-1])) {
		// "Ann Hale of Leeds 7:57am", "Barak H - Israel (12/19/2007
		// 16:36)": the run before the time is the place; the name
		// stands before its joiner.
		end = start - 1
		for start = end; start > 0 && kinds[start-1] == '*'; start-- {
		}
	}
	author := strings.Trim(strings.Join(toks[start:end], " "), ",;:-|")
	if name, _, ok := strings.Cut(author, ","); ok {
		author = name // "Ann Smith, Stannery Bridge": a name, then a place
	}
	author = p.cutBylinePrefix(author)
	posted := toks[firstTime:]
	if start > firstTime {
		// "#1 — January 7, 2008 @ 13:00PM — Ann": the time ends where
		// the name after it starts.
		posted = toks[firstTime:start]
	} else {
		// "Ann on January 9, 2024 at 4:15 pm said:": the time ends at
		// its last number or time word.
		last := len(toks) - 1
		for last > firstTime && kinds[last] != '#' {
			last--
		}
		posted = toks[firstTime : last+1]
	}
	g := rules.Groups{rules.FieldAuthor: author, rules.FieldPosted: strings.Trim(strings.Join(posted, " "), "()[]—–-|,; ")}
	p.splitPosted(g)
	if edited != "" {
		g[rules.FieldEdited] = edited
	}
	return b.String(), g
}

// commentNumber reports whether t is a comment's number in its thread:
// "#12", "#12.", "#12:".
func commentNumber(t string) bool {
	t = strings.TrimRight(t, ".:)")
	if len(t) < 2 || t[0] != '#' {
		return false
	}
	for _, c := range t[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// afterBylinePrefix returns what follows a byline's prefix and a space at
// the start of s, in any case ("By Ann" gives "Ann"), and whether s opens
// with one.
func (p *textPass) afterBylinePrefix(s string) (string, bool) {
	for _, pre := range p.set.Words(rules.WordsBylinePrefixes) {
		if n := len(pre); len(s) > n+1 && s[n] == ' ' && strings.EqualFold(s[:n], pre) {
			if rest := strings.TrimSpace(s[n+1:]); rest != "" {
				return rest, true
			}
		}
	}
	return "", false
}

// cutBylinePrefix drops a byline's prefix from the front of a name
// ("Posted By: Ann", "Written by Ann"), in any case; a one-word prefix
// needs its colon ("Di Maria" is a name).
func (p *textPass) cutBylinePrefix(name string) string {
	for _, pre := range p.set.Words(rules.WordsBylinePrefixes) {
		if len(name) <= len(pre)+1 || !strings.EqualFold(name[:len(pre)], pre) {
			continue
		}
		// A one-word prefix and a space only when the word is no name
		// particle ("By Anonymous", not "Di Maria").
		rest := name[len(pre):]
		if rest[0] == ':' || rest[0] == ' ' && (strings.Contains(pre, " ") || !p.nameParticle(pre)) {
			if rest = strings.TrimLeft(rest, ": "); strings.ContainsFunc(rest, unicode.IsLetter) {
				return rest
			}
		}
	}
	return name
}

// nameParticle reports whether w is a particle of names ("van", "di").
func (p *textPass) nameParticle(w string) bool {
	return slices.ContainsFunc(p.set.Words(rules.WordsNameParticles), func(x string) bool { return strings.EqualFold(x, w) })
}

// splitPosted cuts a learned header's time into its parts when separators
// set them apart ("212 points · 6 hours ago · edited 3 hours ago"): the
// first part that says a time is when it was posted, a part an edit rule
// reads is when it was edited, and counts are left out.
func (p *textPass) splitPosted(g rules.Groups) {
	parts := timeSeparator.Split(g[rules.FieldPosted], -1)
	if len(parts) < 2 {
		return
	}
	posted := ""
	for _, part := range parts {
		if e := p.editedIn(part); e != "" {
			g[rules.FieldEdited] = e
			continue
		}
		if posted == "" && p.saysTime(part) {
			posted = part
		}
	}
	if posted != "" {
		g[rules.FieldPosted] = posted
	}
}

// timeSeparator splits the parts of a comment header.
var timeSeparator = regexp.MustCompile(` [·•|] `)

// saysTime reports whether s says a time: a relative time, a month, or a
// clock or a written date.
func (p *textPass) saysTime(s string) bool {
	toks := strings.Fields(s)
	for k, t := range toks {
		if p.relativeTime(toks, k) || p.timeWord(t) && !startsWithDigit(t) || strings.ContainsAny(t, ":/") && hasDigit(t) || strings.Count(t, ".") == 2 && hasDigit(t) {
			return true
		}
	}
	return false
}

// slashDates reports whether every number of s written with slashes
// reads as a date: two or three parts, no more than one of them longer
// than two digits ("12/19/2007", "01/18/08", "9/11"), not a phone number
// ("217/244-7732").
func slashDates(s string) bool {
	for _, t := range strings.Fields(s) {
		if !strings.Contains(t, "/") || !hasDigit(t) {
			continue
		}
		parts := strings.FieldsFunc(strings.Trim(t, ".,;()[]"), func(r rune) bool { return r == '/' || r == '-' || r == '.' })
		long := 0
		for _, part := range parts {
			if len(part) > 2 {
				long++
			}
		}
		if len(parts) < 2 || len(parts) > 3 || long > 1 {
			return false
		}
	}
	return true
}

// saysClock reports whether s says a time of day or a relative time
// ("12:10pm", "5 PM", "2 hours ago"), not only a date.
func (p *textPass) saysClock(s string) bool {
	toks := strings.Fields(s)
	for k, t := range toks {
		w := strings.ToLower(strings.Trim(t, ".,()[]"))
		// (A word that ends a time after a number: "5 PM", "18 Uhr"; the
		// pack's time_ends.)
		if p.relativeTime(toks, k) || strings.Contains(t, ":") && hasDigit(t) ||
			k > 0 && startsWithDigit(toks[k-1]) && !startsWithDigit(t) && p.set.HasWord(rules.WordsTimeEnds, w) {
			return true
		}
	}
	return false
}

// editedIn returns when an edit note ("edited 3 hours ago") says the
// comment was edited, by the packs' thread rules that read "edited".
func (p *textPass) editedIn(s string) string {
	for _, r := range p.set.OfKind(rules.KindLine) {
		if r.Scope != rules.Thread || r.Category != rules.Comments {
			continue
		}
		if g, ok := r.Match(s); ok && g[rules.FieldEdited] != "" {
			return g[rules.FieldEdited]
		}
	}
	return ""
}

// plainNorm is line i with its spaces normalised and nothing else: a
// handle keeps its underscores ("moss_and_static").
func (p *textPass) plainNorm(i int) string {
	l := &p.lines[i]
	if !strings.Contains(l.norm, " ") || !strings.Contains(p.text[l.start:l.end], "_") {
		return l.norm
	}
	return rules.Normalize(p.text[l.start:l.end])
}

// proseNext reports whether the next non-blank line after line i is a
// sentence, not a heading: a comment's text, not an entry's title.
func (p *textPass) proseNext(i int) bool {
	for j := i + 1; j < len(p.lines); j++ {
		if l := &p.lines[j]; !l.blank() {
			return l.terminal && l.words >= 8 || l.words > maxHeaderWords
		}
	}
	return false
}

// timeOnly reports whether a line's tokens say a time and nothing else
// (numbers, time words, stopwords and punctuation).
func timeOnly(kinds []byte) bool {
	for _, c := range kinds {
		if c == '*' {
			return false
		}
	}
	return true
}

// nameAbove returns the line above line i that names the commenter of
// the time at line i, and the name, or -1: the line right above, when it
// is short (four words at most), ends no sentence and says no time ("Sabine
// K." over "12.06.2024 um 18:20 Uhr"), or a byline ("By DUMAS") right
// above or a blank line higher.
func (p *textPass) nameAbove(i int) (int, string) {
	j := i - 1
	if j >= 0 && p.lines[j].blank() {
		j--
	}
	if j < 0 || p.lines[j].blank() {
		return -1, ""
	}
	l := &p.lines[j]
	if rest, ok := p.afterBylinePrefix(l.norm); ok && l.words <= 5 {
		return j, rest
	}
	if j == i-1 && l.words <= 4 && strings.ContainsFunc(l.norm, unicode.IsLetter) && (!l.terminal || endsWithInitial(l.norm)) &&
		!strings.ContainsAny(l.norm, ":|") && !p.mentionsComments(l.norm) {
		return j, l.norm
	}
	return -1, ""
}

// nameBelow returns the line below the time at line i that names its
// commenter, and the name, or -1: the next non-blank line, right below or
// after one blank line, short once a list number, a byline's prefix and a
// closing "said:" are set aside ("12:10pm on 16th Jan, 2008" over "1. By
// Ann"), saying no time, and followed by the comment's text.
func (p *textPass) nameBelow(i int) (int, string) {
	j := i + 1
	if j < len(p.lines) && p.lines[j].blank() {
		j++
	}
	if j >= len(p.lines) || p.lines[j].blank() {
		return -1, ""
	}
	l := &p.lines[j]
	if l.words > 6 || strings.ContainsAny(l.norm, "|") || p.mentionsComments(l.norm) || !p.followedByText(j) {
		return -1, ""
	}
	name := l.norm
	if k := strings.IndexByte(name, ' '); k > 0 && startsWithDigit(name) && strings.ContainsAny(name[k-1:k], ".):") {
		name = name[k+1:] // "1. By Ann"
	}
	if strings.HasSuffix(name, ":") {
		// "Ann said:"
		name = strings.TrimSuffix(name, ":")
		if k := strings.LastIndexByte(name, ' '); k > 0 && p.set.HasWord(rules.WordsReported, strings.ToLower(name[k+1:])) {
			name = name[:k]
		}
	}
	if rest, ok := p.afterBylinePrefix(name); ok {
		name = rest
	}
	if !strings.ContainsFunc(name, unicode.IsLetter) || !p.nameLike(name) || strings.ContainsAny(name[len(name)-1:], ".!?:") {
		return -1, ""
	}
	return j, name
}

// endsWithInitial reports whether s ends with an initial ("Sabine K.").
func endsWithInitial(s string) bool {
	last := s[strings.LastIndexByte(s, ' ')+1:]
	r := []rune(last)
	return len(r) == 2 && unicode.IsUpper(r[0]) && r[1] == '.'
}

// earlyNumber reports whether one of the words of s after its first and
// before word maxHeaderWords starts with a digit (startsWithDigit): where
// an inline header's time stands.
func earlyNumber(s string) bool {
	k := 0 // the word at s[i:], as strings.Fields counts them
	for i := 0; i < len(s) && k < maxHeaderWords; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if k > 0 && startsWithDigit(s[i:]) {
			return true
		}
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += size
		}
		k++
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func startsWithDigit(t string) bool {
	t = strings.TrimLeft(t, "([")
	return t != "" && t[0] >= '0' && t[0] <= '9'
}

// relativeTime reports whether toks[k] is a relative time's unit after a
// number ("2 hours ago", "vor 3 Tagen"): the packs' time_units.
func (p *textPass) relativeTime(toks []string, k int) bool {
	return k > 0 && startsWithDigit(toks[k-1]) && p.set.HasWord(rules.WordsTimeUnits, strings.ToLower(strings.Trim(toks[k], ".,")))
}

// timeWord reports whether a token is a word of a date or a time: a
// month's or a weekday's name, or a word that ends a time ("pm", "Uhr",
// "ago": the packs' time_ends).
func (p *textPass) timeWord(t string) bool {
	return timeWord(p.set, strings.ToLower(strings.Trim(t, ".,()[]")))
}

// timeWord is textPass.timeWord on a word already trimmed and lowered.
func timeWord(set *rules.Set, w string) bool {
	return set.Month(w) > 0 || set.IsWeekday(w) || set.HasWord(rules.WordsTimeEnds, w)
}

// hasMonth reports whether one of toks is a month's name.
func (p *textPass) hasMonth(toks []string) bool {
	for _, t := range toks {
		if p.set.Month(strings.ToLower(strings.Trim(t, ".,()[]"))) > 0 {
			return true
		}
	}
	return false
}

// anonymousLayout starts the shape of a learned header that names nobody.
const anonymousLayout = "- / "

// namesComments reports whether one of the three non-blank lines above
// line i names comments ("COMMENTS (14)Post a comment", "Reader
// responses"): a word of the packs' comment words; counted, a short line
// with a number ("5 comments so far…").
func (p *textPass) namesComments(i int, counted bool, markers []int) bool {
	for j, seen := i-1, 0; j >= 0 && seen < 3; j-- {
		l := &p.lines[j]
		if l.blank() || l.words <= 2 && (hasDigit(l.norm) || !strings.ContainsFunc(l.norm, unicode.IsLetter)) && !p.mentionsComments(l.norm) {
			continue // a number, a date's piece, a list marker
		}
		seen++
		if !counted && slices.Contains(markers, j) {
			return true // a line a rule reads as opening the comments ("Have your say")
		}
		// A heading or a notice names the comments; a sentence of a post
		// that says "comments", or a post's footer that links to them
		// ("Permalink | Comments (3)"), does not open them.
		if l.words <= maxHeaderWords && !strings.Contains(l.norm, " | ") && p.mentionsComments(l.norm) && !p.linksComments(l.norm) && (!counted || hasDigit(l.norm) && l.words <= 6) {
			return true
		}
		if first, _, ok := strings.Cut(l.norm, " | "); ok && !counted && p.headsCommentsText(dropPlaceholders(first)) {
			// A bar of the thread's links that opens with one to comment
			// ("Post comment | Terms | Report Abuse"), not a post's
			// footer that ends with its comments' ("Permalink |
			// Comments (3)").
			return true
		}
		if l.words >= 5 && isHeadline(l) && unicode.IsUpper(firstRune(l.norm)) {
			return false // a headline: the comments line above it was the last story's
		}
	}
	return false
}

// mentionsComments reports whether a line holds one of the packs' comment
// words.
func (p *textPass) mentionsComments(norm string) bool {
	return p.commentWordIn(norm, len(norm))
}

// commentWordIn reports whether one of the first n words of norm is one
// of the packs' comment words.
func (p *textPass) commentWordIn(norm string, n int) bool {
	found, k := false, 0
	var buf []byte
	forEachWord(norm, func(w string) bool {
		buf = appendLower(buf[:0], w)
		found = p.set.HasWord(rules.WordsComment, string(buf))
		k++
		return !found && k < n
	})
	return found
}

// timeZone reports whether t is written like a time zone: two to five
// capital letters, maybe in brackets and with an offset ("GMT", "(EST)",
// "UTC+2").
func timeZone(t string) bool {
	t = strings.Trim(t, "()[],.")
	if i := strings.IndexAny(t, "+-"); i > 0 {
		t = t[:i]
	}
	if len(t) < 2 || len(t) > 5 {
		return false
	}
	for _, c := range t {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// capitalStopword reports whether t is a stopword written in capitals
// ("BY", "AT" in "No image BY ANN AT 05:30 PM"); one letter ("A") is an
// initial.
func capitalStopword(t string, isStopword func(string) bool) bool {
	t = strings.Trim(t, ".,:;()")
	return len(t) > 1 && strings.ToUpper(t) == t && isStopword(strings.ToLower(t))
}
