package htmlpass

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Flatten turns markup into plain text with the tokenizer alone (no
// tree, so no limit on nesting): text of visible elements, a blank line at
// block boundaries, a line break at <br>. It is the fallback for pages the
// tree builder refuses (more than 512 open elements).
func Flatten(markup string) string {
	z := html.NewTokenizer(strings.NewReader(markup))
	var b strings.Builder
	skip := 0 // inside script, style and the like
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.WriteString(collapseSpace(html.UnescapeString(string(z.Text()))))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			n := &html.Node{Type: html.ElementNode, DataAtom: atom.Lookup(name), Data: string(name)}
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Head, atom.Textarea:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			case atom.Br:
				b.WriteString("\n")
				continue
			}
			if isBlock(n) && !strings.HasSuffix(b.String(), "\n\n") && b.Len() > 0 {
				b.WriteString("\n\n")
			}
		}
	}
}
