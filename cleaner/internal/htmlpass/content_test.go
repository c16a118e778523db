package htmlpass

import (
	"context"
	"strings"
	"testing"

	"github.com/winnow-text/winnow/cleaner/internal/textpass"
	"github.com/winnow-text/winnow/rules"
)

// TestOverreach checks the guard on selector rules: a class of
// boilerplate on every paragraph of the article is ignored on that page
// (with a warning), and the same class on a teaser box still takes it.
func TestOverreach(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	paras := []string{
		"The river rose by two metres overnight, and the council closed the lower town's streets before dawn, sending crews to pile sandbags along the quay.",
		"By noon the water had reached the steps of the town hall, where volunteers carried the archive's oldest books up to the first floor in a human chain.",
		"Forecasters expect the level to fall from Thursday, though more rain is due at the weekend and the ground upstream is already soaked through.",
	}
	var all, some strings.Builder
	for _, p := range paras {
		all.WriteString(`<p class="paywall">` + p + "</p>\n")
		some.WriteString("<p>" + p + "</p>\n")
	}
	box := `<div class="paywall"><p>Subscribe to read every story, with unlimited access on all your devices from one euro a week for the first year, cancel any time.</p></div>`
	tests := []struct {
		name     string
		page     string
		keep     []string
		drop     []string
		warnings int
	}{
		{"every paragraph marked", "<html><body><article><h1>Flood</h1>\n" + all.String() + "</article></body></html>", paras, nil, 1},
		{"one box marked", "<html><body><article><h1>Flood</h1>\n" + some.String() + box + "</article></body></html>", paras, []string{"Subscribe to read"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Clean(context.Background(), set, tt.page, textpass.Options{}, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range tt.keep {
				if !strings.Contains(page.Body, k) {
					t.Errorf("body lost %q:\n%s", k[:30], page.Body)
				}
			}
			for _, d := range tt.drop {
				if strings.Contains(page.Body, d) {
					t.Errorf("body kept %q:\n%s", d, page.Body)
				}
			}
			if len(page.Warnings) != tt.warnings {
				t.Errorf("warnings = %q, want %d", page.Warnings, tt.warnings)
			}
		})
	}
}

func TestCloseTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<title>News</title><p>x</p>", "<title>News</title><p>x</p>"},
		{"<TITLE>News</TITLE ><p>x</p>", "<TITLE>News</TITLE ><p>x</p>"},
		{"<title>News<p>x</p>", "<title>News</title><p>x</p>"},
		{"<title id=t>News</titlevalue=1 --><p>x</p>", "<title id=t>News</title></titlevalue=1 --><p>x</p>"},
		{"<titlebar>x</titlebar>", "<titlebar>x</titlebar>"},
		{"<p>no title</p>", "<p>no title</p>"},
		{"<title>News", "<title>News"},
	}
	for _, tt := range tests {
		if got := closeTitle(tt.in); got != tt.want {
			t.Errorf("closeTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
