package htmlpass

import (
	"strings"

	"github.com/winnow-text/winnow/rules"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// walk applies the selector rules (comment sections first) and cuts the
// remaining visible text into blocks.
func (h *htmlDoc) walk() {
	w := &blockWalker{h: h, total: h.textLen[h.root], markdown: h.markdown}
	stack := []frame{{h.root, false}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		switch {
		case f.exit:
			w.exit(n)
			continue
		case n.Type == html.TextNode:
			w.text(n.Data)
			continue
		case n.Type != html.ElementNode:
		case !w.enter(n):
			continue
		default:
			stack = append(stack, frame{n, true})
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{c, false})
		}
	}
	w.flush()
}

// frame is a node on the walk's stack: entered, or to be left (exit).
type frame struct {
	n    *html.Node
	exit bool
}

// blockWalker cuts the page's text into blocks as walk visits it: the
// text of the innermost open block element, with its Markdown and its
// counts of letters, link letters and commas.
type blockWalker struct {
	h        *htmlDoc
	total    int  // the page's text bytes
	markdown bool // build each block's Markdown too

	// The block being read.
	node             *html.Node
	buf, md          []byte
	chars, links     int
	commas           int
	unlikely         bool
	linkStarts, emph []int
	hrefs            []string

	blocks        []*html.Node // open block elements
	unlikelyDepth int          // how many open elements are unlikely candidates
	unlikelyOpen  []*html.Node
	inPre         int
	linkDepth     int
	ruled         bool // an <hr> came after the last block
	// opener is the text of a comment section taken after the last block
	// that held no comments: its heading or count ("2 Responses to …"),
	// the comments being the blocks that follow it.
	opener string
}

// enter handles an element on the way in. It reports whether to walk
// its children (false when a selector rule took it, or it is a <br>).
func (w *blockWalker) enter(n *html.Node) bool {
	h := w.h
	if h.marked[n] {
		return false // taken while reading an element before it (a comment's signature)
	}
	if n != h.root {
		if r := h.selectorRule(n); r != nil && h.takes(n, r, w.total) {
			w.take(n, r)
			return false
		}
		if r := h.set.Rule(rules.IDCommentSection); r != nil && h.sectionByStructure(n, w.total) {
			w.take(n, r)
			return false
		}
	}
	if n.DataAtom == atom.Br {
		w.buf = append(w.buf, '\n')
		if w.markdown {
			w.md = append(w.md, "  \n"...)
		}
		return false
	}
	if h.unlikelyCandidate(n) {
		w.unlikelyOpen = append(w.unlikelyOpen, n)
		w.unlikelyDepth++
	}
	if isBlock(n) {
		w.open(n)
	}
	switch n.DataAtom {
	case atom.Hr:
		w.ruled = true
	case atom.Pre:
		w.inPre++
	case atom.A:
		if isLink(n) {
			w.linkDepth++
		}
		if w.markdown {
			w.linkStarts = append(w.linkStarts, len(w.md))
			w.hrefs = append(w.hrefs, attr(n, "href"))
		}
	case atom.Strong, atom.B, atom.Em, atom.I:
		if w.markdown {
			w.emph = append(w.emph, len(w.md))
		}
	}
	return true
}

// take takes n out for rule r (htmlDoc.take) and notes a comment
// section that held no comments and is one short line, a heading or a
// count, as the opener of the blocks after it.
func (w *blockWalker) take(n *html.Node, r *rules.Rule) {
	h := w.h
	before := len(h.comments)
	h.take(n, r)
	if r.Action != rules.StartThread || len(h.comments) > before {
		return
	}
	if line := rules.Normalize(subtreeText(n)); line != "" && !strings.Contains(line, "\n") && rules.CountWords(line) <= maxOpenerWords {
		w.opener = line
	}
}

// maxOpenerWords is the most words of a comment section's heading or
// count that opens the blocks after it.
const maxOpenerWords = 16

// exit handles an element on the way out: links and emphasis become
// Markdown, blocks end.
func (w *blockWalker) exit(n *html.Node) {
	switch n.DataAtom {
	case atom.Pre:
		w.inPre--
	case atom.A:
		if isLink(n) {
			w.linkDepth--
		}
		w.closeLink()
	case atom.Strong, atom.B, atom.Em, atom.I:
		w.closeEmphasis(n)
	}
	if len(w.unlikelyOpen) > 0 && w.unlikelyOpen[len(w.unlikelyOpen)-1] == n {
		w.unlikelyOpen = w.unlikelyOpen[:len(w.unlikelyOpen)-1]
		w.unlikelyDepth--
	}
	if isBlock(n) {
		w.closeBlock()
	}
}

// text adds a text node's text to the block.
func (w *blockWalker) text(t string) {
	if w.inPre == 0 {
		t = collapseSpace(t)
		if k := len(w.buf); k == 0 || w.buf[k-1] == '\n' || w.buf[k-1] == ' ' {
			t = strings.TrimLeft(t, " ")
		}
	}
	if t == "" {
		return
	}
	w.buf = append(w.buf, t...)
	if w.markdown {
		w.md = append(w.md, escapeMarkdown(t, w.inPre > 0)...)
	}
	c := countLetters(t)
	w.chars += c
	if w.linkDepth > 0 {
		w.links += c
	}
	w.commas += strings.Count(t, ",") + strings.Count(t, "，")
}

// closeLink makes the Markdown of the link that ends a link: [text](href).
func (w *blockWalker) closeLink() {
	k := len(w.linkStarts) - 1
	if k < 0 {
		return
	}
	start, href := w.linkStarts[k], w.hrefs[k]
	w.linkStarts, w.hrefs = w.linkStarts[:k], w.hrefs[:k]
	if start <= len(w.md) && strings.TrimSpace(string(w.md[start:])) != "" && href != "" && !strings.HasPrefix(href, "javascript:") {
		trail := len(w.md) - len(bytesTrimRightSpace(w.md[start:])) - start
		tail := string(w.md[len(w.md)-trail:])
		w.md = w.md[:len(w.md)-trail]
		w.wrap(start, "[", "]("+href+")")
		w.md = append(w.md, tail...)
	}
}

// closeEmphasis makes the Markdown of emphasis n ends: *text*, **text**.
func (w *blockWalker) closeEmphasis(n *html.Node) {
	k := len(w.emph) - 1
	if k < 0 {
		return
	}
	start := w.emph[k]
	w.emph = w.emph[:k]
	if start > len(w.md) {
		return
	}
	inner := w.md[start:]
	if t := bytesTrimRightSpace(inner); len(t) > 0 && t[0] != ' ' && bytesIndexByte(t, '\n') < 0 {
		mark := "*"
		if n.DataAtom == atom.Strong || n.DataAtom == atom.B {
			mark = "**"
		}
		trail := len(inner) - len(t)
		tail := string(w.md[len(w.md)-trail:])
		w.md = w.md[:len(w.md)-trail]
		w.wrap(start, mark, mark)
		w.md = append(w.md, tail...)
	}
}

// wrap puts open before md[start:] and close after it, in place.
func (w *blockWalker) wrap(start int, open, close string) {
	w.md = append(w.md, open...)
	copy(w.md[start+len(open):], w.md[start:len(w.md)-len(open)])
	copy(w.md[start:], open)
	w.md = append(w.md, close...)
}

// flush ends the block being read: its lines, if it has any text, become
// a block of the page.
func (w *blockWalker) flush() {
	text := string(w.buf)
	if strings.TrimSpace(text) != "" && w.node != nil {
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			if w.inPre == 0 {
				l = rules.Normalize(l)
			}
			if strings.TrimSpace(l) != "" {
				lines = append(lines, strings.TrimRight(l, " \t"))
			}
		}
		if len(lines) > 0 {
			b := hblock{node: w.node, text: strings.Join(lines, "\n"), chars: w.chars, linkChars: w.links, commas: w.commas, unlikely: w.unlikely, afterRule: w.ruled, opener: w.opener}
			w.ruled, w.opener = false, ""
			if w.markdown {
				b.md = blockMarkdown(w.node, string(w.md), w.inPre > 0)
			}
			w.h.blocks = append(w.h.blocks, b)
		}
	}
	w.buf, w.md = w.buf[:0], w.md[:0]
	w.chars, w.links, w.commas = 0, 0, 0
	w.linkStarts, w.emph, w.hrefs = w.linkStarts[:0], w.emph[:0], w.hrefs[:0]
}

// open starts a block element's text.
func (w *blockWalker) open(n *html.Node) {
	w.flush()
	w.blocks = append(w.blocks, n)
	w.node = n
	w.unlikely = w.unlikelyDepth > 0
}

// closeBlock ends a block element: the text after it is its parent's.
func (w *blockWalker) closeBlock() {
	w.flush()
	w.blocks = w.blocks[:len(w.blocks)-1]
	w.node = nil
	if len(w.blocks) > 0 {
		w.node = w.blocks[len(w.blocks)-1]
	}
	w.unlikely = w.unlikelyDepth > 0
}
