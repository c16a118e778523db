package textpass

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnow-text/winnow/cleaner/internal/doc"

	"github.com/winnow-text/winnow/rules"
)

// zoneReader reads the zones after the article: where each ends, its
// list entries or author box, and the labels of its lines.
type zoneReader struct{ *textPass }

// zone is a run of lines after the article that one rule's line opened:
// a related list, an author box, a comment section. Lines in a zone that
// no other rule took are removed with the zone's rule.
type zone struct {
	start, end int // [start, end) lines
	rule       *rules.Rule
	group      int
	thread     bool // the comment thread itself (parsed by parseThread)
	parsed     bool // parseZone has turned it into metadata and labels

	authors []string // author box: name lines
	bio     string   // author box: the bio paragraph
}

// findZones finds the lines that open zones after the start of the article
// (the comment thread, related lists, author boxes, "Leave a Reply") and
// how far each runs. Reads: first, headers, labels. Writes: thread,
// zones, the labels of zone-opening lines and of author boxes' lines.
func findZones(p *textPass) {
	headers := p.headers
	type opener struct {
		line   int
		rule   *rules.Rule
		groups rules.Groups
		seen   bool // already labelled (and its hit recorded)
		none   bool // a count that declares no comments ("No Comments")
	}
	var opens []opener
	tailZone := func(r *rules.Rule) bool { return r.StartsZone() && r.Scope == rules.Tail }
	for i := p.first + 1; i < len(p.lines); i++ {
		if l := p.labels[i]; l.rule != nil {
			if l.rule.StartsZone() {
				opens = append(opens, opener{line: i, rule: l.rule, seen: true})
				continue
			}
			if l.rule.Category != rules.Site || !p.mayMatch(i) || !p.overList(i) {
				continue
			}
			// A site's link that a list's heading also reads as
			// ("Read more:" over headlines) opens the list.
			if r, g := p.match(i, tailZone); r != nil {
				p.labels[i] = label{}
				opens = append(opens, opener{line: i, rule: r, groups: g})
			}
			continue
		}
		if !p.mayMatch(i) {
			continue
		}
		if r, g := p.match(i, tailZone); r != nil {
			opens = append(opens, opener{line: i, rule: r, groups: g})
		}
	}
	var markers []int
	for k, o := range opens {
		if o.rule.Action != rules.StartThread {
			continue
		}
		if opens[k].none = p.declaresNone(o.line, o.rule, o.groups); !opens[k].none {
			markers = append(markers, o.line)
		}
	}
	p.thread = threadReader{p}.chooseThread(headers, markers)
	limitAll := len(p.lines)
	if p.thread != nil {
		limitAll = p.thread.firstHeader
		p.labelThreadHeading(p.thread.firstHeader)
	}
	for k, o := range opens {
		if o.line >= limitAll {
			break
		}
		if !o.seen {
			p.setLabel(o.line, o.rule, o.groups, 0)
		}
		limit := limitAll
		if k+1 < len(opens) && opens[k+1].line < limit {
			limit = opens[k+1].line
		}
		if o.none {
			// "No Comments": only the section's notices follow it, not
			// the next post under its headline.
			limit = zoneReader{p}.beforeHeadedProse(o.line, limit)
		}
		zoneReader{p}.openZone(o.line, limit, o.rule)
	}
	if p.thread != nil {
		p.zones = append(p.zones, zone{start: p.thread.firstHeader, end: len(p.lines), rule: p.thread.headers[0].rule, thread: true})
	}
	sort.Slice(p.zones, func(a, b int) bool { return p.zones[a].start < p.zones[b].start })
}

// labelThreadHeading labels, with the comments heading rule, the line
// right above a thread's first header when it heads the comments in
// words no phrase lists ("Top comments", "Neueste Kommentare": a short
// line whose first or second word is a comment word, see headsComments).
func (p *textPass) labelThreadHeading(first int) {
	r := p.set.Rule(rules.IDCommentsHeading)
	j := first - 1
	for j > p.first && p.lines[j].blank() {
		j--
	}
	if r == nil || j <= p.first || p.labelled(j) || !p.headsComments(j) {
		return
	}
	p.setLabel(j, r, nil, 0)
}

// openZone adds the zone that rule r's line at start opens, running at
// most to limit: an author box reads its names and bio (authorBox); any
// other zone ends at the next paragraph of prose (listEnd). For a comment
// section that no thread layout parsed this may leave comments in the
// body; running to the end would wipe the article when the opener was a
// menu link.
func (p zoneReader) openZone(start, limit int, r *rules.Rule) {
	z := zone{start: start, end: limit, rule: r, group: p.newGroup()}
	if r.Field == rules.FieldAuthorBio {
		z.end = p.authorBox(&z, limit)
	} else {
		z.end = p.listEnd(start, limit)
	}
	p.zones = append(p.zones, z)
}

// overList reports whether a bulleted or numbered list item is the next
// line after line i that is not blank.
func (p *textPass) overList(i int) bool {
	j := p.nextNonBlank(i)
	return j < len(p.lines) && isListItem(p.lines[j].norm)
}

// listEnd is where a list zone opened at line from stops: at the first
// paragraph of prose that is not the snippet of a headline above it, at
// a line a site rule took (a copyright line: the page's footer), or at a
// second list of bare items after one (the page's next list: a footer's
// links after "More stories").
func (p zoneReader) listEnd(from, limit int) int {
	afterHeadline := false
	headline := -1    // the last headline's line
	bareList := false // the last block was two or more bare bullet items
	for i := from + 1; i < limit; i++ {
		l := &p.lines[i]
		if l.blank() {
			continue
		}
		if p.lines[i-1].blank() {
			// A new block.
			n := p.bareBullets(i)
			if bareList && (n >= 2 || p.headsList(i)) {
				return i
			}
			bareList = n >= 2
		}
		if p.labelled(i) {
			if p.labels[i].rule.Category == rules.Site {
				return i
			}
			afterHeadline = false
			continue
		}
		if l.prose && !(afterHeadline && isSnippet(l) && p.hangsUnder(i, headline) && !p.bareEntries(from, i, headline) && !p.asks(i)) && !(l.terminal && l.para == 0 && isHeadline(l)) {
			// (A question of headline length is an entry's headline.)
			return i
		}
		if afterHeadline = isHeadline(l); afterHeadline {
			headline = i
		}
	}
	return limit
}

// hangsUnder reports whether line i may be the snippet of the headline at
// line h: right under it, or, when the headline is a bulleted item, in a
// block of its own indented deeper than the bullet (a dump prints a list
// item's paragraphs so). A paragraph at the bullet's own indentation after
// a blank line is the article going on after the list.
func (p zoneReader) hangsUnder(i, h int) bool {
	if h < 0 || !p.lines[i-1].blank() || !isListItem(p.lines[h].norm) {
		return true
	}
	return p.lines[i].indent > p.lines[h].indent
}

// asks reports whether line i is a call to action (an entry's snippet
// never asks the reader to subscribe).
func (p zoneReader) asks(i int) bool {
	return p.callToAction(i, p.set.Rule(rules.IDCallToAction), p.set.Rule(rules.IDNewsletterCTA)) != nil
}

// bareEntries reports whether the headline at line h closes a block of
// headlines one under another with no snippet between them
// (minBareEntries or more, under the zone's heading at line from), and line i stands after
// a blank line below it: a list of bare headlines ends at the blank
// line, and the paragraph after it (an author's bio, the article going
// on) is no snippet of the last.
func (p zoneReader) bareEntries(from, i, h int) bool {
	if h-minBareEntries < from || i <= h+1 || !p.lines[i-1].blank() {
		return false
	}
	for k := h - minBareEntries + 1; k < h; k++ {
		if p.lines[k].blank() || !isHeadline(&p.lines[k]) {
			return false
		}
	}
	return true
}

// minBareEntries is how many headlines in a row make a list of bare
// headlines (a card's headline over its sections' line is one entry).
const minBareEntries = 3

// beforeHeadedProse is the first line after from that is a headline over
// a paragraph of prose (the next post of a page of posts), or limit.
func (p zoneReader) beforeHeadedProse(from, limit int) int {
	for i := from + 1; i < limit; i++ {
		if l := &p.lines[i]; l.blank() || !p.lines[i-1].blank() || !isHeadline(l) {
			continue
		}
		for j := i + 1; j < limit; j++ {
			if !p.lines[j].blank() {
				if p.lines[j].prose && !isHeadline(&p.lines[j]) {
					return i
				}
				break
			}
		}
	}
	return limit
}

// headsList reports whether line i is a block of its own followed by a
// block of two or more bare list items: the heading of the page's next
// list ("What you'll need:").
func (p zoneReader) headsList(i int) bool {
	if isListItem(p.lines[i].norm) || i+1 < len(p.lines) && !p.lines[i+1].blank() {
		return false
	}
	for j := i + 1; j < len(p.lines); j++ {
		if !p.lines[j].blank() {
			return p.bareBullets(j) >= 2
		}
	}
	return false
}

// bareBullets is how many lines from i on form a block of list items
// with nothing else in it (0 when the block holds other lines).
func (p zoneReader) bareBullets(i int) int {
	n := 0
	for ; i < len(p.lines) && !p.lines[i].blank(); i++ {
		if !isListItem(p.lines[i].norm) || p.lines[i].prose {
			return 0
		}
		n++
	}
	return n
}

// isSnippet reports whether a prose line can be a list entry's snippet:
// short, or cut with an ellipsis (an article's first paragraph under its
// headline is neither).
func isSnippet(l *line) bool {
	return l.words <= 40 || strings.HasSuffix(l.norm, "…") || strings.HasSuffix(l.norm, "...")
}

// maxHeadlineWords is the most words a headline has.
const maxHeadlineWords = 25

// maxWordBytes bounds the bytes of a headline's word, for length caps
// that must not cut a real headline (German compounds, UTF-8).
const maxWordBytes = 24

// isHeadline tells a list entry's headline from its snippet.
func isHeadline(l *line) bool {
	if strings.HasSuffix(l.norm, "?") || strings.HasSuffix(l.norm, "!") {
		// A question or an exclamation of headline length, with no
		// sentence before it ("Nextcloud auf dem Pi 5: Lohnt sich das
		// Upgrade?").
		return l.words >= 2 && l.words <= maxQuestionHeadlineWords && !hasSentenceBreak(l.norm)
	}
	return l.words >= 2 && l.words <= maxHeadlineWords && !l.terminal &&
		!strings.HasSuffix(l.norm, "…") && !strings.HasSuffix(l.norm, "...")
}

// maxQuestionHeadlineWords is the most words of a headline that asks.
const maxQuestionHeadlineWords = 15

// authorBox reads an author box opened at z.start: name lines (authors),
// then one bio paragraph; other short lines (job titles, links) are taken
// by tail rules. It returns where the box ends.
func (p zoneReader) authorBox(z *zone, limit int) int {
	inBox := func(r *rules.Rule) bool {
		return (r.Scope == rules.Tail || r.Scope == rules.End || r.Scope == rules.Anywhere) && !r.StartsZone()
	}
	for i := z.start + 1; i < limit; i++ {
		l := &p.lines[i]
		if l.blank() {
			continue
		}
		if !p.labelled(i) {
			if r, g := p.match(i, inBox); r != nil {
				p.setLabel(i, r, g, 0)
			}
		}
		if p.labelled(i) {
			continue
		}
		if l.words <= 6 && p.isPersonName(l.norm) {
			z.authors = doc.AppendUnique(z.authors, l.norm)
			continue
		}
		if l.words >= 8 {
			z.bio = l.norm
			return i + 1
		}
		return i
	}
	return limit
}

// parseZones turns zones into metadata (related and read-also entries,
// authors and bios, the comments of the thread) and labels their
// remaining lines. Reads: zones, thread, labels. Writes: labels, meta.
func parseZones(p *textPass) {
	for k := 0; k < len(p.zones); k++ {
		if !p.zones[k].parsed {
			zoneReader{p}.parseZone(k)
		}
	}
}

// parseZone turns zone k into metadata and labels its remaining lines.
// The thread's zone parses the thread, and the zones that open after it
// (afterThread) are parsed there, before the rules look at what follows.
func (p zoneReader) parseZone(k int) {
	p.zones[k].parsed = true
	z := &p.zones[k]
	switch {
	case z.thread:
		threadReader{p.textPass}.parseThread()
		z = &p.zones[k] // afterThread may have added zones
		// What follows the last comment and no rule took is not a
		// comment: it is left to the rules and the region.
		if p.thread.end > z.start {
			z.end = p.thread.end
		}
	case z.rule.Field == rules.FieldAuthorBio:
		p.meta.Authors = doc.AppendUniques(p.meta.Authors, z.authors)
		if z.bio != "" && p.meta.AuthorBio == "" {
			p.meta.AuthorBio = StripMarkers(p.set, rules.Author, z.bio)
		}
	case z.rule.Field == rules.FieldRelated || z.rule.Field == rules.FieldReadAlso:
		p.listItems(z)
	}
	for i := z.start; i < z.end; i++ {
		if !p.labelled(i) && !p.lines[i].blank() {
			p.labels[i] = label{rule: z.rule, group: z.group}
		}
	}
}

// listItems reads the headlines of a list zone, each with the snippet
// that follows it.
func (p zoneReader) listItems(z *zone) {
	var items []doc.Related
	lastWasHeadline := false
	inList := true // no line but list items since the first entry
	for i := z.start + 1; i < z.end; i++ {
		l := &p.lines[i]
		if l.blank() {
			continue
		}
		if p.labelled(i) {
			lastWasHeadline = false
			inList = inList && len(items) == 0
			continue
		}
		// A bullet of the list is an entry however short ("Salt"); after
		// other lines, short bullets are the page's links, not entries.
		bullet := isListItem(l.norm) && !l.prose && inList
		switch {
		case p.dateOnly(l.norm):
			continue // an entry's date under its headline ("March 1, 2024"), no entry
		case bullet || isHeadline(l) && l.words >= 3:
			items = append(items, doc.Related{Title: stripListMarker(l.norm)})
			lastWasHeadline = true
		case lastWasHeadline:
			items[len(items)-1].Snippet = l.norm
			lastWasHeadline = false
		}
		if !isListItem(l.norm) && len(items) > 0 {
			inList = false
		}
	}
	stripRanks(items)
	if z.rule.Field == rules.FieldReadAlso {
		for _, it := range items {
			p.meta.ReadAlso = append(p.meta.ReadAlso, doc.Link{Title: it.Title})
		}
		return
	}
	p.meta.Related = append(p.meta.Related, items...)
}

// LooksLikeName reports whether s reads as a person's name: one to five
// capitalised words (the pack's name particles aside, "van", "de") with
// no figure or symbol, the first no stopword (stop), the last no role
// noun ("Staff Writer").
func LooksLikeName(set *rules.Set, s string, stop func(string) bool) bool {
	particles := set.Words(rules.WordsNameParticles)
	if len(s) > 60 || s == "" {
		return false
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 || stop(words[0]) {
		return false
	}
	if last := strings.ToLower(strings.Trim(words[len(words)-1], ".,")); !strings.Contains(s, ",") &&
		(set.HasWord(rules.WordsRoleNouns, last) || strings.HasSuffix(last, "s") && set.HasWord(rules.WordsRoleNouns, last[:len(last)-1])) {
		// A role, not a name: "Science Correspondents", "Staff Writer"
		// ("Mike Wall, Senior Writer" is a name and a role).
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if slices.Contains(particles, w) {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w {
			if unicode.IsDigit(c) || strings.ContainsRune(":;!?@#/|()[]{}<>=+*&%$", c) {
				return false
			}
		}
	}
	return true
}

// stripListMarker removes a bullet or a number from the start of a list
// item ("1. Cycle lanes delayed", "• New bridge").
func stripListMarker(s string) string {
	if !isListItem(s) {
		return s
	}
	if i := strings.IndexByte(s, ' '); i > 0 {
		return strings.TrimSpace(s[i+1:])
	}
	return s
}

// stripRanks takes the ranks off the titles of a list numbered 1, 2, 3,
// … without a dot ("1 Man arrested after town centre stabbing" in a
// "Most read" box): every title opens with its place in the list.
func stripRanks(items []doc.Related) {
	if len(items) < 2 {
		return
	}
	for k, it := range items {
		if !strings.HasPrefix(it.Title, strconv.Itoa(k+1)+" ") {
			return
		}
	}
	for k := range items {
		items[k].Title = strings.TrimSpace(items[k].Title[len(strconv.Itoa(k+1)):])
	}
}

// declaresNone reports whether line i, which rule r matched with groups g
// (nil: match again), declares that there are no comments ("Reader views
// (0)"): such a line opens no thread for the headers under it.
func (p *textPass) declaresNone(i int, r *rules.Rule, g rules.Groups) bool {
	if g == nil {
		_, g = p.match(i, func(x *rules.Rule) bool { return x == r })
	}
	n, ok := ParseCount(p.set, g[rules.FieldCommentCount])
	return ok && n == 0
}
