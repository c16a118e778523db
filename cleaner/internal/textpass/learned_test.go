package textpass

import (
	"testing"

	"github.com/winnow-text/winnow/rules"
)

func TestTimeZone(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"GMT", true},
		{"(EST)", true},
		{"UTC+2", true},
		{"CET,", true},
		{"Ann", false},
		{"G", false},
		{"MEGAZONE", false},
		{"gmt", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := timeZone(tt.in); got != tt.want {
			t.Errorf("timeZone(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCapitalStopword(t *testing.T) {
	stop := func(w string) bool { return w == "by" || w == "at" || w == "a" }
	tests := []struct {
		in   string
		want bool
	}{
		{"BY", true},
		{"AT", true},
		{"A,", false}, // an initial: "Colin A, Stannery Bridge"
		{"A", false},
		{"By", false},
		{"GANN", false},
	}
	for _, tt := range tests {
		if got := capitalStopword(tt.in, stop); got != tt.want {
			t.Errorf("capitalStopword(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestRuleLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"━━━━━━━━", true},
		{"* * *", true},
		{"-----", true},
		{"👍", false},
		{"😉", false},
		{"ok", false},
	}
	for _, tt := range tests {
		if got := ruleLine(tt.in); got != tt.want {
			t.Errorf("ruleLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestNameLike(t *testing.T) {
	p := newTextPass(testSet(t), "", "en")
	tests := []struct {
		in   string
		want bool
	}{
		{"Tomasz Wrona", true},
		{"Marit (ferry fan)", true},
		{"lenka_k", true},
		{"The Annuals", false},      // a title
		{"funded in", false},        // a sentence's words
		{"2. Accepted", false},      // a numbered point
		{"UPDATE (Thursday", false}, // a date's weekday
		{"Anna Maria van der Berg Smith", false},
	}
	for _, tt := range tests {
		if got := p.nameLike(tt.in); got != tt.want {
			t.Errorf("nameLike(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCutBylinePrefix(t *testing.T) {
	p := newTextPass(testSet(t), "", "en")
	tests := []struct{ in, want string }{
		{"Posted By: blackzappy", "blackzappy"},
		{"Written by Ann Lee", "Ann Lee"},
		{"Author: Ann", "Ann"},
		{"Di Maria", "Di Maria"}, // a name particle needs its colon
		{"Von Trier", "Von Trier"},
		{"By Anonymous", "Anonymous"},
		{"Comment by D-Bomb", "D-Bomb"},
		{"by", "by"},
		{"Bybee", "Bybee"},
		{"Ann", "Ann"},
	}
	for _, tt := range tests {
		if got := p.cutBylinePrefix(tt.in); got != tt.want {
			t.Errorf("cutBylinePrefix(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestInlineAndBelowHeaders(t *testing.T) {
	set := testSet(t)
	tests := []struct {
		name, text string
		author     string // "" when the line is no header
	}{
		{"inline", "• Tomasz Wrona, Gdynia 3/4/2024 5:49 PM Good news at last, the detour was long.", "Tomasz Wrona"},
		{"inline nickname", "• Marit (ferry fan), Bergen 3/4/2024 4:46 PM The new engines are quieter.", "Marit (ferry fan)"},
		{"sentence with a time", "The meeting began at 3:24 p.m. in Room 180 of the Law School.", ""},
		{"title and date", "• The Annuals January 26, 2005 After washing the taste out of my mouth.", ""},
	}
	for _, tt := range tests {
		p := newTextPass(set, tt.text+"\n", "en")
		h, ok := p.inlineHeader(0, set.Rule(rules.IDRepeatedHeader))
		if got := h.groups[rules.FieldAuthor]; ok != (tt.author != "") || got != tt.author {
			t.Errorf("%s: inlineHeader = %q, %v; want %q", tt.name, got, ok, tt.author)
		}
	}
	below := []struct {
		name, text string
		author     string
	}{
		{"numbered byline", "12:10pm on 16th Jan, 2024\n\n1. By quayside_kit\n\nI have to admit I am not a puzzle fan at all.\n", "quayside_kit"},
		{"said", "11:10 PM on Jan. 8, 2024\nAnn Lee said:\nThe names under the picture are the wrong way round.\n", "Ann Lee"},
		{"a title", "March 26, 2024\n\nThe Seed Potatoes\n\nThe seed potatoes went in this weekend, three rows of earlies.\n", ""},
	}
	for _, tt := range below {
		p := newTextPass(set, tt.text, "en")
		_, got := p.nameBelow(0)
		if got != tt.author {
			t.Errorf("%s: nameBelow = %q, want %q", tt.name, got, tt.author)
		}
	}
}

func TestNameAfterRule(t *testing.T) {
	set := testSet(t)
	tests := []struct {
		name, text string
		line       int
		want       string
	}{
		{"after a rule", "━━━━━━━━━━\n\npuddin and pie\nAgreed, that debt is a drain on revenue.\n", 2, "puddin and pie"},
		{"after the comments heading", "Comments are now closed for this story\n\nStephen B\nThe time has come to cut spending.\n", 2, "Stephen B"},
		{"after a post's footer", "Posted by Harry on July 29, 2006 4:56 PM Comments: 0\n\nThe Art of Scrappy\nI don't know how much of the art survives.\n", 2, ""},
		{"a heading right under the rule", "━━━━━━━━━━\nBackground\nThe plan was first put forward in 2019.\n", 1, ""},
	}
	for _, tt := range tests {
		p := newTextPass(set, tt.text, "en")
		if got, _ := p.nameAfterRule(tt.line); got != tt.want {
			t.Errorf("%s: nameAfterRule = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestHeaderShapePlace checks that a learned header's author is the name
// before a place joined to it ("of", "aus", a dash), that a name particle
// ("de") joins no place, and that an initial is no time unit.
func TestHeaderShapePlace(t *testing.T) {
	for _, tc := range []struct{ lang, in, want string }{
		{"en", "Posted by: Ann Hale of Leeds 7:57am today", "Ann Hale"},
		{"de", "Bernd aus Köln 12.06.2024 18:20", "Bernd"},
		{"en", "Charles de Gaulle 7:57am January 08, 2008", "Charles de Gaulle"},
		{"en", "Tom Reed 11:08pm January 08, 2008", "Tom Reed"},
		{"en", "Barak H - Israel (12/19/2007 16:36)", "Barak H"},
		{"en", "Abu Bakr - USA (12/19/2007 15:53)", "Abu Bakr"},
		{"en", "Ann H 7:57am January 08, 2008", "Ann H"},
		{"en", "#1 — January 7, 2008 @ 13:00PM — Brandon Vale [URL]", "Brandon Vale"},
	} {
		p := newTextPass(testSet(t), "", tc.lang)
		_, g := p.headerShape(tc.in)
		if got := g[rules.FieldAuthor]; got != tc.want {
			t.Errorf("headerShape(%q) author = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestEarlyNumber checks that earlyNumber finds a number among a line's
// first words after the first, as inlineHeader reads them.
func TestEarlyNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Nelson, Lagos 12:02 The plan is good", true},
		{"Ann (3 hours ago) said so", true},
		{"2024 was a year of floods and fires in the north", false},
		{"one two three four five six seven eight nine ten eleven twelve 13", false},
		{"one two three four five six seven eight nine ten eleven 12", true},
		{"A\u00a0 1 b", true},
		{"no numbers here at all", false},
		{"", false},
	} {
		if got := earlyNumber(tc.in); got != tc.want {
			t.Errorf("earlyNumber(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestStopwordAuthor checks that a header's author is no name when it is
// a stopword or an ask, and that names stay names.
func TestStopwordAuthor(t *testing.T) {
	p := newTextPass(testSet(t), "", "en")
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Subscribe", true},
		{"Sign up", true},
		{"the", true},
		{"Karl", false},
		{"Rita K", false},
		{"", false},
	} {
		if got := p.stopwordAuthor(tc.in); got != tc.want {
			t.Errorf("stopwordAuthor(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestHeadsAndLinksComments(t *testing.T) {
	tests := []struct {
		line         string
		heads, links bool
	}{
		{"Comment viewing options", true, false},
		{"Reader comments", true, false},
		{"Comments", true, false},
		{"Pier repairs finish early [ 4 Comments ]", false, true},
		{"Regatta results (2 comments)", false, true},
		{"Chapter Finale; Summer Fixes [ Comment ]", false, true},
		{"Comments (3)", false, false},
		{"The council published the comments it received", false, false},
		{"Regatta results (photos)", false, false},
	}
	for _, tt := range tests {
		p := newTextPass(testSet(t), tt.line+"\n", "en")
		p.scan()
		if got := p.headsComments(0); got != tt.heads {
			t.Errorf("headsComments(%q) = %v, want %v", tt.line, got, tt.heads)
		}
		if got := p.linksComments(p.lines[0].norm); got != tt.links {
			t.Errorf("linksComments(%q) = %v, want %v", tt.line, got, tt.links)
		}
	}
}

func TestTimeShape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"12/19/2007 16:36", "9/9/9 9:9"},
		{"December 30, 2007 03:24 PM", "a 9, 9 9:9 a"},
		{"9/11", "9/9"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := timeShape(tt.in); got != tt.want {
			t.Errorf("timeShape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDropPlaceholders(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[tback] Post comment", "Post comment"},
		{"[a] [b]  Comments", "Comments"},
		{"Post comment", "Post comment"},
		{"[unclosed Post", "[unclosed Post"},
	}
	for _, tt := range tests {
		if got := dropPlaceholders(tt.in); got != tt.want {
			t.Errorf("dropPlaceholders(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCommentsLink(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Comments | Permalink", true},
		{"3 Comments", true},
		{"Permalink | Comments (3)", true},
		{"[icon] Comments", true},
		{"Reply to this comment", false},
		{"Post comment | Terms | Report Abuse", false},
		{"Report comment", false},
		{"The comments were read aloud", false},
	}
	for _, tt := range tests {
		p := newTextPass(testSet(t), tt.line+"\n", "en")
		p.scan()
		if got := p.commentsLink(p.lines[0].norm); got != tt.want {
			t.Errorf("commentsLink(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestSlashDates(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"12/19/2007 16:36", true},
		{"01/18/08", true},
		{"9/11", true},
		{"January 7 17:00", true},
		{"217/244-7732", false},
		{"2024/2025/2026", false},
		{"1/2/3/4", false},
	}
	for _, tt := range tests {
		if got := slashDates(tt.in); got != tt.want {
			t.Errorf("slashDates(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestReadSignature(t *testing.T) {
	tests := []struct {
		line, author, posted string
		ok                   bool
	}{
		{"MilwaukeeBaller32 Jan 09 2008 07:52 PM PST |", "MilwaukeeBaller32", "Jan 09 2008 07:52 PM PST", true},
		{"Comments (3) | Permalink", "", "", false},
		{"Fax 217/244-7732", "", "", false},
		{"The council met on 12 March", "", "", false},
	}
	for _, tt := range tests {
		a, p, ok := ReadSignature(testSet(t), tt.line, "en")
		if ok != tt.ok || ok && (a != tt.author || p != tt.posted) {
			t.Errorf("ReadSignature(%q) = %q, %q, %v; want %q, %q, %v", tt.line, a, p, ok, tt.author, tt.posted, tt.ok)
		}
	}
}

// TestHeaderShapeNumbered checks that a comment's number ("#1", "#12")
// is one token of the shape, so that every comment of a numbered thread
// has the same shape, and that the time ends where the name after it
// starts.
func TestHeaderShapeNumbered(t *testing.T) {
	p := newTextPass(testSet(t), "", "en")
	a, ga := p.headerShape("#1 — January 7, 2008 @ 13:00PM — Brandon Vale [URL]")
	b, _ := p.headerShape("#12 — January 8, 2008 @ 9:15AM — Chris Beau")
	if a == "" || a != b {
		t.Errorf("shapes %q and %q, want one shape", a, b)
	}
	if got, want := ga[rules.FieldPosted], "January 7, 2008 @ 13:00PM"; got != want {
		t.Errorf("posted = %q, want %q", got, want)
	}
	for _, tc := range []struct {
		in   string
		want bool
	}{{"#1", true}, {"#12.", true}, {"#", false}, {"#1a", false}, {"12", false}, {"#hashtag", false}} {
		if got := commentNumber(tc.in); got != tc.want {
			t.Errorf("commentNumber(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestSentenceCased checks that a headline in sentence case is no
// commenter's name, and that names, particles and handles are.
func TestSentenceCased(t *testing.T) {
	p := newTextPass(testSet(t), "", "en")
	for s, want := range map[string]bool{
		"Elusive talks":         true,
		"Postponing diplomacy":  true,
		"Rita K":                false,
		"Neil Fairbrother":      false,
		"Ludwig van Beethoven":  false,
		"mike d":                false,
		"Karl":                  false,
		"Posted by Idealist on": false,
	} {
		if got := p.sentenceCased(s); got != want {
			t.Errorf("sentenceCased(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPostingOnly checks that a header's words without a name make no
// author, and that names, initials and handles with figures do.
func TestPostingOnly(t *testing.T) {
	p := newTextPass(testSet(t), "", "en")
	for s, want := range map[string]bool{
		"Posted":           true,
		"Posted on":        true,
		"4 hours":          true,
		"• reply":          true,
		"Hace":             true,
		"Tuesday":          true,
		"Marco":            false,
		"June":             false,
		"H":                false,
		"Rita K":           false,
		"[459ee]DHAndrews": false,
		"news2me":          false,
		"":                 false,
	} {
		if got := PostingOnly(p.set, s); got != want {
			t.Errorf("postingOnly(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestLongLearnedHeader checks that a header longer than maxHeaderWords
// (a long name) joins a layout three shorter headers make, and that it
// neither makes one nor counts towards one.
func TestLongLearnedHeader(t *testing.T) {
	long := "Posted by: Politically-incorrect Man, West-End Glasgow on 9:35am Wed 9 Jan 08\n\nThe location of its offices should not matter at all to how it performs.\n\n"
	short := func(name, at string) string {
		return "Posted by: " + name + " on " + at + "\n\nYou make some fair points about the new offices and the staff there.\n\n"
	}
	tests := []struct {
		name, text string
		want       int // headers learned
	}{
		{"three short", long + short("Brad, Glasgow", "11:16am Wed 9 Jan 08") + short("Miss Priss", "11:56am Wed 9 Jan 08") + short("Brad, Glasgow", "6:51pm Thu 10 Jan 08"), 4},
		{"two short", long + short("Brad, Glasgow", "11:16am Wed 9 Jan 08") + short("Miss Priss", "11:56am Wed 9 Jan 08"), 2},
		{"long alone", long + long + long, 0},
	}
	for _, tt := range tests {
		p := newTextPass(testSet(t), tt.text, "en")
		hs := p.learnHeaders()
		if len(hs) != tt.want {
			t.Errorf("%s: %d headers learned, want %d", tt.name, len(hs), tt.want)
		}
		for i := 1; i < len(hs); i++ {
			if hs[i].start < hs[i-1].start {
				t.Errorf("%s: headers out of order: %d before %d", tt.name, hs[i-1].start, hs[i].start)
			}
		}
	}
}
