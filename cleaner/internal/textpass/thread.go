package textpass

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnow-text/winnow/cleaner/internal/doc"

	"github.com/winnow-text/winnow/rules"
)

// threadReader reads the comment thread: which layout it is, its
// comments, and what follows the last one.
type threadReader struct{ *textPass }

// headerMatch is one comment header: n lines from start, matched by rule
// (for a layout learned from the page, layout is its shape).
type headerMatch struct {
	rule   *rules.Rule
	layout string
	start  int
	n      int
	groups rules.Groups
	text   string // the comment's first words, on the header's own line (an inline header)
}

// thread is the comment thread of a document: the headers of the layout
// that matched most often.
type thread struct {
	headers     []headerMatch
	firstHeader int
	end         int // where the last comment ends (set by parseThread)
}

// findHeaders tries every comment_header rule where its keywords occur
// (on the rule's anchor line) and keeps the matches in line order. A
// line may start headers of several layouts; chooseThread picks one.
// Reads: lines, keyword candidates. Writes: headers.
func findHeaders(p *textPass) {
	var out []headerMatch
	all := p.set.Rules()
	seen := map[[2]int]bool{}
	if p.headerMemo == nil {
		p.headerMemo = rules.HeaderMemo{}
	}
	try := func(r *rules.Rule, anchorLine int) {
		if l := &p.lines[anchorLine]; !r.CheckCounted(l.norm, l.words, l.terminal) {
			return
		}
		start := anchorLine - r.Anchor
		if start < 0 || seen[[2]int{r.Index(), start}] {
			return
		}
		seen[[2]int{r.Index(), start}] = true
		end := min(start+len(r.Lines), len(p.norms))
		if n, g := r.MatchHeader(p.norms[start:end], p.headerMemo); n > 0 && !p.stopwordAuthor(g[rules.FieldAuthor]) && !p.editNote(start) {
			if a := g[rules.FieldAuthor]; a != "" {
				g[rules.FieldAuthor] = p.rawName(p.trimStopwords(a), start, start+n)
			}
			out = append(out, headerMatch{rule: r, start: start, n: n, groups: g})
		}
	}
	for i := range p.lines {
		if p.lines[i].blank() || p.lines[i].words > 20 {
			continue
		}
		for _, idx := range p.cands[i] {
			if r := all[idx]; r.Kind == rules.KindCommentHeader && (r.AppliesTo(rules.TextInput, p.lang) || p.html && r.AppliesTo(rules.HTMLInput, p.lang)) {
				try(r, i)
			}
		}
		for _, idx := range p.set.Prefilter().Always() {
			if r := all[idx]; r.Kind == rules.KindCommentHeader && (r.AppliesTo(rules.TextInput, p.lang) || p.html && r.AppliesTo(rules.HTMLInput, p.lang)) {
				try(r, i)
			}
		}
	}
	out = append(out, p.learnHeaders()...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].start < out[b].start })
	p.headers = out
}

// mergeStacked joins headers with no comment between them into one: a
// date and a time on lines of their own ("December 27th," "2007" "7:51
// pm") are one header, not two comments.
func (p threadReader) mergeStacked(hs []headerMatch) []headerMatch {
	out := hs[:0:0]
	for _, h := range hs {
		if n := len(out); n > 0 && out[n-1].text == "" && p.nothingBetween(out[n-1].start+out[n-1].n, h.start) {
			prev := &out[n-1]
			g := rules.Groups{}
			for k, v := range prev.groups {
				g[k] = v
			}
			for k, v := range h.groups {
				switch {
				case g[k] == "":
					g[k] = v
				case k == rules.FieldPosted:
					g[k] += " " + v
				}
			}
			prev.groups = g
			prev.n = h.start + h.n - prev.start
			continue
		}
		out = append(out, h)
	}
	return out
}

// nothingBetween reports whether the lines [from, to) hold no word of a
// comment: blank lines, and lines of a word or two with a number (the
// year of a date split over lines).
func (p threadReader) nothingBetween(from, to int) bool {
	for i := from; i < to; i++ {
		if l := &p.lines[i]; !l.blank() && (l.words > 2 || !hasDigit(l.norm)) {
			return false
		}
	}
	return true
}

// stopwordAuthor reports whether a header's author is no name: one
// stopword, the word in front of a date ("Le 3 mai 2024 à 19h05", "Am
// 12.06.2024"), or an ask ("Subscribe Today").
func (p *textPass) stopwordAuthor(a string) bool {
	if a == "" {
		return false
	}
	if !strings.Contains(a, " ") && p.isStopword(strings.ToLower(a)) {
		return true
	}
	if !strings.ContainsFunc(a, unicode.IsLetter) {
		return true // a slide's counter ("• 1/31"), not a name
	}
	if p.sentenceCased(a) {
		return true // a headline's words ("Elusive talks 15 Jan 2004")
	}
	// An ask is no name either: "Subscribe Today", "Join now".
	return p.set.PhraseAt(rules.WordsCTAAsk, lowerWords(a), 0) > 0
}

// PostingOnly reports whether an author is only the words of a comment's
// header besides a name: a time, its units, a comment's buttons, posting
// words ("Posted on", "4 hours", "• reply", "hace"). An initial ("H")
// and a handle with figures ("news2me") are names.
func PostingOnly(set *rules.Set, a string) bool {
	n, months := 0, 0
	for _, t := range strings.Fields(a) {
		w := strings.ToLower(strings.Trim(t, ".,:;()[]|•·-–—/"))
		if w == "" {
			continue
		}
		n++
		if utf8.RuneCountInString(w) == 1 && !isDigitByte(w[0]) {
			return false // an initial ("H"), not a unit of time
		}
		numeric := !strings.ContainsFunc(w, unicode.IsLetter)
		if !numeric && !timeWord(set, w) && !set.HasWord(rules.WordsTimeUnits, w) && !set.HasWord(rules.WordsCommentActions, w) &&
			!set.HasWord(rules.WordsDateUpdated, w) && !set.HasWord(rules.WordsPosting, w) {
			return false
		}
		if !numeric && set.Month(w) > 0 {
			months++
		}
	}
	// A month's name alone, with no figure or other time word, is a name
	// ("Marco scrive:", "June says:"); a weekday alone is a time.
	return n > 0 && !(n == 1 && months == 1)
}

// sentenceCased reports whether a run of words is written as a sentence
// or a headline in sentence case: its first word capitalised, a later one
// not (and no name particle: "Ludwig van Beethoven"). A name is written in
// capitals ("Rita K") or all in lower case, as a handle ("mike d").
func (p *textPass) sentenceCased(a string) bool {
	toks := strings.Fields(a)
	if len(toks) < 2 || !unicode.IsUpper(firstRune(toks[0])) {
		return false
	}
	for _, t := range toks[1:] {
		if r := firstRune(t); unicode.IsLower(r) && len(t) > 2 && !p.nameParticle(t) {
			return true
		}
	}
	return false
}

// rawName gives back a name's underscores that reading the lines [from,
// to) took for spaces ("moss_and_static", a handle, not three words).
func (p *textPass) rawName(name string, from, to int) string {
	if !strings.Contains(name, " ") {
		return name
	}
	glued := strings.ReplaceAll(name, " ", "_")
	for i := from; i < to && i < len(p.lines); i++ {
		if strings.Contains(p.text[p.lines[i].start:p.lines[i].end], glued) {
			return glued
		}
	}
	return name
}

// trimStopwords drops the lower-case stopwords at the end of an author
// ("Idealist on" before a date is Idealist).
func (p *textPass) trimStopwords(a string) string {
	for {
		k := strings.LastIndexByte(a, ' ')
		if k < 0 {
			return a
		}
		last := a[k+1:]
		if !unicode.IsLower(firstRune(last)) || !p.isStopword(last) {
			return a
		}
		a = a[:k]
	}
}

// manyAuthors reports whether headers name more than one author, or none:
// a thread is a conversation; one name before every entry is a site's
// byline on its list of stories.
func manyAuthors(hs []headerMatch) bool {
	first, named := "", 0
	for _, h := range hs {
		a := h.groups[rules.FieldAuthor]
		if a == "" {
			continue
		}
		named++
		if first == "" {
			first = a
		} else if a != first {
			return true
		}
	}
	return named == 0 // headers that name nobody say nothing either way
}

// editNote reports whether line i is a comment's note that it was
// edited ("Editado hace 50 minutos", "Edited 2 hours ago"): it reads as
// a name and a time, and is none.
func (p *textPass) editNote(i int) bool {
	if !p.mayMatch(i) {
		return false
	}
	_, g := p.match(i, func(r *rules.Rule) bool { return r.Scope == rules.Thread && r.Category == rules.Comments })
	return g[rules.FieldEdited] != ""
}

// chooseThread picks the layout with the most non-overlapping headers
// after the start of the article. A thread needs three headers, or one
// after a line that opens a comment section ("51 Comments").
func (p threadReader) chooseThread(headers []headerMatch, markers []int) *thread {
	type layout struct {
		rule  *rules.Rule
		shape string
	}
	byLayout := map[layout][]headerMatch{}
	var order []layout
	opensArticle := map[layout]bool{}
	for _, h := range headers {
		if h.start <= p.first {
			if h.start+h.n >= p.first-2 {
				opensArticle[layout{h.rule, h.layout}] = true
			}
			continue
		}
		k := layout{h.rule, h.layout}
		hs := byLayout[k]
		if len(hs) > 0 && hs[len(hs)-1].start+hs[len(hs)-1].n > h.start {
			continue
		}
		if hs == nil {
			order = append(order, k)
		}
		byLayout[k] = append(hs, h)
	}
	var best []headerMatch
	for _, k := range order {
		hs := byLayout[k]
		if p.linkedToComments(hs) || p.sameOpenings(hs) || p.headlineEntries(hs) {
			// Posts signed above a link to their comments (a blog's
			// front page), entries that open alike (a list of a site's
			// pieces), or entries that are a headline each (a list of
			// stories, each with its section, author or date): not
			// comments.
			continue
		}
		if k.shape != "" {
			// A layout learned from the page (a timestamp or a name before
			// each entry of a live blog or a list looks the same) starts
			// where a line just above names the comments; and when the
			// article itself opens with one, the page is a forum's thread,
			// whose posts are its text.
			if opensArticle[k] || !manyAuthors(hs) {
				continue
			}
			hs = p.afterCommentsLine(hs, markers)
		} else if len(hs) > 0 && !markedBefore(markers, p.first, hs[0].start) && (p.html || !manyAuthors(hs)) {
			// In HTML a known layout needs a line that opens the
			// comments above it too (see below); a learned one may
			// still stand. In text, one name before every entry
			// ("Date of Issue 5 May 2005, 17.00") is no conversation
			// unless a line opens the comments.
			continue
		}
		if len(hs) > len(best) {
			best = hs
		}
	}
	if len(best) == 0 {
		return nil
	}
	marked := markedBefore(markers, p.first, best[0].start) || best[0].layout != ""
	if len(best) < 3 && !marked || p.html && !marked {
		// In HTML the markup shows the comments: headers in the article's
		// blocks without a line that opens the comments are quotes or
		// embeds (a tweet's "— Name (@handle) March 22, 2017").
		return nil
	}
	// A layout whose time line is optional: when most headers have a time,
	// one without it is a quote inside a comment ("Karl wrote:"). When
	// most have none, they may be quotes in the article itself: such a
	// thread needs a line that opens the comments.
	timed := 0
	for _, h := range best {
		if h.groups[rules.FieldPosted] != "" {
			timed++
		}
	}
	if timed*2 <= len(best) && !marked {
		return nil
	}
	if timed*2 > len(best) && timed < len(best) {
		kept := best[:0:0]
		for _, h := range best {
			if h.groups[rules.FieldPosted] != "" {
				kept = append(kept, h)
			}
		}
		best = kept
	}
	if best[0].layout != "" {
		best = withVariants(best, headers)
	}
	return &thread{headers: best, firstHeader: best[0].start}
}

// sameOpenings reports whether the entries under three or more of
// headers hs, three in four of them, open with the same five words
// ("This article was published by …"): a list of a site's pieces, each
// under its title and date, not comments.
func (p threadReader) sameOpenings(hs []headerMatch) bool {
	if len(hs) < 3 {
		return false
	}
	count := map[string]int{}
	most := 0
	for _, h := range hs {
		j := p.nextNonBlank(h.start + h.n - 1)
		if j > h.start+h.n+2 || j == len(p.lines) {
			continue
		}
		if l := &p.lines[j]; l.words >= 5 {
			key := firstWords(l.norm, 5)
			if key == "" {
				key = l.norm // five words and no more
			}
			count[key]++
			most = max(most, count[key])
		}
	}
	return most*4 >= len(hs)*3
}

// headlineEntries reports whether the entries of three headers or more
// of hs, three in four of them, are a headline each: one line that opens
// with a capital, ends no sentence and holds no more words than a
// headline ("Mad March weather: sunshine, snow and showers" under
// "Gallery"). A reader's comment is a sentence, or several.
func (p threadReader) headlineEntries(hs []headerMatch) bool {
	if len(hs) < 3 {
		return false
	}
	below, first := p.signedBelow(hs)
	heads := 0
	for k, h := range hs {
		from, to := h.start+h.n, len(p.lines)
		switch {
		case below:
			from, to = first, h.start
			if k > 0 {
				from = hs[k-1].start + hs[k-1].n
			}
		case k+1 < len(hs):
			to = hs[k+1].start
		default:
			to = min(to, from+maxHeadlineEntryLines)
		}
		var entry []int
		for i := from; i < to; i++ {
			if !p.lines[i].blank() && !p.labelled(i) {
				entry = append(entry, i)
			}
		}
		if len(entry) == 1 {
			if p.lines[entry[0]].listHeadline(2) {
				heads++
			}
		}
	}
	return heads*4 >= len(hs)*3
}

// maxHeadlineEntryLines is how many lines under the last header
// headlineEntries reads as its entry.
const maxHeadlineEntryLines = 3

// linkedToComments reports whether most of headers hs have a link to
// comments right under them ("Comments | Permalink", "3 Comments"): a
// post links to its comments, a comment does not.
func (p threadReader) linkedToComments(hs []headerMatch) bool {
	linked := 0
	for _, h := range hs {
		if j := p.nextNonBlank(h.start + h.n - 1); j <= h.start+h.n+1 && j < len(p.lines) && p.commentsLink(p.lines[j].norm) {
			linked++
		}
	}
	return len(hs) >= 2 && linked*2 > len(hs)
}

// commentsLink reports whether a line is, or holds in a bar of links, a
// link to comments that only names or counts them ("Comments", "3
// Comments", "Comments (3) | Permalink"); a comment's own button does
// something ("Reply to this comment", "Report comment").
func (p *textPass) commentsLink(norm string) bool {
	for _, seg := range strings.Split(norm, " | ") {
		seg = dropPlaceholders(seg)
		named, other := false, false
		var buf []byte
		forEachWord(seg, func(w string) bool {
			buf = appendLower(buf[:0], w)
			if p.set.HasWord(rules.WordsComment, string(buf)) {
				named = true
			} else {
				other = true
			}
			return !other
		})
		if named && !other {
			return true
		}
	}
	return false
}

// withVariants adds to a learned layout's headers hs the headers of other
// learned shapes between its first and its last that name an author and
// a time: one platform's header reads "Barak H - Israel (12/19/2007
// 16:36)" for most readers and "Dave in the USA - (12/18/2007 05:54)"
// for one who gave no place, and both open a comment. The time is
// written alike (timeShape): a date in a comment's text ("9/11") is no
// header.
func withVariants(hs, all []headerMatch) []headerMatch {
	first, last := hs[0].start, hs[len(hs)-1].start
	taken := map[int]bool{}
	times := map[string]bool{}
	for _, h := range hs {
		for i := h.start; i < h.start+h.n; i++ {
			taken[i] = true
		}
		times[timeShape(h.groups[rules.FieldPosted])] = true
	}
	out := hs
	for _, h := range all {
		if h.layout == "" || h.layout == hs[0].layout || h.start <= first || h.start >= last || h.groups[rules.FieldAuthor] == "" || !times[timeShape(h.groups[rules.FieldPosted])] {
			continue
		}
		free := true
		for i := h.start; i < h.start+h.n; i++ {
			free = free && !taken[i]
		}
		if !free {
			continue
		}
		for i := h.start; i < h.start+h.n; i++ {
			taken[i] = true
		}
		if len(out) == len(hs) {
			out = append([]headerMatch(nil), hs...)
		}
		out = append(out, h)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// timeShape is how a time is written: each run of digits is "9", each
// run of letters "a", other characters stay ("12/19/2007 16:36" is
// "9/9/9 9:9", "December 30, 2007 03:24 PM" is "a 9, 9 9:9 a").
func timeShape(s string) string {
	var b strings.Builder
	prev := byte(0)
	for _, r := range s {
		c := byte(0)
		switch {
		case unicode.IsDigit(r):
			c = '9'
		case unicode.IsLetter(r):
			c = 'a'
		}
		if c != 0 {
			if c != prev {
				b.WriteByte(c)
			}
			prev = c
			continue
		}
		prev = 0
		b.WriteRune(r)
	}
	return b.String()
}

// parseThread turns the thread's lines into comments: each header starts a
// comment whose text runs to the next header. Buttons and markers inside a
// comment ("Reply", "Last edited …", "Read more »") are taken out of its
// text. The last comment ends where lines of other categories begin
// (a footer after the thread).
func (p threadReader) parseThread() {
	t := p.thread
	inThread := scopeIs(rules.Thread)
	outside := scopeIs(rules.Anywhere, rules.Tail, rules.End)
	base := len(p.meta.Comments)
	t.headers = p.mergeStacked(t.headers)
	// Signatures under their comments ("… text … / Posted by: Ann |
	// January 6"): each comment's text runs from the previous header to
	// its own.
	below, from := p.signedBelow(t.headers)
	for k, h := range t.headers {
		end := len(p.lines)
		textFrom, textTo := h.start+h.n, end
		if below {
			textFrom, textTo = from, h.start
			if k > 0 {
				prev := t.headers[k-1]
				textFrom = prev.start + prev.n
			}
			if k == len(t.headers)-1 {
				t.end = h.start + h.n
				// The last comment's buttons under its signature
				// ("reply") are the thread's.
				for i := t.end; i < len(p.lines) && i <= t.end+1 && !p.labelled(i); i++ {
					if p.lines[i].blank() {
						continue
					}
					if r, g := p.match(i, inThread); r != nil && r.Category == rules.Comments {
						p.setLabel(i, r, g, 0)
						t.end = i + 1
					}
					break
				}
				p.afterThread(t.end)
				p.applyRange(t.end, len(p.lines), outside)
			}
		} else if k+1 < len(t.headers) {
			end = t.headers[k+1].start
			textTo = end
		} else {
			// The last comment ends where the page goes on with something
			// else: a comment form, a footer, a notice about commenting in
			// a paragraph of its own.
			for i := h.start + h.n; i < end; i++ {
				if r, _ := p.match(i, inThread); r != nil {
					continue
				}
				if p.labelled(i) {
					end = i
					break
				}
				if r, _ := p.match(i, outside); r != nil {
					end = i
					break
				}
				if p.lines[i-1].blank() {
					if r := p.commentPolicy(i); r != nil {
						// A paragraph of the section's own under the
						// last comment ("You must be a registered
						// member to post a comment.").
						p.setLabel(i, r, nil, 0)
						end = i
						break
					}
				}
			}
			t.end = end
			p.afterThread(end)
			p.applyRange(end, len(p.lines), outside)
			textTo = end
		}
		group := p.newGroup()
		author := p.cutBylinePrefix(authorName(h.groups[rules.FieldAuthor]))
		if PostingOnly(p.set, author) {
			author = "" // the header's words, no name: an anonymous comment
		}
		c := doc.Comment{
			ID:      base + k + 1,
			Author:  author,
			Posted:  h.groups[rules.FieldPosted],
			ReplyTo: rules.Normalize(h.groups[rules.FieldReplyTo]),
			Edited:  h.groups[rules.FieldEdited],
		}
		for i := h.start; i < h.start+h.n; i++ {
			p.labels[i] = label{rule: h.rule, group: group}
		}
		var paras [][]string
		var cur []string
		if h.text != "" {
			cur = append(cur, h.text)
		}
		flush := func() {
			if len(cur) > 0 {
				paras = append(paras, cur)
				cur = nil
			}
		}
		for i := textFrom; i < textTo; i++ {
			l := &p.lines[i]
			if l.blank() {
				flush()
				continue
			}
			if r, g := p.match(i, inThread); r != nil && r.Category == rules.Comments {
				p.labels[i] = label{rule: r, group: group}
				if e := g[rules.FieldEdited]; e != "" {
					c.Edited = e
				}
				if to := p.rawName(rules.Normalize(g[rules.FieldReplyTo]), i, i+1); to != "" && c.ReplyTo == "" && len(paras) == 0 && len(cur) == 0 {
					c.ReplyTo = to // only above the comment's text
				}
				continue
			}
			p.labels[i] = label{rule: h.rule, group: group}
			if ruleLine(l.norm) {
				flush() // a rule drawn between comments is no one's words
				continue
			}
			cur = append(cur, l.norm)
		}
		flush()
		if n := len(paras); c.Posted == "" && n > 1 && len(paras[n-1]) == 1 && p.dateOnly(paras[n-1][0]) {
			// The time under a comment whose header named only its
			// author ("Tom said..." over the text, "March 9, 2008 11:02
			// AM" under it).
			c.Posted, paras = paras[n-1][0], paras[:n-1]
		}
		var b strings.Builder
		for pi, para := range paras {
			if pi > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(strings.Join(para, "\n"))
		}
		c.Text, c.Truncated = p.stripTruncation(b.String())
		p.meta.Comments = append(p.meta.Comments, c)
	}
	linkParents(p.meta.Comments[base:])
}

// stripTruncation removes a comment-cut marker ("… Read more »") from the
// end of text.
func (p threadReader) stripTruncation(text string) (string, bool) {
	return StripTruncation(p.set, text)
}

// ReadSignature reads a commenter's name and time from a line that holds
// both and nothing else ("MilwaukeeBaller32 Jan 09 2008 07:52 PM PST |"),
// as a learned header's shape reads them; ok is false when the line says
// no time or names nobody.
func ReadSignature(set *rules.Set, line, lang string) (author, posted string, ok bool) {
	p := newTextPass(set, line+"\n", lang)
	if len(p.lines) == 0 || !hasDigit(p.lines[0].norm) {
		return "", "", false
	}
	shape, g := p.headerShape(p.plainNorm(0))
	author, posted = strings.Trim(g[rules.FieldAuthor], " |·•,;:-"), strings.Trim(g[rules.FieldPosted], " |·•,;:-")
	if shape == "" || author == "" || posted == "" || p.stopwordAuthor(author) || !p.nameLike(strings.ToLower(author)) || !slashDates(posted) {
		return "", "", false
	}
	return author, posted, true
}

// StripTruncation removes a comment-cut marker ("… Read more »") from the
// end of a comment's text and reports whether there was one.
func StripTruncation(set *rules.Set, text string) (string, bool) {
	for _, r := range set.OfKind(rules.KindMarker) {
		if r.Category == rules.Comments && r.Field == rules.FieldTruncated {
			if s, ok := r.StripMarker(text); ok {
				return strings.TrimRight(s, " "), true
			}
		}
	}
	return text, false
}

// linkParents sets each reply's parent: the nearest earlier comment by the
// author it replies to (exact name first, then ignoring case). A comment
// that starts with "@NAME" of an earlier commenter replies to them.
func linkParents(cs []doc.Comment) {
	flat := true
	for _, c := range cs {
		if c.ReplyTo != "" {
			flat = false
		}
	}
	for k := range cs {
		c := &cs[k]
		if c.ReplyTo == "" && strings.HasPrefix(c.Text, "@") {
			c.ReplyTo = atReply(c.Text[1:], cs[:k])
		}
		if c.ReplyTo == "" && flat {
			// A flat thread says nothing of who answers whom; its words
			// do: a name called in the first sentence, or the answer to
			// one's own question.
			c.ReplyTo = addressed(c, cs[:k])
			if c.ReplyTo == "" {
				c.ReplyTo = answerBack(c, cs[:k])
			}
		}
		if c.ReplyTo == "" {
			continue
		}
		for _, fold := range []bool{false, true} {
			for j := k - 1; j >= 0 && c.Parent == 0; j-- {
				if cs[j].Author == c.ReplyTo || fold && strings.EqualFold(cs[j].Author, c.ReplyTo) {
					c.Parent = cs[j].ID
				}
			}
		}
	}
}

// addressed returns the earlier commenter the first sentence of c calls
// by their first name ("That makes me so happy, Hannah!", "Yes, Tomasz.",
// "Probably, Deb!"): the name set off by a comma, or "".
func addressed(c *doc.Comment, earlier []doc.Comment) string {
	first := c.Text
	if k := strings.IndexAny(first, ".!?\n"); k >= 0 {
		first = first[:k+1]
	}
	for j := len(earlier) - 1; j >= 0; j-- {
		a := earlier[j].Author
		name, _, _ := strings.Cut(a, " ")
		if a == c.Author || len(name) < 3 || !unicode.IsUpper(firstRune(name)) {
			continue
		}
		if called(first, name) {
			return a
		}
	}
	return ""
}

// called reports whether a sentence calls name: set off by a comma before
// it and punctuation or a space after it, or opening the sentence with a
// comma or an exclamation mark after it.
func called(sentence, name string) bool {
	if strings.HasPrefix(sentence, name+",") || strings.HasPrefix(sentence, name+"!") {
		return true
	}
	for from := 0; ; {
		k := strings.Index(sentence[from:], ", "+name)
		if k < 0 {
			return false
		}
		end := from + k + 2 + len(name)
		if end == len(sentence) || strings.ContainsRune(" ,.!?", rune(sentence[end])) {
			return true
		}
		from = end
	}
}

// answerBack returns, for a comment whose author was answered since they
// last wrote, the one who answered them: in a flat thread the asker's next
// comment ("Worked perfectly. Thanks!") goes back to the answer.
func answerBack(c *doc.Comment, earlier []doc.Comment) string {
	for j := len(earlier) - 1; j >= 0; j-- {
		e := &earlier[j]
		if e.Author == c.Author {
			return ""
		}
		if e.ReplyTo == c.Author {
			return e.Author
		}
	}
	return ""
}

// atReply returns the longest earlier author that text starts with, as a
// whole name (followed by a space or punctuation), or "".
func atReply(text string, earlier []doc.Comment) string {
	best := ""
	for _, e := range earlier {
		a := e.Author
		if len(a) <= len(best) || len(text) < len(a) || !strings.EqualFold(text[:len(a)], a) {
			continue
		}
		if rest := text[len(a):]; rest == "" || !isWordByte(rest[0]) {
			best = a
		}
	}
	return best
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b >= 0x80
}

// afterThread handles what follows the last comment: lines that open
// zones (a related list, an author box, a lynx link list) open them
// there, as they would after the article, and are parsed at once.
func (p threadReader) afterThread(from int) {
	opens := func(r *rules.Rule) bool {
		return r.StartsZone() && r.Action != rules.StartThread && (r.Scope == rules.Tail || r.Scope == rules.Anywhere)
	}
	var starts []int
	for i := from; i < len(p.lines); i++ {
		if l := p.labels[i]; l.rule != nil {
			if opens(l.rule) {
				starts = append(starts, i)
			}
			continue
		}
		if r, g := p.match(i, opens); r != nil {
			p.setLabel(i, r, g, 0)
			starts = append(starts, i)
		}
	}
	for k, start := range starts {
		limit := len(p.lines)
		if k+1 < len(starts) {
			limit = starts[k+1]
		}
		zr := zoneReader{p.textPass}
		zr.openZone(start, limit, p.labels[start].rule)
		zr.parseZone(len(p.zones) - 1)
	}
}

// authorName is a header's author without what a layout prints beside
// the name after a separator ("bramblewick · 212 points").
func authorName(s string) string {
	s = rules.Normalize(s)
	for _, sep := range []string{" · ", " • ", " | "} {
		if name, _, ok := strings.Cut(s, sep); ok && name != "" {
			s = name
		}
	}
	return s
}

// ruleLine reports whether a line is a drawn rule: punctuation and
// box-drawing characters only ("━━━━", "* * *", "-----"). An emoji is a
// comment's word.
func ruleLine(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool {
		return !unicode.IsSpace(r) && !unicode.IsPunct(r) && !(r >= 0x2500 && r <= 0x259f) && !strings.ContainsRune("=~_*·•", r)
	})
}

// markedBefore reports whether one of markers (lines that open a comment
// section) lies after line first and before line start.
func markedBefore(markers []int, first, start int) bool {
	for _, m := range markers {
		if first < m && m < start {
			return true
		}
	}
	return false
}

// ownLine reports whether the rule that labelled line i reads the line
// itself, not only the zone it opened.
func (p threadReader) ownLine(i int) bool {
	r := p.labels[i].rule
	if r == nil {
		return false
	}
	m, _ := p.match(i, func(x *rules.Rule) bool { return x == r })
	return m != nil
}

// widgetClosed reports whether a comment's button line (widgetBelow)
// stands under every one of headers hs.
func (p threadReader) widgetClosed(hs []headerMatch) bool {
	for _, h := range hs {
		if !p.widgetBelow(h) {
			return false
		}
	}
	return true
}

// signedBelow reports whether a thread's headers sign the comments above
// them (a blog's "Posted by: Ann | date" under each comment), and where
// the first comment's text starts: text stands between the line that
// opens the comments and the first header, and nothing a comment would
// say follows the last header.
func (p threadReader) signedBelow(hs []headerMatch) (bool, int) {
	if len(hs) < 2 || hs[0].text != "" {
		return false, 0
	}
	first, last := hs[0], hs[len(hs)-1]
	// Back from the first header to the line that opens the comments.
	from, text := -1, false
	controls := -1 // the lowest of the thread's controls above the first comment
	for i, seen := first.start-1, 0; i >= 0 && i > p.first && seen < 40; i-- {
		l := &p.lines[i]
		if l.blank() {
			continue
		}
		seen++
		opens := l.words <= maxHeaderWords && p.mentionsComments(l.norm)
		if lb := p.labels[i]; !opens && p.labelled(i) && lb.rule.Category == rules.Comments && (l.prose || !p.html && l.words >= 3 && !p.ownLine(i)) {
			// (The comments heading's zone took the first comment's
			// text for its own.)
			text = true
			continue
		}
		if opens || p.labelled(i) && p.labels[i].rule.Category == rules.Comments {
			from = i + 1
			if controls >= 0 {
				from = controls + 1
			}
			break
		}
		if p.labelled(i) {
			if p.labels[i].rule.Category == rules.Site && l.words <= maxWidgetWords {
				// The thread's own controls ("[Save settings]"): the
				// first comment starts under them.
				if controls < 0 {
					controls = i
				}
				continue
			}
			return false, 0 // something else (an ad, the article's end) before any comments line
		}
		if controls < 0 && p.commentPolicy(i) != nil {
			controls = i // a notice on the thread ("Select your preferred way to display the comments…")
			continue
		}
		if l.words >= 3 && controls < 0 {
			text = true
		}
	}
	if from < 0 && p.widgetClosed(hs) {
		// No line opens the comments, but a button under every header
		// ("Report this comment") closes each: the first comment is the
		// block right above the first header.
		from = first.start
		for from > 0 && p.lines[from-1].blank() {
			from--
		}
		for from > 0 && !p.lines[from-1].blank() && !p.labelled(from-1) {
			from--
		}
		text = from < first.start && from > p.first
	}
	if from < 0 || !text {
		return false, 0
	}
	// After the last header: no comment's text (a notice about the
	// comments, "We welcome your comments on this story…", is none).
	for i := last.start + last.n; i < len(p.lines); i++ {
		l := &p.lines[i]
		if l.blank() || p.labelled(i) && p.labels[i].rule.Scope == rules.Thread {
			continue // (the header's "Replying to Ann" over its comment)
		}
		if !p.labelled(i) && l.prose && !p.mentionsComments(l.norm) {
			return false, 0
		}
		break
	}
	return true, from
}
