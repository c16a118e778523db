package textpass

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/winnow-text/winnow/cleaner/internal/doc"
	"github.com/winnow-text/winnow/rules"
)

// Every stage comes after the stages whose results it reads.
func TestStageOrder(t *testing.T) {
	at := map[string]int{}
	for i, st := range textStages {
		if _, dup := at[st.name]; dup {
			t.Errorf("stage %s twice", st.name)
		}
		at[st.name] = i
	}
	for i, st := range textStages {
		for _, dep := range st.after {
			j, ok := at[dep]
			switch {
			case !ok:
				t.Errorf("stage %s reads %s, which is no stage", st.name, dep)
			case j >= i:
				t.Errorf("stage %s reads %s, which runs after it", st.name, dep)
			}
		}
	}
}

// TestLabelEmbeds checks that the short block right above an embedded
// post's signature, at its indentation, goes with the signature, and that
// a long paragraph or one indented otherwise stays.
func TestLabelEmbeds(t *testing.T) {
	long := strings.Repeat("The harbour board met on Tuesday and talked about the ferry. ", 8)
	sig := "— Ann Lee (@annlee) March 22, 2024"
	for _, tc := range []struct {
		name, text string
		taken      bool
	}{
		{"tweet over its signature", "Intro line of the story here.\n\nRain delay in the third. Fans are staying put.\n\n" + sig + "\n", true},
		{"indented tweet", "Intro line of the story here.\n\n    Rain delay in the third.\n\n    " + sig + "\n", true},
		{"paragraph over an indented signature", "Intro line of the story here.\n\nRain delay in the third.\n\n    " + sig + "\n", false},
		{"long paragraph", "Intro line of the story here.\n\n" + long + "\n\n" + sig + "\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newTextPass(testSet(t), tc.text, "en")
			p.scan()
			labelAnywhere(p)
			embed := p.set.Rule(rules.IDEmbed)
			if got := p.labels[len(p.lines)-1].rule == embed || p.labels[len(p.lines)-2].rule == embed; !got {
				t.Fatalf("signature not taken: %q", p.lines[len(p.lines)-1].norm)
			}
			if got := p.labels[2].rule == embed; got != tc.taken {
				t.Errorf("line %q taken = %v, want %v", p.lines[2].norm, got, tc.taken)
			}
		})
	}
}

// TestHeadlinesOverMoreLink checks that a list of headlines of any length
// right above a read-more link goes, its headlines to related, and that
// the article's sentences above such a link stay.
func TestHeadlinesOverMoreLink(t *testing.T) {
	article := "The harbour board voted on Tuesday to ask the province for a second ferry on the island route.\n\n" +
		"Board members said the present ship was full on most crossings from June to September this year.\n\n"
	heads := "Ferry Fares Rise for the First Time in Six Years\nNew Terminal Opens Ahead of Schedule\nPilots Union Signs Three-Year Deal\n" +
		"Storm Closes the North Crossing\nIsland Council Asks for a Second Ferry\nNight Crossings Return for the Summer\nMore...\n"
	for _, tc := range []struct {
		name, text string
		gone       bool
	}{
		{"headlines over the link", article + heads, true},
		{"sentences over the link", article + "The vote was close.\nThe chair spoke last.\nThe minutes are online.\nThe next meeting is in March.\nThe public may attend.\nThe clerk keeps the list.\nMore...\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fx, err := Fixpoint(context.Background(), testSet(t), tc.text, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := !strings.Contains(fx.Body, "Pilots Union") && !strings.Contains(fx.Body, "The chair spoke last."); got != tc.gone {
				t.Errorf("body %q: list gone %v, want %v", fx.Body, got, tc.gone)
			}
			if tc.gone && !slices.ContainsFunc(fx.Meta.Related, func(r doc.Related) bool { return r.Title == "Pilots Union Signs Three-Year Deal" }) {
				t.Errorf("related = %+v", fx.Meta.Related)
			}
		})
	}
}
