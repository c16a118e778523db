package htmlpass

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnow-text/winnow/cleaner/internal/doc"
	"github.com/winnow-text/winnow/cleaner/internal/textpass"

	"github.com/PuerkitoBio/goquery"
	"github.com/winnow-text/winnow/rules"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hblock is a run of text in the DOM owned by one block-level element:
// a paragraph, a heading, a list item, a cell, or the text a div holds
// between its child blocks.
type hblock struct {
	node      *html.Node
	text      string // plain text; lines split at <br>
	md        string // the same as Markdown
	chars     int    // letters and digits
	linkChars int    // of them, inside links
	commas    int
	unlikely  bool   // inside an element whose class or id says boilerplate
	afterRule bool   // a drawn rule (<hr>) stands between it and the block before it
	opener    string // a comment section's heading or count taken out right before it (blockWalker.opener)
}

// mark is a subtree taken out of the page by a rule.
type mark struct {
	node *html.Node
	rule *rules.Rule
	text string
	anc  []*html.Node // its ancestors when it was taken out
}

// htmlDoc is the per-document state of the HTML path.
type htmlDoc struct {
	set      *rules.Set
	root     *html.Node
	textLen  map[*html.Node]int // visible text bytes in each element's subtree
	order    map[*html.Node]int // document order of elements
	elements int                // how many elements prune left
	lists    []*html.Node       // the definition lists, in document order (measure)
	marks    []mark
	marked   map[*html.Node]bool
	blocks   []hblock
	comments []doc.Comment
	meta     doc.Meta
	lang     string
	sigBuf   []byte
	vocabs   map[string]classVocab // pack word lists read in class and id values (see vocab)
	hits     []bool                // classHas's answer, reused
	page     pageMeta
	markdown bool                 // build the Markdown of the blocks
	ignored  map[*rules.Rule]bool // selector rules this page does not apply (overreach)
	// namesBody holds the elements marked itemprop="articleBody" and
	// their ancestors: no selector rule takes them.
	namesBody map[*html.Node]bool
}

// Page is a cleaned HTML page.
type Page struct {
	Body     string // plain text, one block per paragraph, a blank line between
	Markdown string // the same with headings, lists, quotes, emphasis and links
	Meta     doc.Meta
	Warnings []string // problems that did not stop the cleaning
}

// TreeError is returned for a page the HTML tree builder refuses (more
// than 512 open elements); Flatten reads its text with the tokenizer.
type TreeError struct{ Err error }

// Error says that the tree could not be built, and why.
func (e *TreeError) Error() string { return "could not build the HTML tree: " + e.Err.Error() }

// Unwrap is the parser's error.
func (e *TreeError) Unwrap() error { return e.Err }

// Clean cleans an HTML page: metadata from the markup, comment sections
// parsed from the DOM, the article container found by content scoring,
// boilerplate inside it removed by selector rules, and the text stages
// (package textpass) run on the blocks that remain. opts.Lang and
// opts.HTML are set here.
func Clean(ctx context.Context, set *rules.Set, text string, opts textpass.Options, markdown bool) (Page, error) {
	h, err := parse(set, text, markdown, nil)
	if err != nil {
		return Page{}, &TreeError{err}
	}
	// A selector rule that would take the article's prose (a "paywall"
	// class on every paragraph) is ignored on this page, with a warning.
	var warnings []string
	var ignored map[*rules.Rule]bool
	for k := 0; k < maxIgnoredRules; k++ {
		r, share := h.overreach()
		if r == nil {
			break
		}
		if ignored == nil {
			ignored = map[*rules.Rule]bool{}
		}
		ignored[r] = true
		warnings = append(warnings, fmt.Sprintf("rule %s would have removed %d%% of the page's prose: ignored on this page", r.ID, share))
		if h, err = parse(set, text, markdown, ignored); err != nil {
			return Page{}, &TreeError{err}
		}
	}
	if err := ctx.Err(); err != nil {
		return Page{}, err
	}
	h.lang = h.language()
	h.page.apply(&h.meta, set, h.lang)
	h.meta.Comments = h.comments

	kept := h.blocks
	var in map[*html.Node]bool
	marks := len(h.marks)
	if outside := set.Rule(rules.IDOutsideArticle); outside != nil {
		kept, in = h.article(outside)
	}
	if len(h.meta.Authors) == 0 {
		h.bylineAuthors(in, kept)
	}

	// The text stages on the blocks that remain: one line per line of a
	// block, a blank line between blocks.
	lines := blockLines(kept)
	opts.Lang, opts.HTML, opts.KnownTitle, opts.Hidden = h.lang, true, h.meta.Title, lines.hidden
	fx, err := textpass.Fixpoint(ctx, set, lines.text, opts)
	if err != nil {
		return Page{}, err
	}
	if in != nil && len(fx.Body) < minArticleBytes {
		// The container left (next to) nothing: the article is the
		// page's loose text, for the text stages to clean.
		all := 0
		for _, b := range h.blocks {
			all += proseChars(b)
		}
		if all >= minArticleBytes {
			h.marks = h.marks[:marks]
			kept, in = h.blocks, nil
			lines = blockLines(kept)
			opts.Hidden = lines.hidden
			if fx, err = textpass.Fixpoint(ctx, set, lines.text, opts); err != nil {
				return Page{}, err
			}
		}
	}
	doc.Merge(&h.meta, &fx.Meta)
	if h.meta.Date == "" && len(kept) > 0 {
		h.headDate(kept[0].node)
	}
	if in != nil && (len(h.meta.Comments) == 0 || h.formOnly(h.meta.Comments)) {
		if err := h.commentsAfter(ctx, kept, opts); err != nil {
			return Page{}, err
		}
	}
	h.trimSectionChrome()
	h.meta.Language = h.lang
	md := h.assemble(kept, lines, &fx)
	if !markdown {
		md = fx.Body
	}
	return Page{Body: fx.Body, Markdown: md, Meta: h.meta, Warnings: warnings}, nil
}

// language is the page's declared language, else the one its text reads as.
func (h *htmlDoc) language() string {
	if h.page.lang != "" {
		return h.page.lang
	}
	const size = 16 << 10
	n := 0
	for _, b := range h.blocks {
		if n > size {
			break
		}
		n += len(b.text) + 1
	}
	var sample strings.Builder
	sample.Grow(n)
	for _, b := range h.blocks {
		if sample.Len() > size {
			break
		}
		sample.WriteString(b.text)
		sample.WriteByte('\n')
	}
	return textpass.DetectLanguage(h.set, sample.String())
}

// flatBlocks is the text the text stages read for a page's blocks: each
// line of a block on a line of its own, a blank line between blocks.
type flatBlocks struct {
	text  string
	lines []string
	// span[b] is the lines [from, to) of block b.
	span [][2]int
	// hidden marks the lines that belong to no block (drawnRule).
	hidden []bool
}

// drawnRule is the line that stands for an <hr> between blocks.
const drawnRule = "────────"

func blockLines(kept []hblock) flatBlocks {
	var f flatBlocks
	f.span = make([][2]int, len(kept))
	// hide adds a line the text stages read and the body never holds.
	hide := func(line string) {
		f.hidden = padHidden(f.hidden, len(f.lines))
		f.lines = append(f.lines, line, "")
		f.hidden = append(f.hidden, true, false)
	}
	for bi, b := range kept {
		if b.afterRule && bi > 0 {
			// The rule a text browser draws (a thread's comments set off
			// by <hr>).
			hide(drawnRule)
		}
		if b.opener != "" && bi > 0 {
			// The heading of the comments that follow, which a rule took
			// out: the text stages see a thread open there.
			hide(b.opener)
		}
		f.span[bi][0] = len(f.lines)
		for _, l := range strings.Split(b.text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				f.lines = append(f.lines, l)
			}
		}
		f.span[bi][1] = len(f.lines)
		f.lines = append(f.lines, "")
	}
	f.text = strings.Join(f.lines, "\n")
	if f.hidden != nil {
		f.hidden = padHidden(f.hidden, len(f.lines))
	}
	return f
}

// padHidden is hidden with lines not hidden added up to n lines.
func padHidden(hidden []bool, n int) []bool {
	return append(hidden, make([]bool, n-len(hidden))...)
}

// assemble records what was removed, in document order (marked subtrees,
// whole blocks, lines of blocks), in h.meta.Removed, and returns the
// Markdown of what was kept.
func (h *htmlDoc) assemble(kept []hblock, lines flatBlocks, fx *textpass.Fixed) string {
	type ordered struct {
		at int
		r  doc.Removal
	}
	var rs []ordered
	removal := func(n *html.Node, r *rules.Rule, text string) {
		rs = append(rs, ordered{h.order[n], doc.Removal{Category: string(r.Category), Rule: r.ID, Path: cssPath(n), Text: text}})
	}
	for _, m := range h.marks {
		removal(m.node, m.rule, m.text)
	}
	var md strings.Builder
	para := func() {
		if md.Len() > 0 {
			md.WriteString("\n\n")
		}
	}
	for bi := range kept {
		b := &kept[bi]
		var keptLines, removed []int
		cut := false // a line of the block lost sentences at its end
		for li := lines.span[bi][0]; li < lines.span[bi][1]; li++ {
			if fx.Rule(li) != nil {
				removed = append(removed, li)
			} else {
				keptLines = append(keptLines, li)
				if r, _, _ := fx.Cut(lines.text, li); r != nil {
					cut = true
				}
			}
		}
		switch {
		case len(removed) == 0 && !cut:
			para()
			md.WriteString(b.md)
		case len(keptLines) == 0 && sameRemoval(fx, removed):
			removal(b.node, fx.Rule(removed[0]), b.text)
		default:
			for _, li := range removed {
				removal(b.node, fx.Rule(li), lines.lines[li])
			}
			if len(keptLines) > 0 {
				para()
				for k, li := range keptLines {
					if k > 0 {
						md.WriteString("\n")
					}
					text := lines.lines[li]
					if r, cutText, keptText := fx.Cut(lines.text, li); r != nil {
						removal(b.node, r, cutText)
						text = keptText
					}
					md.WriteString(text)
				}
			}
		}
	}
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].at < rs[b].at })
	for _, o := range rs {
		h.meta.Removed = append(h.meta.Removed, o.r)
	}
	if md.Len() == 0 {
		return ""
	}
	return md.String() + "\n"
}

// sameRemoval reports whether the lines idx of a block were all removed
// as one.
func sameRemoval(fx *textpass.Fixed, idx []int) bool {
	for _, i := range idx[1:] {
		if !fx.SameRemoval(i, idx[0]) {
			return false
		}
	}
	return true
}

// Lines returns the lines of a page's blocks of text, as the text stages
// see them (for corpus learning); a page the tree builder refuses gives
// the lines of its flattened text.
func Lines(set *rules.Set, text string) []string {
	h, err := parse(set, text, false, nil)
	if err != nil {
		return strings.Split(Flatten(text), "\n")
	}
	var lines []string
	for _, b := range h.blocks {
		lines = append(lines, strings.Split(b.text, "\n")...)
	}
	return lines
}

// parse parses a page, reads its metadata, prunes what is invisible,
// applies the selector rules and cuts the text into blocks.
func parse(set *rules.Set, text string, markdown bool, ignored map[*rules.Rule]bool) (*htmlDoc, error) {
	root, err := goquery.NewDocumentFromReader(strings.NewReader(closeTitle(text)))
	if err != nil {
		return nil, err
	}
	h := &htmlDoc{set: set, root: root.Nodes[0], marked: map[*html.Node]bool{}, markdown: markdown, ignored: ignored}
	h.page = readPageMeta(root.Nodes[0])
	h.prune()
	h.measure()
	h.groupDefinitions()
	h.walk()
	return h, nil
}

// mentionsComments reports whether a short block of blocks talks of
// comments (comment_talk): a thread has a heading, a count or a form
// that does.
func (h *htmlDoc) mentionsComments(blocks []hblock) bool {
	for _, b := range blocks {
		if len(b.text) <= maxCommentsLine && h.holdsWord(rules.WordsCommentTalk, b.text) {
			return true
		}
	}
	return false
}

// holdsWord reports whether text holds a word of the pack's list name,
// as a word of its own (rules.ContainsWord), in any case.
func (h *htmlDoc) holdsWord(name, text string) bool {
	lower := strings.ToLower(text)
	for _, w := range h.set.Words(name) {
		if rules.ContainsWord(lower, w) {
			return true
		}
	}
	return false
}

// maxCommentsLine is the longest block mentionsComments reads.
const maxCommentsLine = 200

// contextBlocks is how many of the article's last blocks commentsAfter
// reads before the blocks after it.
const contextBlocks = 5

// commentsAfter reads the comments of a thread that the page prints
// after the article, outside the container and in markup that no
// comment rule names (flat runs of "Posted by: …" and text blocks): the
// blocks after the article's last go through the text stages on their
// own, and the comments they find are the page's. The blocks stay
// removed as outside the article.
func (h *htmlDoc) commentsAfter(ctx context.Context, kept []hblock, opts textpass.Options) error {
	if len(kept) == 0 {
		return nil
	}
	last := h.order[kept[len(kept)-1].node]
	var after []hblock
	for _, b := range h.blocks {
		if h.order[b.node] > last {
			after = append(after, b)
		}
	}
	if len(after) == 0 || !h.mentionsComments(after) {
		return nil
	}
	// The article's last blocks go first, hidden: the stages look for a
	// thread after an article.
	lead := kept[max(0, len(kept)-contextBlocks):]
	lines := blockLines(append(append([]hblock(nil), lead...), after...))
	lines.hidden = padHidden(lines.hidden, len(lines.lines))
	for i := 0; i < lines.span[len(lead)-1][1]; i++ {
		lines.hidden[i] = true
	}
	opts.Hidden = lines.hidden
	fx, err := textpass.Fixpoint(ctx, h.set, lines.text, opts)
	if err != nil {
		return err
	}
	if signed(fx.Meta.Comments) {
		h.meta.Comments = fx.Meta.Comments
		if h.meta.CommentCount == nil {
			h.meta.CommentCount = fx.Meta.CommentCount
		}
	}
	return nil
}

// signed reports whether one of comments names its author or its time.
func signed(comments []doc.Comment) bool {
	for _, c := range comments {
		if c.Author != "" || c.Posted != "" {
			return true
		}
	}
	return false
}

// formOnly reports whether comments are a comment form's text rather
// than readers' comments: none is signed, and half or more are short
// (a field's label) or state a rule of the comments ("… register now or
// login", comment_notice_words).
func (h *htmlDoc) formOnly(comments []doc.Comment) bool {
	if signed(comments) {
		return false
	}
	formy := 0
	for _, c := range comments {
		if rules.CountWords(c.Text) < minFormCommentWords || h.holdsWord(rules.WordsCommentNotice, c.Text) {
			formy++
		}
	}
	return formy*2 >= len(comments)
}

// minFormCommentWords is the fewest words of a comment that formOnly
// does not read as a form's label.
const minFormCommentWords = 8

// control reports whether n is a form control the page shows: an input
// (not a hidden one), a text area, a select, a button.
func control(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Input:
		if strings.EqualFold(attr(n, "type"), "hidden") {
			return false
		}
	case atom.Textarea, atom.Select, atom.Button:
	default:
		return false
	}
	return !styledHidden(n)
}

// boxed reports whether n, an element prune removes, shows as a box of
// its own on the page (a player, an embedded object, an icon), so that
// the text on either side of it does not run together. (A form control
// the page shows stays in the tree: control.)
func boxed(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Iframe, atom.Video, atom.Audio, atom.Canvas, atom.Object, atom.Embed, atom.Svg:
		return true
	}
	return false
}

// invisible elements hold no text a reader sees.
func invisible(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Object, atom.Embed,
		atom.Canvas, atom.Head, atom.Input, atom.Button, atom.Select, atom.Textarea, atom.Audio, atom.Video,
		atom.Map, atom.Link, atom.Meta:
		return true
	}
	return styledHidden(n) || attr(n, "aria-hidden") == "true"
}

// styledHidden reports whether n's attributes keep it off the page: the
// hidden attribute, or a style with display:none or visibility:hidden.
func styledHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// prune takes invisible elements and comments out of the tree.
func (h *htmlDoc) prune() {
	stack := []*html.Node{h.root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && control(c) {
				// A form control stays, empty, for the selectors that
				// read a form by its controls (form:has(textarea)); its
				// text (a button's caption, a select's options) is the
				// form's, not the page's.
				for k := c.FirstChild; k != nil; k = c.FirstChild {
					c.RemoveChild(k)
				}
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c)
			} else if c.Type == html.CommentNode || c.Type == html.ElementNode && invisible(c) {
				if boxed(c) {
					// A control or a player a reader sees as a box
					// between two words ("<label>Name</label><input>
					// <label>Comment</label>") parts them.
					n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c)
				}
				n.RemoveChild(c)
			} else if c.Type == html.ElementNode || c.Type == html.DocumentNode {
				stack = append(stack, c)
				h.elements++
			}
			c = next
		}
	}
}

// measure counts the visible text of every element's subtree, numbers
// the elements in document order and marks the named body (namesBody).
func (h *htmlDoc) measure() {
	h.textLen = make(map[*html.Node]int, h.elements)
	h.order = make(map[*html.Node]int, h.elements)
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{h.root, false}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.exit {
			if n.Parent != nil {
				h.textLen[n.Parent] += h.textLen[n]
			}
			continue
		}
		if n.Type == html.TextNode {
			if n.Parent != nil {
				h.textLen[n.Parent] += len(strings.TrimSpace(n.Data))
			}
			continue
		}
		h.order[n] = len(h.order)
		if n.Type == html.ElementNode && strings.EqualFold(attr(n, "itemprop"), "articleBody") {
			h.markNamedBody(n)
		}
		if n.DataAtom == atom.Dl {
			h.lists = append(h.lists, n)
		}
		stack = append(stack, frame{n, true})
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{c, false})
		}
	}
}

// isBlock reports whether an element starts a new block of text.
func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption, atom.Center, atom.Dd,
		atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup,
		atom.Hr, atom.Html, atom.Legend, atom.Li, atom.Listing, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P,
		atom.Plaintext, atom.Pre, atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th,
		atom.Thead, atom.Tr, atom.Ul, atom.Xmp, atom.Noframes, atom.Frameset:
		return true
	}
	return false
}

// isLink reports whether n is a link: an <a>, unless it is an anchor
// named as a place in the page (<a name>, with no href). Left open
// (<a name="top"/>), such an anchor makes the parser wrap the rest of the
// page in it, and that is no link text. An <a> without an href but with
// a script (onclick) is still a link to its reader.
func isLink(n *html.Node) bool {
	if n.Type != html.ElementNode || n.DataAtom != atom.A {
		return false
	}
	named := false
	for _, a := range n.Attr {
		switch a.Key {
		case "href":
			return true
		case "name":
			named = true
		}
	}
	return !named
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// classID is an element's class and id, lower case.
func classID(n *html.Node) string {
	class, id := attr(n, "class"), attr(n, "id")
	if class == "" && id == "" {
		return " "
	}
	return strings.ToLower(class + " " + id)
}

// unlikelyCandidate is the class/id test Readability applies before
// scoring: boilerplate words, unless a content word is there too.
func (h *htmlDoc) unlikelyCandidate(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Body, atom.A, atom.Html, atom.Table, atom.Tbody, atom.Tr, atom.Td, atom.Th, atom.Article, atom.Main, atom.Pre, atom.Code:
		return false
	}
	if role := attr(n, "role"); role != "" {
		switch {
		case slices.Contains(h.set.Words(rules.WordsUnlikelyRoles), role):
			return true
		case slices.Contains(h.set.Words(rules.WordsContentRoles), role):
			return false
		}
	}
	ci := classID(n)
	if strings.TrimSpace(ci) == "" {
		return false
	}
	hits := h.classHas(ci, rules.WordsHTMLUnlikely, rules.WordsHTMLMaybe)
	return hits[0] && !hits[1]
}

// selectorRule returns the first selector rule (not a part of a comment
// system) that matches element n, or nil.
func (h *htmlDoc) selectorRule(n *html.Node) *rules.Rule {
	h.sigBuf = rules.Signature(n, h.sigBuf)
	var found *rules.Rule
	all := h.set.Rules()
	best := len(all)
	h.set.SelectorPrefilter().Scan(string(h.sigBuf), func(_ int, rs []int) {
		for _, i := range rs {
			r := all[i]
			if i >= best || r.Input == rules.TextInput || r.Category == rules.Comments && r.Action != rules.StartThread {
				continue
			}
			if r.AppliesTo(rules.HTMLInput, h.lang) && !h.ignored[r] && r.MatchNode(n) {
				found, best = r, i
			}
		}
	})
	for _, i := range h.set.SelectorPrefilter().Always() {
		if r := all[i]; i < best && r.Category != rules.Comments && !h.ignored[r] && r.MatchNode(n) {
			found, best = r, i
		}
	}
	return found
}

// takes reports whether a selector rule may take element n out: not when
// the element holds most of the page (a class that merely looks like
// boilerplate on the article's wrapper); a comment section only when it
// holds comments or is small.
func (h *htmlDoc) takes(n *html.Node, r *rules.Rule, total int) bool {
	size := h.textLen[n]
	switch {
	case r.Action == rules.StartThread:
		return size*10 < total*3 || h.hasCommentItem(n) || h.itemsHoldText(n)
	case r.Field == rules.FieldAuthors:
		return size <= 100 // a byline is short
	case h.namesBody[n]:
		return false // the element the page calls its article's body, or holds it
	}
	return size*2 <= total
}

// take removes the subtree of n for rule r, reading comments, related
// links or an author box out of it first.
func (h *htmlDoc) take(n *html.Node, r *rules.Rule) {
	text := subtreeText(n)
	if text == "" && r.Action != rules.StartThread {
		return // nothing a reader sees: no need to audit it
	}
	switch {
	case r.Action == rules.StartThread:
		h.comments = append(h.comments, h.parseComments(n, len(h.comments))...)
	case r.Field == rules.FieldRelated:
		h.meta.Related = append(h.meta.Related, links(n)...)
	case r.Field == rules.FieldAuthorBio:
		if h.meta.AuthorBio == "" {
			h.meta.AuthorBio = textpass.StripMarkers(h.set, rules.Author, longestParagraph(n))
		}
	}
	h.remove(n, r, text)
}

// remove takes n out of the tree for rule r, with its text for the
// audit; the walk skips it from then on.
func (h *htmlDoc) remove(n *html.Node, r *rules.Rule, text string) {
	var anc []*html.Node
	for a := n.Parent; a != nil; a = a.Parent {
		anc = append(anc, a)
	}
	h.marks = append(h.marks, mark{node: n, rule: r, text: text, anc: anc})
	h.marked[n] = true
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// maxHeadBlocks is how many blocks above the article headDate reads.
const maxHeadBlocks = 4

// maxHeadDateWords is the most words of a block headDate reads a date in:
// a byline's or a dateline's, not a teaser's.
const maxHeadDateWords = 25

// headDate fills the date, when neither the markup nor the article's text
// gave one, from the nearest short block above the article's first block
// (first) that writes a date: the line under the headline that the
// container left out ("June 2, 2024 by Lena Ortiz · 3 min read").
func (h *htmlDoc) headDate(first *html.Node) {
	at := -1
	for k := range h.blocks {
		if h.blocks[k].node == first {
			at = k
			break
		}
	}
	for k := at - 1; k >= 0 && k >= at-maxHeadBlocks; k-- {
		text := h.blocks[k].text
		if rules.CountWords(text) > maxHeadDateWords {
			continue
		}
		s, e, ok := h.set.FindDate(text)
		if !ok {
			continue
		}
		if iso, ok := textpass.ParseDate(text[s:e], h.set, h.lang); ok {
			h.meta.Date, h.meta.DateText = iso, text[s:e]
			return
		}
	}
}

// bylineAuthors takes the authors from a byline element when the page's
// metadata named none: the first one inside the article, else the last
// one above it (a byline in a related list further down names someone
// else). in holds the article's elements (nil: the whole page).
func (h *htmlDoc) bylineAuthors(in map[*html.Node]bool, kept []hblock) {
	start := -1
	if len(kept) > 0 {
		start = h.order[kept[0].node]
	}
	stopword := func(w string) bool { return textpass.IsStopword(h.set, h.lang, w) }
	names := func(m *mark) []string {
		var out []string
		for _, a := range bylineNames(m.text, h.set) {
			if textpass.LooksLikeName(h.set, a, stopword) {
				out = append(out, a)
			}
		}
		return out
	}
	// A byline inside the article, else the nearest one above it that
	// names somebody (a "Follow @…" box also has "author" in its class).
	var before []*mark
	var found []string
	for k := range h.marks {
		m := &h.marks[k]
		if m.rule.Field != rules.FieldAuthors || len(m.text) > 100 {
			continue
		}
		inside := in == nil
		for _, a := range m.anc {
			if in[a] {
				inside = true
				break
			}
		}
		if inside {
			found = names(m)
			break
		}
		if start >= 0 && h.order[m.node] < start {
			before = append(before, m)
		}
	}
	for k := len(before) - 1; k >= 0 && found == nil; k-- {
		found = names(before[k])
	}
	for _, a := range found {
		h.meta.Authors = doc.AppendUnique(h.meta.Authors, a)
	}
}

// article picks the article container by content scoring and marks the
// rest of the page as removed by rule outside; it returns the blocks
// inside the container, in document order, and the container's elements.
func (h *htmlDoc) article(outside *rules.Rule) ([]hblock, map[*html.Node]bool) {
	nodes, dropUnlikely := h.container()
	if len(nodes) == 0 {
		return h.blocks, nil
	}
	in := map[*html.Node]bool{}
	holds := map[*html.Node]bool{} // ancestors of the container
	for _, n := range nodes {
		in[n] = true
		for a := n.Parent; a != nil; a = a.Parent {
			holds[a] = true
		}
	}
	var kept []hblock
	outsideText := map[*html.Node]*strings.Builder{}
	var outsideOrder []*html.Node
	for _, b := range h.blocks {
		inside := false
		top := b.node
		for a := b.node; a != nil; a = a.Parent {
			if in[a] {
				inside = true
				break
			}
			if !holds[a] {
				top = a
			}
		}
		if inside && !(dropUnlikely && b.unlikely) {
			kept = append(kept, b)
			continue
		}
		sb := outsideText[top]
		if sb == nil {
			sb = &strings.Builder{}
			outsideText[top] = sb
			outsideOrder = append(outsideOrder, top)
		} else {
			sb.WriteByte('\n')
		}
		sb.WriteString(b.text)
	}
	for _, n := range outsideOrder {
		h.marks = append(h.marks, mark{node: n, rule: outside, text: outsideText[n].String()})
	}
	return h.dropLinkBlocks(h.dropCards(kept, in)), in
}

// dropLinkBlocks removes the blocks of the article that are nearly all
// link text (isLinkBlock): rows of next-story, topic and "read more"
// links. Not a table's cells (a table is data), and not when such blocks
// are most of the article (a page that is a list of links is its
// content).
func (h *htmlDoc) dropLinkBlocks(kept []hblock) []hblock {
	r := h.set.Rule(rules.IDLinkBlock)
	if r == nil {
		return kept
	}
	total, links := 0, 0
	for _, b := range kept {
		total += b.chars
		if isLinkBlock(b) && !h.dataCell(b.node) {
			links += b.chars
		}
	}
	// Only at the edges of the article: before its first paragraph or
	// after its last. Between paragraphs, linked headings and lists of
	// linked items are the article's own.
	first, last, paras := -1, -1, 0
	for i, b := range kept {
		if b.chars >= 80 && !isLinkBlock(b) {
			if first < 0 {
				first = i
			}
			last = i
			if rules.EndsSentence(b.text) {
				paras++
			}
		}
	}
	// A page that is mostly links is a list of links, its content; not
	// when an article of minArticleParas paragraphs stands before them.
	if links == 0 || links*5 >= total*2 && paras < minArticleParas {
		return kept
	}
	drop := make([]bool, len(kept))
	for i, b := range kept {
		drop[i] = (i < first || i > last) && isLinkBlock(b) && !h.dataCell(b.node)
	}
	for i, b := range kept {
		// A list's own heading goes with it: a subheading right above two
		// dropped link blocks or more ("More in South Asia news").
		if (i < first || i > last) && !drop[i] && i+2 < len(kept) && drop[i+1] && drop[i+2] && listHeading(b) {
			drop[i] = true
		}
	}
	out := kept[:0]
	for i, b := range kept {
		if drop[i] {
			h.marks = append(h.marks, mark{node: b.node, rule: r, text: b.text})
			continue
		}
		out = append(out, b)
	}
	return out
}

// listHeading reports whether a block may head a list: an <h2> to <h6>
// of a few words, or a label of five words at most that is no link (a
// styled <div>, a bold line), ending no sentence; never the page's <h1>.
func listHeading(b hblock) bool {
	words := rules.CountWords(b.text)
	switch b.node.DataAtom {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
	case atom.H1:
		return false
	default:
		if words > 5 || isLinkBlock(b) {
			return false
		}
	}
	return words <= maxListHeadingWords && !rules.EndsSentence(b.text)
}

// maxListHeadingWords is the most words of a list's heading.
const maxListHeadingWords = 8

// minArticleParas is how many paragraphs (eighty letters or more, not
// links, ending a sentence) make an article whose link blocks go however
// long they are.
const minArticleParas = 2

// dataCell reports whether the block element n is a table's cell itself
// (the cell holds no other block) in a row with text in another cell: the
// cell of a data table. A paragraph or list inside a cell, or a column of
// linked headlines, is a page laid out with a table, and is judged as if
// there were none.
func (h *htmlDoc) dataCell(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if a.DataAtom == atom.Td || a.DataAtom == atom.Th {
			return a == n && h.rowHasOtherText(a)
		}
	}
	return false
}

// rowHasOtherText reports whether cell's row holds text in another cell:
// a row of data has two columns at least; a table of one column of text
// (a bullet's image beside each linked headline) is a list laid out with
// a table.
func (h *htmlDoc) rowHasOtherText(cell *html.Node) bool {
	if cell.Parent == nil {
		return false
	}
	for c := cell.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != cell && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) && h.textLen[c] > 0 {
			return true
		}
	}
	return false
}

// inTable reports whether n is a table's cell or inside one.
func inTable(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if a.DataAtom == atom.Td || a.DataAtom == atom.Th {
			return true
		}
	}
	return false
}

// isLinkBlock reports whether a block is nearly all link text: three
// quarters of its letters or more are in links.
func isLinkBlock(b hblock) bool {
	return b.chars > 0 && b.linkChars*4 >= b.chars*3
}

// subtreeText is the visible text of a subtree, a line per block.
func subtreeText(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch x.Type {
		case html.TextNode:
			if t := collapseSpace(x.Data); strings.TrimSpace(t) != "" {
				if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(t, " ") {
					b.WriteByte(' ')
				}
				b.WriteString(t)
			}
			continue
		case html.ElementNode:
			if (isBlock(x) || x.DataAtom == atom.Br) && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte('\n')
			}
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = rules.Normalize(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// links reads the links of a list zone as related entries.
func links(n *html.Node) []doc.Related {
	var out []doc.Related
	seen := map[string]bool{}
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.Type == html.ElementNode && x.DataAtom == atom.A {
			title := rules.Normalize(subtreeText(x))
			href := attr(x, "href")
			if rules.CountWords(title) >= 3 && !seen[title] && href != "" && !strings.HasPrefix(href, "#") {
				seen[title] = true
				out = append(out, doc.Related{Title: title, URL: href})
			}
			continue
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return out
}

// longestParagraph is the longest block of text in a subtree.
func longestParagraph(n *html.Node) string {
	best := ""
	for _, l := range strings.Split(subtreeText(n), "\n") {
		if len(l) > len(best) {
			best = l
		}
	}
	return best
}

func bytesTrimRightSpace(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\n') {
		b = b[:len(b)-1]
	}
	return b
}

func bytesIndexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

func collapseSpace(s string) string {
	if isCollapsed(s) {
		return s
	}
	buf := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c, n := s[i], 1
		isSpace := c == ' ' || c >= '\t' && c <= '\r'
		if c >= utf8.RuneSelf {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r) && r != '\u00a0'
		}
		if isSpace {
			space = true
		} else {
			if space {
				buf = append(buf, ' ')
				space = false
			}
			buf = append(buf, s[i:i+n]...)
		}
		i += n
	}
	if space {
		buf = append(buf, ' ')
	}
	return string(buf)
}

// isCollapsed reports whether collapseSpace would return s as it is: its
// only white space is single ASCII spaces (or no-break spaces).
func isCollapsed(s string) bool {
	prev := byte(0)
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) && r != '\u00a0' {
				return false
			}
			prev = c
			i += n
			continue
		}
		if c == ' ' && prev == ' ' || c != ' ' && c <= ' ' && unicode.IsSpace(rune(c)) {
			return false
		}
		prev = c
		i++
	}
	return true
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// markdownEscaper escapes what would start Markdown syntax in plain text.
// A Replacer is safe for concurrent use.
var markdownEscaper = strings.NewReplacer("*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`)

func escapeMarkdown(s string, pre bool) string {
	if pre || !strings.ContainsAny(s, "*_`[]") {
		return s
	}
	return markdownEscaper.Replace(s)
}

// blockMarkdown renders a block's inline Markdown as its kind of block.
func blockMarkdown(n *html.Node, inline string, pre bool) string {
	if pre {
		return "```\n" + strings.Trim(inline, "\n") + "\n```"
	}
	var lines []string
	for _, l := range strings.Split(inline, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	text := strings.Join(lines, "  \n")
	quoted := false
	for a := n; a != nil; a = a.Parent {
		if a.DataAtom == atom.Blockquote {
			quoted = true
			break
		}
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		text = strings.Repeat("#", int(n.Data[1]-'0')) + " " + strings.Join(lines, " ")
	case atom.Li:
		depth := 0
		ordered := false
		for a := n.Parent; a != nil; a = a.Parent {
			if a.DataAtom == atom.Ul || a.DataAtom == atom.Ol {
				if depth == 0 {
					ordered = a.DataAtom == atom.Ol
				}
				depth++
			}
		}
		bullet := "- "
		if ordered {
			bullet = "1. "
		}
		text = strings.Repeat("  ", max(depth-1, 0)) + bullet + text
	}
	if quoted {
		text = "> " + strings.ReplaceAll(text, "\n", "\n> ")
	}
	return text
}

// cssPath is a CSS path to n: tags with an id or first class, and
// :nth-of-type where siblings share the tag.
func cssPath(n *html.Node) string {
	var parts []string
	for ; n != nil && n.Type == html.ElementNode; n = n.Parent {
		part := n.Data
		if id := attr(n, "id"); id != "" && isIdent(id) {
			parts = append(parts, part+"#"+id)
			continue
		}
		if cls := strings.Fields(attr(n, "class")); len(cls) > 0 && isIdent(cls[0]) {
			part += "." + cls[0]
		}
		if n.Parent != nil {
			same, idx := 0, 0
			for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
				if s.Type == html.ElementNode && s.Data == n.Data {
					same++
					if s == n {
						idx = same
					}
				}
			}
			if same > 1 {
				part += fmt.Sprintf(":nth-of-type(%d)", idx)
			}
		}
		parts = append(parts, part)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ">")
}

func isIdent(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// minArticleBytes is the shortest body the article container may leave
// before the page's loose text is read instead.
const minArticleBytes = 250

// closeTitle ends a title element that does not end where it should: a
// <title> with no "</title>" before the next tag ("…</titlevalue", or
// none at all in a truncated page) would read the whole page as its
// title, as the HTML standard says, and leave the body empty. The title
// ends at the first tag after it instead.
func closeTitle(text string) string {
	start := -1
	for i := 0; start < 0; i++ {
		k := strings.IndexByte(text[i:], '<')
		if k < 0 {
			return text
		}
		i += k
		if tagAt(text, i, "<title") {
			start = i
		}
	}
	open := strings.IndexByte(text[start:], '>')
	if open < 0 {
		return text
	}
	open += start + 1
	lt := strings.IndexByte(text[open:], '<')
	if lt < 0 {
		return text
	}
	lt += open
	if tagAt(text, lt, "</title") {
		return text // a title that ends
	}
	return text[:lt] + "</title>" + text[lt:]
}

// tagAt reports whether text holds the tag opening open ("<title",
// "</title") at i, in any case, followed by white space, "/" or ">".
func tagAt(text string, i int, open string) bool {
	end := i + len(open)
	return end < len(text) && strings.EqualFold(text[i:end], open) && strings.IndexByte("> \t\n\r\f/", text[end]) >= 0
}

// markNamedBody adds to namesBody n, an element marked as the article's
// body by schema.org microdata (itemprop="articleBody"), and every element
// that holds it. A class word of boilerplate on the article's own element
// ("content-gallery photo-gallery") does not make it boilerplate.
func (h *htmlDoc) markNamedBody(n *html.Node) {
	if h.namesBody == nil {
		h.namesBody = map[*html.Node]bool{}
	}
	for a := n; a != nil && !h.namesBody[a]; a = a.Parent {
		h.namesBody[a] = true
	}
}
