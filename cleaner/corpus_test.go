package cleaner

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// siteDoc is an article of a site whose template ends every page with the
// same notice: prose no rule knows.
func siteDoc(i int) string {
	w := spell(i)
	return fmt.Sprintf("Story %s about the city\n\n"+
		"The council met on %s to discuss the %s item of the agenda, which concerned the repair of the old %s bridge over the river.\n\n"+
		"Residents of %s district asked for the work to start before the winter, and the council promised an answer within a month.\n\n"+
		"The Springfield Courier is an independent paper owned by its readers and published every morning except Sundays.\n", w, w, w, w, w)
}

// spell writes i in letters, so that lines differ in words, not digits
// (which line keys ignore).
func spell(i int) string {
	s := ""
	for {
		s = string(rune('a'+i%26)) + s
		i /= 26
		if i == 0 {
			return "z" + s
		}
	}
}

const siteNotice = "The Springfield Courier is an independent paper owned by its readers and published every morning except Sundays."

func TestLearnRemovesTemplateLines(t *testing.T) {
	base := testCleaner(t)
	l := NewLearner(0)
	ctx := context.Background()
	for i := 0; i < 8; i++ {
		lines, err := base.Lines(ctx, []byte(siteDoc(i)))
		if err != nil {
			t.Fatal(err)
		}
		l.Add(lines)
	}
	b := l.Boilerplate(5, 0)
	if !b.Has(siteNotice) {
		t.Fatalf("the site's notice was not learned (%d lines learned)", b.Len())
	}
	c, err := New(Options{Rules: base.Rules(), Boilerplate: b})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Clean(ctx, []byte(siteDoc(3)))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.Body, "Springfield Courier") || !strings.Contains(res.Body, "bridge over the river") {
		t.Errorf("body:\n%s", res.Body)
	}
	if !removedBy(res, "site.corpus-boilerplate", siteNotice) {
		t.Errorf("no removal by site.corpus-boilerplate: %s", describeRemovals(res))
	}
	// Without the learned set, the notice stays: no rule knows it.
	plain, _ := base.Clean(ctx, []byte(siteDoc(3)))
	if !strings.Contains(plain.Body, "Springfield Courier") {
		t.Error("a rule removed the notice; the test no longer shows what learning adds")
	}
}

// Copies of one article (a crawl that fetched a page twice) teach nothing:
// their lines recur because the documents are the same.
func TestLearnIgnoresCopies(t *testing.T) {
	l := NewLearner(0)
	doc := strings.Split(siteDoc(1), "\n")
	for i := 0; i < 10; i++ {
		l.Add(doc)
	}
	if b := l.Boilerplate(5, 0); b.Len() != 0 {
		t.Errorf("learned %d lines from copies of one document", b.Len())
	}
}

// The summary stays within its capacity and is deterministic.
func TestLearnerBounded(t *testing.T) {
	run := func() []uint64 {
		l := NewLearner(50)
		for i := 0; i < 400; i++ {
			l.Add([]string{"unique line " + spell(i) + " here", "shared footer line of the site", "longest line of the document " + spell(i) + ", which signs it"})
			if len(l.counts) > 50 {
				t.Fatalf("%d counters, capacity 50", len(l.counts))
			}
		}
		return l.Boilerplate(5, 0).Keys()
	}
	a, b := run(), run()
	if len(a) != 1 || fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("learned %v then %v; want the one shared line, twice", a, b)
	}
}

func TestLineKeyMasksDigits(t *testing.T) {
	if LineKey("© 2015 The Courier.") != LineKey("© 2016 the courier") {
		t.Error("a year or case changes the key")
	}
	if LineKey("Contact us") == LineKey("Contact them") {
		t.Error("different lines share a key")
	}
}
