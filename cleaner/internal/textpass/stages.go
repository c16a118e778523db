package textpass

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/winnow-text/winnow/rules"
)

// A stage is one step of a text pass. Stages run in the order of
// textStages over one pass (one text, its lines and their features);
// each says in its doc comment what it reads and what it writes: labels
// (which rule removes a line), the article's bounds (first, last, the
// dump region), zones, the thread, and metadata.
type stage struct {
	name string
	run  func(p *textPass)
	// article stages run only when the text has article prose
	// (p.first >= 0): without it nothing is head or tail, and only the
	// rules that apply anywhere do (a list or a poem is left alone).
	article bool
	// after names the stages whose results this one reads; a test checks
	// that they come earlier.
	after []string
}

// textStages are the stages of a text pass, in order.
var textStages = []stage{
	{name: "anywhere", run: labelAnywhere},
	{name: "learned", run: applyLearned},
	{name: "repeated", run: applyRepeated},
	{name: "teaser-cards", run: applyTeaserCards, after: []string{"anywhere"}},
	{name: "headers", run: findHeaders},
	{name: "article", run: findArticle, after: []string{"anywhere", "headers"}},
	{name: "head", run: labelHead, article: true, after: []string{"article"}},
	{name: "zones", run: findZones, article: true, after: []string{"headers", "head"}},
	{name: "tail", run: labelTail, article: true, after: []string{"zones"}},
	{name: "parse-zones", run: parseZones, article: true, after: []string{"tail"}},
	{name: "outside", run: labelOutside, article: true, after: []string{"article", "parse-zones"}},
	{name: "calls-to-action", run: labelCallsToAction, article: true, after: []string{"tail"}},
	{name: "offer-blocks", run: applyOfferBlocks, article: true, after: []string{"anywhere", "tail", "calls-to-action"}},
	{name: "sentence-tails", run: cutSentenceTails, article: true, after: []string{"tail", "calls-to-action", "offer-blocks"}},
	{name: "cell-tails", run: cutCellTails, after: []string{"outside", "sentence-tails"}},
	{name: "extract", run: extract, after: []string{"parse-zones", "offer-blocks"}},
}

// run runs every stage over the pass: it fills labels and meta.
func (p *textPass) run() {
	if p.cands == nil {
		p.scan()
	}
	for _, st := range textStages {
		if st.article && p.first < 0 {
			continue
		}
		st.run(p)
	}
}

// labelAnywhere labels every line a rule with scope anywhere matches.
// Reads: lines, keyword candidates. Writes: labels, hits.
func labelAnywhere(p *textPass) {
	anywhere := scopeIs(rules.Anywhere)
	if p.reused {
		if len(p.kept) == 0 {
			// A line still in the body matched no "anywhere" rule in
			// the first pass.
			return
		}
		// Unless its category is kept.
		anywhere = func(r *rules.Rule) bool { return r.Scope == rules.Anywhere && p.kept[r.Category] }
	}
	for i := range p.lines {
		if !p.mayMatch(i) {
			continue
		}
		if r, g := p.match(i, anywhere); r != nil && !p.opensThread(i) && !(r.Category == rules.Comments && p.reportedSpeech(i)) {
			p.setLabel(i, r, g, 0)
		}
	}
	p.labelChromeRuns()
	p.labelCreditedCaptions()
	p.labelSlideshows()
	p.labelEmbeds()
	p.labelCommentForms()
	p.labelCommentNotices()
}

// labelChromeRuns takes a line made of two items or more, set apart by
// separators ("|", "·", "•") or gaps, each of which a rule dropping lines
// anywhere takes on its own ("Email | Print | Back to top"): a toolbar
// printed on one line, in a dump or a page's block. The line is the first
// item's rule's.
func (p *textPass) labelChromeRuns() {
	for i := range p.lines {
		l := &p.lines[i]
		if l.blank() || p.labelled(i) || l.terminal || l.words > maxChromeRunWords {
			continue
		}
		items := chromeItems.Split(strings.TrimSpace(p.text[l.start:l.end]), -1)
		if len(items) < 2 {
			continue
		}
		var first *rules.Rule
		for _, it := range items {
			r := p.cellRule(p.cands[i], it, cellChrome)
			if r == nil {
				first = nil
				break
			}
			if first == nil {
				first = r
			}
		}
		if first != nil && !p.opensThread(i) {
			p.setLabel(i, first, nil, 0)
		}
	}
}

// maxChromeRunWords is the most words of a line labelChromeRuns reads.
const maxChromeRunWords = 16

// chromeItems splits a line into the items of a toolbar.
var chromeItems = regexp.MustCompile(` *[|·•] *| {3,}`)

// labelCommentForms takes a comment form as a page dump prints it: a
// block of lines (up to a blank line) that holds two form fields or more
// ("[          ]") and a line that talks of commenting ("Please leave
// your comments below:"). Its short lines that no rule took (the
// fields' labels, "Not a member yet? Click Here to sign up.") are the
// form's; a line another rule took (a field, a byline above the form)
// stays that rule's, and a long line may be the article's. A login or
// search form, which says nothing of comments, is left to the other
// rules.
func (p *textPass) labelCommentForms() {
	field, form := p.set.Rule(rules.IDFormField), p.set.Rule(rules.IDCommentForm)
	if field == nil || form == nil || p.html {
		return
	}
	for i := 0; i < len(p.lines); {
		if p.lines[i].blank() {
			i++
			continue
		}
		j, fields := i, 0
		for ; j < len(p.lines) && !p.lines[j].blank(); j++ {
			if p.labels[j].rule == field {
				fields++
			}
		}
		talks := false
		for k := i; k < j && fields >= 2 && !talks; k++ {
			if p.labels[k].rule != field && p.lines[k].words <= maxFormLineWords {
				talks = p.anyPhrase(rules.WordsCommentTalk, lowerWords(p.lines[k].norm))
			}
		}
		if talks {
			for k := i; k < j; k++ {
				if p.labels[k].rule == nil && p.lines[k].words <= maxFormLineWords && !p.opensThread(k) {
					// (A line a thread starts at, "Comments [ … ]", is
					// left to the zones.)
					p.setLabel(k, form, nil, 0)
				}
			}
		}
		i = j
	}
}

// labelSlideshows takes the captions of a slideshow as a dump prints it:
// one gallery control recurring between single lines ("Fullscreen",
// caption, "Fullscreen", caption, …), minSlides times or more in a row.
// Each such line is a slide's caption, not the article's. A photo in an
// article ("Enlarge this image", its caption, then paragraphs) breaks the
// run: its control stands beside paragraphs, not beside one line.
func (p *textPass) labelSlideshows() {
	chrome, caption := p.set.Rule(rules.IDMediaChrome), p.set.Rule(rules.IDCaption)
	if chrome == nil || caption == nil {
		return
	}
	next := p.nextNonBlank
	for i := 0; i < len(p.lines); {
		if p.labels[i].rule != chrome {
			i++
			continue
		}
		// A run from the control at i: control, line, control, line, …
		var slides []int
		at := i
		for {
			c := next(at)
			if c >= len(p.lines) || p.labelled(c) {
				break
			}
			k := next(c)
			if k >= len(p.lines) || p.labels[k].rule != chrome || p.lines[k].norm != p.lines[i].norm {
				break
			}
			slides = append(slides, c)
			at = k
		}
		if len(slides) >= minSlides {
			for _, c := range slides {
				p.setLabel(c, caption, nil, 0)
			}
		}
		i = at + 1
	}
}

// labelEmbeds takes the text of a post embedded from a social network:
// the block of lines right above its signature (rule site.embed, "—
// Name (@handle) October 18, 2017"), a blank line between them or none,
// when the block is as short as such a post is (maxEmbedWords). A longer
// block is the article's own paragraph, and stays; so is a block indented
// otherwise than the signature (a dump indents a quoted post, text and
// signature alike: a photo's post has no text, and the paragraph above
// it is the article's).
func (p *textPass) labelEmbeds() {
	embed := p.set.Rule(rules.IDEmbed)
	if embed == nil {
		return
	}
	for i := range p.lines {
		if p.labels[i].rule != embed {
			continue
		}
		end := i
		if end > 0 && p.lines[end-1].blank() {
			end--
		}
		start, words := end, 0
		for start > 0 && !p.lines[start-1].blank() && !p.labelled(start-1) && p.lines[start-1].indent == p.lines[i].indent {
			start--
			words += p.lines[start].words
		}
		if start == end || words > maxEmbedWords || start > 0 && !p.lines[start-1].blank() {
			continue
		}
		for k := start; k < end; k++ {
			p.setLabel(k, embed, nil, 0)
		}
	}
}

// maxEmbedWords is the most words of an embedded post's text (a tweet is
// 280 characters at most).
const maxEmbedWords = 70

// minSlides is the fewest captions of a slideshow.
const minSlides = 5

// maxFormLineWords is the most words of a comment form's line: a label,
// a notice ("You need to be a registered member of …").
const maxFormLineWords = 12

// labelTailNotices takes the notices about commenting (commentPolicy)
// among the lines [from, to) after the article that no rule took: a short
// line under the comment section's invitation ("NOTE: Links are not
// permitted in article comments") reads as no paragraph, so the end of
// the article is not peeled there.
func (p *textPass) labelTailNotices(from, to int) {
	for i := max(from, 0); i < to && i < len(p.lines); i++ {
		if p.lines[i].blank() || p.labelled(i) {
			continue
		}
		if r := p.commentPolicy(i); r != nil {
			p.setLabel(i, r, nil, 0)
		}
	}
}

// labelCommentNotices takes the notice under an invitation to comment
// ("Talkback here" over "Please post your comments using the above
// link. …"): the paragraphs right below a line a comments rule took,
// while each is a notice about commenting (commentPolicy).
func (p *textPass) labelCommentNotices() {
	for i := range p.lines {
		if r := p.labels[i].rule; r == nil || r.Category != rules.Comments {
			continue
		}
		for j := i + 1; j < len(p.lines) && !p.labelled(j); j++ {
			if p.lines[j].blank() {
				continue
			}
			r := p.commentPolicy(j)
			if r == nil {
				break
			}
			p.setLabel(j, r, nil, 0)
		}
	}
}

// reportedSpeech reports whether line i reports what someone said ("Tell
// us what you think, she told the crowd"): a story's sentence, not the
// comment section's invitation that its first words may look like.
func (p *textPass) reportedSpeech(i int) bool {
	return p.anyPhrase(rules.WordsReported, lowerWords(p.lines[i].norm))
}

// opensThread reports whether line i is one a comment thread starts at
// ("Have your say", "51 Comments"): such a line is left to the zones,
// which know whether it is after the article, and is not taken by a rule
// that matches anywhere.
func (p *textPass) opensThread(i int) bool {
	r, _ := p.match(i, func(r *rules.Rule) bool { return r.Action == rules.StartThread })
	return r != nil
}

// maxCaptionWords is the most words of a caption known by its credit.
const maxCaptionWords = 45

// labelCreditedCaptions takes the caption above a credit line: a block of
// two lines, the caption and a "Photo: NAME / OUTLET" line under it that
// the caption rule took. The caption goes with its credit.
func (p *textPass) labelCreditedCaptions() {
	r := p.set.Rule(rules.IDCaption)
	if r == nil {
		return
	}
	for i := 1; i < len(p.lines); i++ {
		if p.labels[i].rule != r || p.lines[i].words > 10 || i+1 < len(p.lines) && !p.lines[i+1].blank() {
			continue
		}
		c := i - 1
		if l := &p.lines[c]; l.blank() || p.labelled(c) || l.words > maxCaptionWords || c > 0 && !p.lines[c-1].blank() {
			continue
		}
		p.setLabel(c, r, nil, 0)
	}
}

// findArticle finds where the article starts: in a page dump (see
// dumpMode) the article region and the prose at its top; elsewhere the
// first line of prose that is not a comment header. Reads: labels,
// headers. Writes: dump, rg, first, and the captions of a dump (labels).
func findArticle(p *textPass) {
	d := dumpPage{p}
	p.dump = !p.html && d.dumpMode(p.headers)
	if p.dump {
		before := append([]label(nil), p.labels...)
		d.labelCaptions()
		var ok bool
		if p.rg, ok = d.findRegion(); ok {
			p.first = p.afterStandfirst(p.rg, p.afterQuestionHeadline(p.rg))
			return
		}
		// Not a page dump after all: captions were its evidence.
		p.labels = before
		p.dump = false
	}
	p.first = p.nextAnchor(0, p.headers)
	// The head's own lines may read as prose; a few at most.
	for n := 0; n < 4 && p.first >= 0 && p.headLine(p.first); n++ {
		p.first = p.nextAnchor(p.first+1, p.headers)
	}
	if k := p.afterStandfirstByline(p.first); k > p.first {
		p.first = k
	}
}

// maxStandfirstWords is the most words of a standfirst.
const maxStandfirstWords = 40

// afterStandfirstByline is where the article starts when its first line
// of prose, at first, is a standfirst: a short paragraph with a byline
// right under it ("Von Anna Schneider | 12.03.2024"). A byline, not a date:
// a date between two paragraphs heads a blog's or a forum's next entry.
// It returns the prose after the byline, or first.
func (p *textPass) afterStandfirstByline(first int) int {
	if first < 0 || p.lines[first].words > maxStandfirstWords {
		return first
	}
	b := p.nextNonBlank(first)
	if b >= len(p.lines) || p.labelled(b) || !p.mayMatch(b) {
		return first
	}
	if r, _ := p.match(b, func(r *rules.Rule) bool { return r.Scope == rules.Head && r.Category == rules.Byline }); r == nil {
		return first
	}
	if k := p.nextProse(b+1, len(p.lines)-1); k >= 0 {
		return k
	}
	return first
}

// labelHead applies the head rules above the article: for HTML every
// head rule but the title's, and the line repeating the page's title;
// in a dump the byline and date first, then the headline chosen next to
// them (pickTitle) in the window above the region. Reads: first, dump,
// rg, labels. Writes: labels, hits.
func labelHead(p *textPass) {
	isTitle := func(r *rules.Rule) bool { return r.Category == rules.Title }
	switch {
	case p.html:
		p.applyRules(0, p.first, func(r *rules.Rule) bool { return r.Scope == rules.Head && !isTitle(r) })
		p.takeKnownTitle()
	case p.dump:
		rg := p.rg
		p.applyRules(rg.window, p.first, func(r *rules.Rule) bool { return r.Scope == rules.Head && !isTitle(r) })
		p.labelPlacedBylines(rg.window, p.first)
		titled := dumpPage{p}.pickTitle(rg.window, p.first, rg.end)
		p.applyRules(rg.window, p.first, func(r *rules.Rule) bool {
			return r.Scope == rules.Head && isTitle(r) && !(titled && r.ID == rules.IDTitleHeading)
		})
	default:
		p.applyRules(0, p.first, func(r *rules.Rule) bool { return r.Scope == rules.Head && !isTitle(r) })
		p.labelPlacedBylines(0, p.first)
		titled := dumpPage{p}.pickTitle(0, p.first, len(p.lines)-1)
		p.applyRules(0, p.first, func(r *rules.Rule) bool {
			return r.Scope == rules.Head && isTitle(r) && !(titled && r.ID == rules.IDTitleHeading)
		})
	}
	if !p.html {
		p.headListsUnderHeadings()
	}
	if !p.html && !p.dump {
		p.sectionOverHeadline()
	}
}

// sectionOverHeadline labels, as a kicker, the word alone on the line
// right above the headline ("Digitales" over "Warum die Glasfaser …"): a
// section's name, which the kicker rule, wanting two words, leaves (a
// page dump's one-word menu items are its region's to take).
func (p *textPass) sectionOverHeadline() {
	kicker := p.set.Rule(rules.IDTitleKicker)
	if kicker == nil {
		return
	}
	for i := 0; i < p.first; i++ {
		if p.labels[i].rule == nil || p.labels[i].rule.ID != rules.IDTitleHeading {
			continue
		}
		j := i - 1
		for j >= 0 && p.lines[j].blank() {
			j--
		}
		if j < 0 || p.labelled(j) {
			return
		}
		l := &p.lines[j]
		if l.words == 1 && !l.terminal && unicode.IsUpper(firstRune(l.norm)) && kicker.Matches(l.norm) {
			p.setLabel(j, kicker, nil, 0)
		}
		return
	}
}

// headListsUnderHeadings labels, above the article, the list of
// headlines under a heading a related rule took ("Related content" over
// "• Column: Raiders in Sin City? …" between the byline and the first
// paragraph) with the heading's rule: a dump prints the list an HTML
// page's markup sets beside the story.
func (p *textPass) headListsUnderHeadings() {
	for i := 0; i < p.first; i++ {
		r := p.labels[i].rule
		if r == nil || r.Category != rules.Related {
			continue
		}
		end := dumpPage{p}.headlineList(i, p.first-1)
		for k := i + 1; k <= end; k++ {
			if !p.lines[k].blank() && !p.labelled(k) {
				p.setLabel(k, r, nil, p.labels[i].group)
			}
		}
	}
}

// labelTail applies the tail rules after the last paragraph of article
// prose (in a dump, the last of the region, which ends where comments
// open), then peels trailing paragraphs off one at a time while an end
// rule (a bio) matches them. Reads: zones, thread, rg. Writes: last, rg,
// labels, hits.
func labelTail(p *textPass) {
	end := len(p.lines)
	if p.dump {
		dumpPage{p}.endAtComments(&p.rg)
		dumpPage{p}.endAtClosing(&p.rg)
		dumpPage{p}.endAtRelated(&p.rg)
		dumpPage{p}.endAtIcons(&p.rg)
		dumpPage{p}.endAtHeadlines(&p.rg)
		end = p.rg.end + 1
	}
	p.last = p.prevAnchor(end)
	tail := scopeIs(rules.Tail, rules.End)
	p.applyRange(p.last+1, p.tailEnd(), tail)
	p.labelTailNotices(p.last+1, p.tailEnd())
	for i := p.last + 1; i < p.tailEnd(); i++ {
		// A bio too short to read as prose ("Jonas Berger ist Redakteur
		// im Ressort Wirtschaft.") is still its author's.
		if !p.labelled(i) && !p.lines[i].blank() {
			if r, g := p.bylineBio(i); r != nil {
				p.setLabel(i, r, g, 0)
			}
		}
	}
	for p.last >= 0 {
		r, g := p.match(p.last, scopeIs(rules.End))
		if r == nil {
			r, g = p.bylineBio(p.last)
		}
		if r == nil {
			r = p.closingAsk(p.last)
		}
		if r == nil {
			r = p.commentPolicy(p.last)
		}
		if r == nil {
			break
		}
		p.setLabel(p.last, r, g, 0)
		if r.Field == rules.FieldAuthorBio {
			p.bioName(p.last, r)
		}
		old := p.last
		p.last = p.prevAnchor(old)
		p.applyRange(p.last+1, old, tail)
	}
}
