package cleaner

import (
	"context"
	"strings"
	"testing"

	"github.com/winnow-text/winnow/rules"
)

// Three paragraphs of plain article prose that no rule touches, for
// setting rule examples in context.
var (
	para1 = "The regional council approved the new flood defences on Tuesday after a debate that lasted most of the afternoon."
	para2 = "Engineers said the walls would protect about four thousand homes along the river, though work will not start before spring."
	para3 = "Residents who attended the meeting asked for a public timetable, and the council agreed to publish one within a month."
)

// placeExample sets a rule example where the rule's scope lets it match:
// above the article (head), after it (tail, end), inside a comment
// (thread), or between two paragraphs (anywhere).
func placeExample(r *rules.Rule, ex string) string {
	switch r.Scope {
	case rules.Head:
		if r.ID == rules.IDTitleHeading {
			// The headline is the example itself.
			return ex + "\n\n" + para1 + "\n\n" + para2 + "\n\n" + para3 + "\n"
		}
		return ex + "\n\nCouncil approves new flood defences\n\n" + para1 + "\n\n" + para2 + "\n\n" + para3 + "\n"
	case rules.Tail, rules.End:
		return para1 + "\n\n" + para2 + "\n\n" + para3 + "\n\n" + ex + "\n"
	case rules.Thread:
		return para1 + "\n\n" + para2 + "\n\n3 Comments\n\nAnna\nAnna\n2 days ago\n\nA fair summary of the meeting.\n\n" + ex +
			"\n\nBen\nBen\n1 day ago\n\nI was there and agree.\n"
	}
	return para1 + "\n\n" + para2 + "\n\n" + ex + "\n\n" + para3 + "\n"
}

// TestRuleExamples runs every built-in rule's examples through the whole
// cleaner, in a document where the rule's scope applies: strip examples
// must be removed by that rule, keep examples must stay in the body.
func TestRuleExamples(t *testing.T) {
	c := testCleaner(t)
	ctx := context.Background()
	for _, r := range c.Rules().Rules() {
		t.Run(r.ID, func(t *testing.T) {
			switch r.Kind {
			case rules.KindLine, rules.KindPhrase, rules.KindStructure:
				for _, ex := range r.Examples.Strip {
					res, err := c.Clean(ctx, []byte(placeExample(r, ex)))
					if err != nil {
						t.Fatal(err)
					}
					if strings.Contains(res.Body, ex) {
						t.Errorf("strip example %q stayed in the body", ex)
					}
					if !removedBy(res, r.ID, ex) {
						t.Errorf("strip example %q was not removed by %s: %s", ex, r.ID, describeRemovals(res))
					}
				}
				for _, ex := range r.Examples.Keep {
					res, err := c.Clean(ctx, []byte(placeExample(r, ex)))
					if err != nil {
						t.Fatal(err)
					}
					if r.Scope == rules.Thread {
						// Inside a thread, what is not chrome is comment text.
						if !inComments(res, ex) {
							t.Errorf("keep example %q is not in a comment's text: %+v", ex, res.Meta.Comments)
						}
						continue
					}
					if !strings.Contains(res.Body, ex) {
						t.Errorf("keep example %q was removed: %s", ex, describeRemovals(res))
					}
				}
			case rules.KindCommentHeader:
				if r.Input == rules.HTMLInput {
					checkHTMLHeader(t, htmlCleaner(t), r)
					break
				}
				for _, ex := range r.Examples.Strip {
					doc := para1 + "\n\n" + para2 + "\n\n2 Comments\n\n" + ex + "\n\nFirst comment text.\n\n" + ex + "\n\nSecond comment text.\n"
					res, err := c.Clean(ctx, []byte(doc))
					if err != nil {
						t.Fatal(err)
					}
					if len(res.Meta.Comments) != 2 || res.Meta.Comments[1].Text != "Second comment text." {
						t.Errorf("header %q: got comments %+v", ex, res.Meta.Comments)
					}
					if !removedBy(res, r.ID, "") {
						t.Errorf("header %q: no removal by %s: %s", ex, r.ID, describeRemovals(res))
					}
				}
				for _, ex := range r.Examples.Keep {
					doc := para1 + "\n\n" + ex + "\n\n" + para2 + "\n\n" + ex + "\n\n" + para3 + "\n\n" + ex + "\n"
					res, err := c.Clean(ctx, []byte(doc))
					if err != nil {
						t.Fatal(err)
					}
					if len(res.Meta.Comments) != 0 {
						t.Errorf("keep example %q made a thread: %+v", ex, res.Meta.Comments)
					}
				}
			case rules.KindMarker:
				for _, ex := range r.Examples.Strip {
					if _, ok := r.StripMarker(rules.Normalize(ex)); !ok {
						t.Errorf("marker does not strip %q", ex)
					}
				}
				for _, ex := range r.Examples.Keep {
					if _, ok := r.StripMarker(rules.Normalize(ex)); ok {
						t.Errorf("marker strips keep example %q", ex)
					}
				}
			}
		})
	}
}

func inComments(res *Result, text string) bool {
	for _, c := range res.Meta.Comments {
		if strings.Contains(c.Text, text) {
			return true
		}
	}
	return false
}

func removedBy(res *Result, id, text string) bool {
	for _, rm := range res.Meta.Removed {
		if rm.Rule == id && strings.Contains(rules.Normalize(rm.Text), rules.Normalize(text)) {
			return true
		}
	}
	return false
}

func describeRemovals(res *Result) string {
	var b strings.Builder
	b.WriteString("removed")
	for _, rm := range res.Meta.Removed {
		b.WriteString(" [" + rm.Rule + ": " + rm.Text + "]")
	}
	return b.String()
}

// checkHTMLHeader runs an HTML-only comment header's examples through a
// page: each strip example opens a comment of a comment section and
// becomes its author, not its text; a keep example stays in the text.
func checkHTMLHeader(t *testing.T, c *Cleaner, r *rules.Rule) {
	t.Helper()
	page := func(header string) []byte {
		item := "<div class=\"entry\"><p>" + header + "</p><p>I went to the meeting on March 3 and the council listened to us.</p><p>Reply</p></div>"
		return []byte("<html><body><article><h1>Flood defences</h1><p>" + para1 + "</p><p>" + para2 + "</p><p>" + para3 +
			"</p></article><div id=\"comments\">" + item + item + "</div></body></html>")
	}
	for _, ex := range r.Examples.Strip {
		res, err := c.Clean(context.Background(), page(ex))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Meta.Comments) != 2 || res.Meta.Comments[0].Author == "" || strings.Contains(res.Meta.Comments[0].Text, ex) {
			t.Errorf("header %q: got comments %+v", ex, res.Meta.Comments)
		}
	}
	for _, ex := range r.Examples.Keep {
		res, err := c.Clean(context.Background(), page(ex))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Meta.Comments) != 2 || !strings.Contains(res.Meta.Comments[0].Text, rules.Normalize(ex)) {
			t.Errorf("keep example %q: got comments %+v", ex, res.Meta.Comments)
		}
	}
}
