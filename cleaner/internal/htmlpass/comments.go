package htmlpass

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/winnow-text/winnow/cleaner/internal/doc"
	"github.com/winnow-text/winnow/cleaner/internal/textpass"

	"github.com/winnow-text/winnow/rules"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// commentRule returns the first comment-system selector rule that fills
// field (comment, author, posted, text).
func (h *htmlDoc) commentRule(field rules.Field) *rules.Rule {
	for _, r := range h.set.OfKind(rules.KindSelector) {
		if r.Category == rules.Comments && r.Field == field {
			return r
		}
	}
	return nil
}

// descendants lists the elements under n (n excluded) that match, in
// document order, not looking inside elements skip stops at.
func descendants(n *html.Node, match, skip func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	stack := []*html.Node{}
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, c)
	}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.Type != html.ElementNode {
			continue
		}
		if match(x) {
			out = append(out, x)
		}
		if skip != nil && skip(x) {
			continue
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return out
}

func (h *htmlDoc) hasCommentItem(n *html.Node) bool {
	item := h.commentRule(rules.FieldComment)
	if item == nil {
		return false
	}
	found := false
	descendants(n, func(x *html.Node) bool {
		if !found && item.MatchNode(x) {
			found = true
		}
		return false
	}, func(*html.Node) bool { return found })
	return found
}

// itemsOf finds the comments of a comment section: the elements the
// comment item rule matches; where it matches none, the largest group of
// repeated elements (the same tag, classes and id shape) that holds most
// of the section's text, so that a platform whose class names the pack
// does not know still gives its comments.
func (h *htmlDoc) itemsOf(sec *html.Node) []*html.Node {
	if r := h.commentRule(rules.FieldComment); r != nil {
		if items := descendants(sec, r.MatchNode, nil); len(items) > 0 {
			return items
		}
	}
	return h.repeatedItems(sec)
}

// repeatedItems is the group of two or more elements under sec with one
// signature (itemSignature) whose outermost members hold the most text,
// at least half of sec's; among groups that hold as much, the one nearest
// to sec (a comment's wrapper rather than its paragraphs).
func (h *htmlDoc) repeatedItems(sec *html.Node) []*html.Node {
	groups := map[string][]*html.Node{}
	var order []string
	depth := map[*html.Node]int{sec: 0}
	descendants(sec, func(x *html.Node) bool {
		depth[x] = depth[x.Parent] + 1
		if h.textLen[x] == 0 || !isBlock(x) || hasFormControl(x) {
			return false
		}
		sig := itemSignature(x)
		if groups[sig] == nil {
			order = append(order, sig)
		}
		groups[sig] = append(groups[sig], x)
		return false
	}, nil)
	var best []*html.Node
	bestCover, bestDepth := 0, 0
	for _, sig := range order {
		xs := groups[sig]
		if len(xs) < 2 {
			continue
		}
		in := map[*html.Node]bool{}
		for _, x := range xs {
			in[x] = true
		}
		cover, depthSum, tops := 0, 0, 0
		for _, x := range xs {
			outer := true
			for a := x.Parent; a != nil && a != sec; a = a.Parent {
				if in[a] {
					outer = false
					break
				}
			}
			if outer {
				cover += h.textLen[x]
				depthSum += depth[x]
				tops++
			}
		}
		if tops < 2 {
			continue
		}
		d := depthSum / tops
		if cover > bestCover || cover == bestCover && d < bestDepth {
			best, bestCover, bestDepth = xs, cover, d
		}
	}
	if bestCover*2 < h.textLen[sec] {
		return nil
	}
	return best
}

// hasFormControl reports whether n holds a form field: a form's rows
// repeat as comments do, but they are the form.
func hasFormControl(n *html.Node) bool {
	return len(descendants(n, func(x *html.Node) bool {
		return x.DataAtom == atom.Input || x.DataAtom == atom.Textarea || x.DataAtom == atom.Select
	}, nil)) > 0
}

// itemSignature is what repeated comments share: the tag, the class
// words, and the id without its number ("comment-123" and "comment-124"
// are one shape).
func itemSignature(n *html.Node) string {
	id := strings.TrimRightFunc(attr(n, "id"), func(r rune) bool { return r >= '0' && r <= '9' || r == '-' || r == '_' })
	if id != "" && id == attr(n, "id") {
		id = "" // an id without a number is one element's own
	}
	return n.Data + "." + strings.Join(strings.Fields(attr(n, "class")), ".") + "#" + id
}

// holdsPage reports whether n is the page or its article rather than a
// part of it: the body, the main element or role, or an element that
// holds the page's headline (an <h1>). A class word on such an element
// ("fb_comments" on <body>, "tone-comment" on an opinion piece) says
// what the page has or is, not that it is a comment section.
func holdsPage(n *html.Node) bool {
	switch {
	case n.DataAtom == atom.Body || n.DataAtom == atom.Html || n.DataAtom == atom.Main, attr(n, "role") == "main":
		return true
	}
	return len(descendants(n, func(x *html.Node) bool { return x.DataAtom == atom.H1 }, nil)) > 0
}

// classWords splits an element's class and id into lower-case words: at
// spaces, punctuation, digits and camelCase humps ("CommentListWrapper":
// comment, list, wrapper).
func classWords(n *html.Node) []string {
	return append(splitClassWords(attr(n, "class")), splitClassWords(attr(n, "id"))...)
}

// splitClassWords splits a class or id value into lower-case words (see
// classWords).
func splitClassWords(v string) []string {
	var out []string
	start := -1
	prevLower := false
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, strings.ToLower(v[start:end]))
		}
		start = -1
	}
	for i, r := range v {
		switch {
		case unicode.IsLetter(r):
			if unicode.IsUpper(r) && prevLower {
				flush(i)
			}
			if start < 0 {
				start = i
			}
			prevLower = unicode.IsLower(r)
		default:
			flush(i)
			prevLower = false
		}
	}
	flush(len(v))
	return out
}

// commentNamed reports whether n's class or id names comments: one of
// its words is a comment word, and none of them says it is only about
// comments (a count, a link, a state: "comments-open", "comment-count").
func (h *htmlDoc) commentNamed(n *html.Node) bool {
	if len(n.Attr) == 0 {
		return false
	}
	words := classWords(n)
	named := false
	for _, w := range words {
		switch {
		case slices.Contains(h.set.Words(rules.WordsCommentState), w):
			return false
		case slices.Contains(h.set.Words(rules.WordsComment), w):
			named = true
		}
	}
	return named
}

// sectionByStructure reports whether element n, which no selector took,
// is a comment section by the evidence a reader uses: its class or id
// names comments, it is a block that holds text and not the page (see
// holdsPage), and either it is small (a comment form, a heading) or its
// repeated items (itemsOf) hold most of its text.
func (h *htmlDoc) sectionByStructure(n *html.Node, total int) bool {
	size := h.textLen[n]
	if size == 0 || !isBlock(n) || !h.commentNamed(n) || holdsPage(n) {
		return false
	}
	return size*10 < total*3 || h.itemsHoldText(n)
}

// itemsHoldText reports whether a section's repeated items (itemsOf) hold
// most of its text and say when they were posted, as comments do; an
// article's paragraphs, which repeat as much, mostly do not.
func (h *htmlDoc) itemsHoldText(n *html.Node) bool {
	items := h.itemsOf(n)
	cover, timed := 0, 0
	for _, it := range items {
		cover += h.textLen[it]
		if h.timeMarked(subtreeText(it)) {
			timed++
		}
	}
	return len(items) >= 2 && cover*5 >= h.textLen[n]*3 && timed*2 >= len(items)
}

// timeMarked reports whether text says when: a clock time, a numeric
// date, a relative time ("3 days ago"), or a month's name beside a number.
func (h *htmlDoc) timeMarked(text string) bool {
	if timeMarkRE.MatchString(text) {
		return true
	}
	digits := strings.ContainsFunc(text, unicode.IsDigit)
	if !digits {
		return false
	}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if h.set.Month(strings.ToLower(w)) > 0 {
			return true
		}
	}
	return false
}

// timeMarkRE finds a clock time, a numeric date or a relative time.
var timeMarkRE = regexp.MustCompile(`\d{1,2}:\d{2}|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|\d+ ?(?:s|sec|min|h|hrs?|d|seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago`)

// parseComments reads the comments of a comment section (see itemsOf).
// A section without items that says when it was posted, or that is one of
// a run of sections alike, is one comment (a lone comment, or a comment a
// page marks up as a section of its own).
func (h *htmlDoc) parseComments(sec *html.Node, base int) []doc.Comment {
	items := h.itemsOf(sec)
	h.commentCount(sec, items)
	lone := false
	if len(items) == 0 && (h.timeMarked(subtreeText(sec)) || h.hasTwin(sec)) {
		items, lone = []*html.Node{sec}, true
	} else if len(items) == 0 {
		if f, author, posted := h.footer(sec); f != nil {
			// A comment's body and its footer, two sections side by side
			// ("commentBody", "commentFooter"): one comment, signed by the
			// footer, which goes with it.
			cs := h.parseItems(sec, []*html.Node{sec}, base)
			cs[0].Author, cs[0].Posted = author, posted
			h.takeAlong(f)
			return h.keepComments(cs, base)
		}
	}
	cs := h.parseItems(sec, items, base)
	for k, it := range items {
		if cs[k].Author == "" {
			// (A lone section's signature stands outside it and is taken
			// with its rule; an item's stands inside the section, which
			// goes whole.)
			h.signature(&cs[k], it, lone)
		}
	}
	h.learnHeads(cs)
	return h.keepComments(cs, base)
}

// groupDefinitions wraps each term of a definition list of comments,
// with the definitions after it, in an element of its own: Blogger's and
// Thesis's comments are a <dt> (who, "said...") and the <dd>s after it
// (the text, the time), siblings of the next comment's, and a comment is
// one element to the readers of comments. A list is one of comments when
// its class or id, or a term's or a definition's, names comments
// (commentNamed), and it has two terms or more; other lists (a glossary
// in the article) are left as they are. It runs before the walk, so that
// the list is taken as one comment section.
func (h *htmlDoc) groupDefinitions() {
	for _, dl := range h.lists {
		terms, named := 0, h.commentNamed(dl)
		for c := dl.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Dt {
				terms++
			}
			named = named || (c.DataAtom == atom.Dt || c.DataAtom == atom.Dd) && h.commentNamed(c)
		}
		if terms < 2 || !named {
			continue
		}
		var group *html.Node
		for c := dl.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && c.DataAtom == atom.Dt {
				group = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
				dl.InsertBefore(group, c)
				h.order[group] = h.order[c]
			}
			if group != nil {
				dl.RemoveChild(c)
				group.AppendChild(c)
				if c.Type == html.TextNode {
					h.textLen[group] += len(strings.TrimSpace(c.Data))
				} else {
					h.textLen[group] += h.textLen[c]
				}
			}
			c = next
		}
	}
}

// footer returns the element right after sec when it is a comment's
// footer: its class or id names comments too, and its text is one short
// line that names someone and says when ("MilwaukeeBaller32 Jan 09 2008
// 07:52 PM PST |"), with the name and the time it reads.
func (h *htmlDoc) footer(sec *html.Node) (*html.Node, string, string) {
	x, line := h.lineBeside(sec, true)
	if x == nil || !h.commentNamed(x) || !h.timeMarked(line) {
		return nil, "", ""
	}
	author, posted, ok := textpass.ReadSignature(h.set, line, h.lang)
	if !ok {
		return nil, "", ""
	}
	return x, author, posted
}

// takeAlong removes n as part of the comment section being taken: with
// the section's rule, and without reading comments from it again.
func (h *htmlDoc) takeAlong(n *html.Node) {
	if r := h.set.Rule(rules.IDCommentSection); r != nil {
		h.remove(n, r, subtreeText(n))
	}
}

// signature reads the author and the time of comment c, the element it,
// from the element right after it when that element is one line a
// comment header rule reads ("Posted by: Ann | January 14, 2008 06:24
// PM"); take says to take that element with the rule (it stands outside
// any comment section).
func (h *htmlDoc) signature(c *doc.Comment, it *html.Node, take bool) {
	if prev, _, _ := h.headerElement(it, false); prev != nil {
		return // the headers stand above their comments: the one below is the next comment's
	}
	next, r, g := h.headerElement(it, true)
	if next == nil {
		return
	}
	c.Author = rules.Normalize(g[rules.FieldAuthor])
	c.Posted = g[rules.FieldPosted]
	if take {
		h.take(next, r)
	}
}

// headerElement returns the element right after it (or, with after
// false, right before it) when that element is one line that a comment
// header rule reads with an author and a time, the rule and what it read.
func (h *htmlDoc) headerElement(it *html.Node, after bool) (*html.Node, *rules.Rule, rules.Groups) {
	x, line := h.lineBeside(it, after)
	if x == nil {
		return nil, nil, nil
	}
	for _, r := range h.set.OfKind(rules.KindCommentHeader) {
		if n, g := r.MatchHeader([]string{line}, nil); n == 1 && g[rules.FieldAuthor] != "" && g[rules.FieldPosted] != "" {
			return x, r, g
		}
	}
	return nil, nil, nil
}

// lineBeside returns the element right after it (or, with after false,
// right before it), with only white space between them, when that
// element is not taken and its text is one line of maxSignatureWords
// words or fewer, with that line (normalised).
func (h *htmlDoc) lineBeside(it *html.Node, after bool) (*html.Node, string) {
	step := func(n *html.Node) *html.Node {
		if after {
			return n.NextSibling
		}
		return n.PrevSibling
	}
	x := step(it)
	for x != nil && x.Type != html.ElementNode {
		if x.Type == html.TextNode && strings.TrimSpace(x.Data) != "" {
			return nil, ""
		}
		x = step(x)
	}
	if x == nil || h.marked[x] {
		return nil, ""
	}
	raw := strings.TrimSpace(subtreeText(x))
	line := rules.Normalize(raw)
	if line == "" || strings.Contains(raw, "\n") || rules.CountWords(line) > maxSignatureWords {
		return nil, ""
	}
	return x, line
}

// maxSignatureWords is the most words of a comment's signature or footer
// line.
const maxSignatureWords = 16

// hasTwin reports whether a sibling of n (or one taken before it) has n's signature (see
// itemSignature): a section that is one of a run of comments
// ("div.commentText" after "div.commentText", each signed by a line
// between them) is a comment, whether or not it says when.
func (h *htmlDoc) hasTwin(n *html.Node) bool {
	if n.Parent == nil {
		return false
	}
	sig := itemSignature(n)
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode && itemSignature(c) == sig {
			return true
		}
	}
	// (A twin taken before n is no longer among its siblings.)
	for _, m := range h.marks {
		if len(m.anc) > 0 && m.anc[0] == n.Parent && m.node != n && itemSignature(m.node) == sig {
			return true
		}
	}
	return false
}

// minCommentWords is the fewest words a comment without an author or a
// time has: fewer are a form's field labels or a widget's buttons.
const minCommentWords = 3

// keepComments drops what is no comment (no text; or no author, no time
// and fewer than minCommentWords words, a form's labels or only talk about
// commenting: see talkOnly) and numbers the rest from
// base+1, replies keeping their parents where those stay.
func (h *htmlDoc) keepComments(cs []doc.Comment, base int) []doc.Comment {
	renum := map[int]int{}
	out := cs[:0]
	for _, c := range cs {
		words := rules.CountWords(c.Text)
		if words == 0 || c.Author == "" && c.Posted == "" && (words < minCommentWords || formLabels(c.Text) || h.talkOnly(c.Text)) {
			continue
		}
		renum[c.ID] = base + len(out) + 1
		c.ID = renum[c.ID]
		if c.Parent != 0 {
			if c.Parent = renum[c.Parent]; c.Parent == 0 {
				c.ReplyTo = ""
			}
		}
		out = append(out, c)
	}
	return out
}

// talkOnly reports whether every line of a comment's text is short talk
// about commenting (maxTalkWords words at most and a comment_talk word,
// or a comments rule's line, or a form's label of maxLabelWords words at
// most ending in ":" or "*"): "No comments submitted yet", "Be the first
// to post a comment on this page!", "Sort comments by", "CAPTCHA Code *".
// A section with no comment in it yields such an item, and no thread; a
// reader's short comment that mentions comments runs longer ("Hi
// Kelly... Monica... last comment... through her blog directed me
// here!!").
func (h *htmlDoc) talkOnly(text string) bool {
	lines := commentLines(text)
	for _, l := range lines {
		n := rules.CountWords(l)
		talk := n <= maxTalkWords && h.holdsWord(rules.WordsCommentTalk, l)
		label := n <= maxLabelWords && (strings.HasSuffix(l, ":") || strings.HasSuffix(l, "*"))
		if !talk && !label && !h.chrome(l) {
			return false
		}
	}
	return len(lines) > 0
}

// maxTalkWords is the most words of a line talkOnly reads as talk about
// commenting.
const maxTalkWords = 10

// formLabels reports whether a comment's text is a form's field labels
// ("* Your View", "* Name", "* Email", "* Required Field"): three lines
// or more, none longer than maxLabelWords words.
func formLabels(text string) bool {
	lines := commentLines(text)
	if len(lines) < 3 {
		return false
	}
	for _, l := range lines {
		if rules.CountWords(l) > maxLabelWords {
			return false
		}
	}
	return true
}

// maxLabelWords is the most words of a form field's label.
const maxLabelWords = 4

// parseItems reads comments from their elements: an item inside another
// is a reply to it. Author, time and text come from the other comment
// rules, looking only at the item's own elements (not its replies'); a
// comment without an author element may open with a header line the text
// layouts know ("Posted by: Ann on March 3, 2024").
func (h *htmlDoc) parseItems(sec *html.Node, items []*html.Node, base int) []doc.Comment {
	index := map[*html.Node]int{}
	for k, it := range items {
		index[it] = k
	}
	authorRule, timeRule, textRule := h.commentRule(rules.FieldAuthor), h.commentRule(rules.FieldPosted), h.commentRule(rules.FieldText)
	out := make([]doc.Comment, 0, len(items))
	for k, it := range items {
		c := doc.Comment{ID: base + k + 1}
		for a := it.Parent; a != nil && a != sec; a = a.Parent {
			if j, ok := index[a]; ok {
				c.Parent = base + j + 1
				c.ReplyTo = out[j].Author
				break
			}
		}
		nested := func(x *html.Node) bool { _, isItem := index[x]; return isItem && x != it }
		// own finds the item's first element a rule matches (not inside a
		// reply); innermost takes the deepest match inside it instead
		// (".fn" inside ".comment-author", <time> inside a meta link).
		own := func(r *rules.Rule, innermost bool) *html.Node {
			if r == nil {
				return nil
			}
			ms := descendants(it, func(x *html.Node) bool { return !nested(x) && r.MatchNode(x) }, nested)
			if len(ms) == 0 {
				return nil
			}
			m := ms[0]
			if innermost {
				for _, x := range ms[1:] {
					if isAncestor(m, x) {
						m = x
					}
				}
			}
			return m
		}
		// ownAll finds the item's outermost elements a rule matches.
		ownAll := func(r *rules.Rule) []*html.Node {
			if r == nil {
				return nil
			}
			return descendants(it, func(x *html.Node) bool { return !nested(x) && r.MatchNode(x) },
				func(x *html.Node) bool { return nested(x) || r.MatchNode(x) })
		}
		var skip []*html.Node
		var timeText string // the time element's words, for a header line that wants them
		if a := own(authorRule, true); a != nil {
			c.Author = h.authorName(firstLine(subtreeText(a)))
			skip = append(skip, a)
		}
		if t := own(timeRule, true); t != nil {
			timeText = firstLine(subtreeText(t))
			c.Posted = strings.TrimSpace(attr(t, "datetime"))
			if c.Posted == "" {
				c.Posted = timeText
			}
			skip = append(skip, t)
		}
		if len(skip) == 2 {
			// The element that holds both, and little else ("wrote on",
			// "says", a separator), is the header: its words go with it.
			if hd := commonAncestor(skip[0], skip[1], it); hd != nil &&
				rules.CountWords(textExcept(hd, func(x *html.Node) bool { return containsNode(skip, x) })) <= maxHeaderJoinWords {
				skip = append(skip, hd)
			}
		}
		var text string
		if ts := ownAll(textRule); len(ts) > 0 {
			// Every element the rule matches, not only the first: a
			// comment's paragraphs (".comment-body > p").
			parts := make([]string, len(ts))
			for i, t := range ts {
				parts[i] = textExcept(t, nested)
			}
			text = strings.Join(parts, "\n")
			if c.Author == "" {
				// The item's first line outside its text may be a header
				// no author rule names ("At 4/19/2005 07:14 PM, Anonymous
				// said..." in a <dt>).
				rest := commentLines(textExcept(it, func(x *html.Node) bool {
					return nested(x) || containsNode(ts, x) || containsNode(skip, x)
				}))
				if len(rest) > 0 {
					h.headerLine(&c, rest[0])
				}
			}
		} else {
			text = textExcept(it, func(x *html.Node) bool { return nested(x) || containsNode(skip, x) })
		}
		lines := commentLines(text)
		if c.Author == "" && timeText != "" && len(lines) >= 2 {
			// A header line that names the author over the time element
			// ("JC Says:" over <time>): read with the time it stood over.
			probe := append([]string{lines[0], rules.Normalize(timeText)}, lines[1:]...)
			var hc doc.Comment
			if rest := h.headerLines(&hc, probe); len(rest) == len(probe)-2 && hc.Author != "" {
				c.Author, lines = hc.Author, lines[1:]
				if c.ReplyTo == "" {
					c.ReplyTo = hc.ReplyTo
				}
			}
		}
		if c.Author == "" {
			lines = h.headerLines(&c, lines)
		}
		if textpass.PostingOnly(h.set, c.Author) {
			c.Author = "" // "Posted on": the header's words, no name
		}
		c.Text, c.Truncated = h.commentText(lines)
		out = append(out, c)
	}
	return out
}

// headerLine reads c's author and time from line when a comment header
// rule reads a whole header, with an author, in it alone.
func (h *htmlDoc) headerLine(c *doc.Comment, line string) {
	for _, r := range h.set.OfKind(rules.KindCommentHeader) {
		if n, g := r.MatchHeader([]string{line}, nil); n == 1 && g[rules.FieldAuthor] != "" {
			c.Author = rules.Normalize(g[rules.FieldAuthor])
			if c.Posted == "" {
				c.Posted = g[rules.FieldPosted]
			}
			return
		}
	}
}

// authorName is the name in the text of a comment's author element,
// without the verb a header writes after it, in lower case, and its
// punctuation ("Tom said...", "Ann wrote:", "Jean a écrit :"; but
// "Edward Said"): the verbs are the pack's list comment_speech.
func (h *htmlDoc) authorName(s string) string {
	trimmed := strings.TrimRight(s, " :.…")
	for _, verb := range h.set.Words(rules.WordsSpeech) {
		if name, ok := strings.CutSuffix(trimmed, " "+verb); ok && strings.TrimSpace(name) != "" {
			return strings.TrimRight(name, " ,")
		}
	}
	return s
}

// maxHeaderJoinWords is the most words a comment's header holds besides
// its author and time ("wrote on", "said at").
const maxHeaderJoinWords = 3

// commonAncestor is the innermost element that holds both a and b, below
// the item it; nil when only the item holds both.
func commonAncestor(a, b, it *html.Node) *html.Node {
	for x := a.Parent; x != nil && x != it; x = x.Parent {
		if x == b || isAncestor(x, b) {
			return x
		}
	}
	return nil
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// textExcept is the text of a subtree without the subtrees skip selects.
func textExcept(n *html.Node, skip func(*html.Node) bool) string {
	clone := cloneWithout(n, skip)
	return subtreeText(clone)
}

// cloneWithout copies a subtree, leaving out the subtrees skip selects.
func cloneWithout(n *html.Node, skip func(*html.Node) bool) *html.Node {
	root := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Attr: n.Attr}
	type pair struct{ src, dst *html.Node }
	stack := []pair{{n, root}}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := p.src.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && skip(c) {
				continue
			}
			d := &html.Node{Type: c.Type, DataAtom: c.DataAtom, Data: c.Data, Attr: c.Attr}
			p.dst.AppendChild(d)
			stack = append(stack, pair{c, d})
		}
	}
	return root
}

// commentLines are the non-blank lines of a comment's text, normalised.
func commentLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = rules.Normalize(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// commentText drops buttons and chrome lines ("Reply", "Like") from a
// comment's lines and strips a cut marker.
func (h *htmlDoc) commentText(lines []string) (string, bool) {
	var kept []string
	for _, l := range lines {
		if !h.chrome(l) {
			kept = append(kept, l)
		}
	}
	return textpass.StripTruncation(h.set, strings.Join(kept, "\n\n"))
}

// headerLines reads a comment header the text layouts know (the
// comment_header rules) from the first lines of a comment, or from its
// last line (a signature line: "Posted by Ann | March 3, 2024"), into c,
// and returns the lines without it.
func (h *htmlDoc) headerLines(c *doc.Comment, lines []string) []string {
	if len(lines) < 2 {
		return lines
	}
	fill := func(g rules.Groups) {
		c.Author = rules.Normalize(g[rules.FieldAuthor])
		c.Posted = g[rules.FieldPosted]
		if r := rules.Normalize(g[rules.FieldReplyTo]); r != "" && c.ReplyTo == "" {
			c.ReplyTo = r
		}
	}
	for _, r := range h.set.OfKind(rules.KindCommentHeader) {
		if n, g := r.MatchHeader(lines[:min(len(r.Lines), len(lines)-1)], nil); n > 0 && g[rules.FieldAuthor] != "" {
			fill(g)
			return lines[n:]
		}
	}
	last := lines[len(lines)-1:]
	for _, r := range h.set.OfKind(rules.KindCommentHeader) {
		if n, g := r.MatchHeader(last, nil); n == 1 && g[rules.FieldAuthor] != "" && g[rules.FieldPosted] != "" {
			fill(g)
			return lines[:len(lines)-1]
		}
	}
	return lines
}

// chrome reports whether a line is a comment button or marker (a rule of
// category comments with scope thread).
func (h *htmlDoc) chrome(line string) bool {
	return h.commentsRuleReads(line, func(r *rules.Rule) bool { return r.Scope == rules.Thread })
}

// commentsRuleReads reports whether a phrase or line rule of category
// comments that keep accepts matches line.
func (h *htmlDoc) commentsRuleReads(line string, keep func(*rules.Rule) bool) bool {
	for _, i := range h.set.MatchPhrase(line) {
		if r := h.set.Rules()[i]; r.Category == rules.Comments && keep(r) {
			return true
		}
	}
	for _, r := range h.set.OfKind(rules.KindLine) {
		if r.Category == rules.Comments && keep(r) && r.Check(line) {
			if _, ok := r.Match(line); ok {
				return true
			}
		}
	}
	return false
}

// commentCount reads the declared number of comments from a section's
// headings ("51 Comments"), outside the comments themselves.
func (h *htmlDoc) commentCount(sec *html.Node, items []*html.Node) {
	if h.meta.CommentCount != nil {
		return
	}
	text := textExcept(sec, func(x *html.Node) bool { return containsNode(items, x) })
	for _, l := range strings.Split(text, "\n") {
		l = rules.Normalize(l)
		for _, r := range h.set.OfKind(rules.KindLine) {
			if r.Category != rules.Comments || !r.Check(l) {
				continue
			}
			if g, ok := r.Match(l); ok && g[rules.FieldCommentCount] != "" {
				if n, ok := textpass.ParseCount(h.set, g[rules.FieldCommentCount]); ok {
					h.meta.CommentCount = &n
					return
				}
			}
		}
	}
}

// sectionChrome reports whether a line of a comment is the comment
// section's own text rather than a reader's: its heading, its count, a
// notice, a form's label, an invitation (a rule of category comments that
// reads neither a header nor a thread's buttons).
func (h *htmlDoc) sectionChrome(line string) bool {
	return h.commentsRuleReads(line, func(r *rules.Rule) bool { return r.Scope != rules.Thread })
}

// trimSectionChrome takes the section's own lines ("Comments", "210
// Comments", "Be the first to comment") off the start and the end of
// each comment's text, reads the header the text then opens with ("Posted
// by Ann - Tuesday, January 08, 2008"), and drops a comment that was
// chrome alone (no text left, no author, no answer to it): a section of
// chrome alone is no thread. The comments left are numbered again.
func (h *htmlDoc) trimSectionChrome() {
	cs := h.meta.Comments
	if len(cs) == 0 {
		return
	}
	answered := map[int]bool{}
	for _, c := range cs {
		answered[c.Parent] = true
	}
	ids := map[int]int{}
	out := cs[:0:0]
	for _, c := range cs {
		lines := strings.Split(c.Text, "\n")
		from, to := 0, len(lines)
		for from < to && (strings.TrimSpace(lines[from]) == "" || h.sectionChrome(rules.Normalize(lines[from]))) {
			from++
		}
		for to > from && (strings.TrimSpace(lines[to-1]) == "" || h.sectionChrome(rules.Normalize(lines[to-1]))) {
			to--
		}
		trimmed := from > 0 || to < len(lines)
		if trimmed {
			c.Text = strings.Join(lines[from:to], "\n")
			if c.Author == "" && c.Text != "" {
				if kept := h.headerLines(&c, commentLines(c.Text)); c.Author != "" {
					c.Text = strings.Join(kept, "\n\n")
				}
			}
		}
		if trimmed && c.Text == "" && c.Author == "" && !answered[c.ID] {
			continue
		}
		ids[c.ID] = len(out) + 1
		c.ID = len(out) + 1
		out = append(out, c)
	}
	for i := range out {
		out[i].Parent = ids[out[i].Parent]
	}
	h.meta.Comments = out
}
