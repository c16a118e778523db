package htmlpass

import (
	"strings"
	"testing"

	"github.com/winnow-text/winnow/rules"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestScoredWrapper checks that a sibling section is weighed by the
// scored element it only wraps, as the container is after climbing its
// chain of only children.
func TestScoredWrapper(t *testing.T) {
	byID := nodesByID(t, `<main>
<section id="a"><div><div id="text"><p>one</p><p>two</p></div></div></section>
<section id="b"><div></div><div id="two"><p>three</p></div></section>
</main>`)
	cands := map[*html.Node]*candidate{
		byID["text"]: {node: byID["text"], score: 40},
		byID["two"]:  {node: byID["two"], score: 12},
	}
	if c := scoredWrapper(byID["a"], cands); c == nil || c.score != 40 {
		t.Errorf("section a: got %v, want the score of the div it wraps (40)", c)
	}
	// Section b has two children: it wraps no single scored element.
	if c := scoredWrapper(byID["b"], cands); c != nil {
		t.Errorf("section b: got %v, want nil", c)
	}
	if n := onlyElementChild(byID["a"]); n == nil || n.DataAtom != atom.Div {
		t.Errorf("onlyElementChild(section a) = %v, want its div", n)
	}
}

// hasClassWord reports whether a class or id value holds one of words
// (see classVocab).
func hasClassWord(value string, words []string) bool {
	set := map[string]bool{}
	for _, w := range words {
		set[w] = true
	}
	v := newClassVocab(words, func(w string) bool { return set[w] })
	return v.in(strings.ToLower(value), splitClassWords(value))
}

func TestHasClassWord(t *testing.T) {
	words := []string{"rail", "sidebar", "comment", "-ad-"}
	for _, tc := range []struct {
		value string
		want  bool
	}{
		{"right-rail", true},
		{"trailer-video", false},
		{"sidebars", true},
		{"CommentList", true},
		{"uncommented", false},
		{"story-ad-slot", true},
		{"headline", false},
	} {
		if got := hasClassWord(tc.value, words); got != tc.want {
			t.Errorf("hasClassWord(%q) = %v, want %v", tc.value, got, tc.want)
		}
	}
}

// TestRankedSmallBox checks that a box of a line or two does not outrank
// the article's container on a class word's bonus: a video player's
// "storytop" (52 letters, 55.3 points) against the story text (1,717
// letters, 54.9 points), as on a news page.
func TestRankedSmallBox(t *testing.T) {
	byID := nodesByID(t, `<div id="storytop"></div><div id="storytext"></div>`)
	box, text := byID["storytop"], byID["storytext"]
	sc := scoring{
		cands:     map[*html.Node]*candidate{box: {node: box, score: 55.3}, text: {node: text, score: 54.9}},
		chars:     map[*html.Node]int{box: 52, text: 1717},
		linkChars: map[*html.Node]int{},
		prose:     map[*html.Node]int{box: 52, text: 1717},
	}
	h := &htmlDoc{order: map[*html.Node]int{box: 1, text: 2}}
	if got := sc.ranked(h)[0].node; got != text {
		t.Errorf("top candidate = #%s, want #storytext", attr(got, "id"))
	}
}

// TestRankedProseShare checks that a page's wrapper, which holds the
// article among menus and link lists, does not outrank the article on
// its class word: under half prose, its score shrinks with the share.
func TestRankedProseShare(t *testing.T) {
	byID := nodesByID(t, `<div id="main"><div id="story"></div></div>`)
	page, story := byID["main"], byID["story"]
	sc := scoring{
		cands:     map[*html.Node]*candidate{page: {node: page, score: 10.4}, story: {node: story, score: 9.1}},
		chars:     map[*html.Node]int{page: 5214, story: 497},
		linkChars: map[*html.Node]int{},
		prose:     map[*html.Node]int{page: 700, story: 497},
	}
	h := &htmlDoc{order: map[*html.Node]int{page: 1, story: 2}}
	if got := sc.ranked(h)[0].node; got != story {
		t.Errorf("top candidate = #%s, want #story", attr(got, "id"))
	}
	// Mostly prose: the wrapper keeps its score.
	sc.prose[page] = 5000
	sc.cands[page].score, sc.cands[story].score = 10.4, 9.1
	if got := sc.ranked(h)[0].node; got != page {
		t.Errorf("with a prose wrapper, top candidate = #%s, want #main", attr(got, "id"))
	}
}

// nodesByID parses markup and returns its elements by id.
func nodesByID(t *testing.T, markup string) map[string]*html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(markup))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*html.Node{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				byID[id] = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return byID
}

// TestIsLink checks what counts as link text: an <a> with an href or a
// script, not an anchor that only names a place in the page.
func TestIsLink(t *testing.T) {
	for _, tc := range []struct {
		markup string
		want   bool
	}{
		{`<a id="x" href="/story">story</a>`, true},
		{`<a id="x" href="">story</a>`, true},
		{`<a id="x" onclick="go(1)">story</a>`, true},
		{`<a id="x" class="share">Share</a>`, true},
		{`<a id="x" name="top">the rest of the page</a>`, false},
		{`<a id="x" name="top" href="#top">top</a>`, true},
		{`<span id="x">no link</span>`, false},
	} {
		n := nodesByID(t, tc.markup)["x"]
		if got := isLink(n); got != tc.want {
			t.Errorf("isLink(%s) = %v, want %v", tc.markup, got, tc.want)
		}
	}
}

// TestLinkHeaded checks the guard that keeps a container from widening
// over a list of teasers: headlines of several words between snippets
// are a list; a section's table of contents of one-word links is not.
func TestLinkHeaded(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	const snippet = `<p>A paragraph of a few sentences, long enough to read as prose in any page.</p>`
	for _, tc := range []struct {
		name, markup string
		want         bool
	}{
		{"teasers", `<div id="a"><div id="top">` + snippet + `</div>
<h3><a href="/1">Council votes to close the old bridge</a></h3>` + snippet + `
<h3><a href="/2">School year to start a week later</a></h3>` + snippet + `</div>`, true},
		{"section contents", `<div id="a"><div id="top">` + snippet + `</div>
<p><a href="#m">Methods</a></p><p><a href="#r">Results</a></p><p><a href="#c">Conclusions</a></p>` + snippet + snippet + `</div>`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := parse(set, "<html><body>"+tc.markup+"</body></html>", false, nil)
			if err != nil {
				t.Fatal(err)
			}
			var a, top *html.Node
			for n := range h.root.Descendants() {
				switch attr(n, "id") {
				case "a":
					a = n
				case "top":
					top = n
				}
			}
			if got := h.linkHeaded(a, []*html.Node{top}); got != tc.want {
				t.Errorf("linkHeaded = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestListHeading checks which blocks may head a list of links that goes:
// a subheading or a short label, not the page's headline, a sentence, a
// long line or a link.
func TestListHeading(t *testing.T) {
	for _, tc := range []struct {
		tag   atom.Atom
		text  string
		links int // letters inside links
		want  bool
	}{
		{atom.H3, "More in South Asia news", 0, true},
		{atom.Div, "Related", 0, true},
		{atom.H1, "Council backs new flood defences", 0, false},
		{atom.H3, "The council voted on Tuesday.", 0, false},
		{atom.Div, "Find out what the council decided about the river", 0, false},
		{atom.Div, "Top stories", 10, false},
	} {
		b := hblock{node: &html.Node{Type: html.ElementNode, DataAtom: tc.tag, Data: tc.tag.String()}, text: tc.text, chars: len(tc.text), linkChars: tc.links}
		if got := listHeading(b); got != tc.want {
			t.Errorf("listHeading(<%s>%q) = %v, want %v", tc.tag, tc.text, got, tc.want)
		}
	}
}
