package textpass

import "testing"

func TestHasSentenceBreak(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"A new bill would store metadata for two years. Source: News Corp", true},
		{"Why now? The council explains", true},
		{"Council votes to reopen the old harbour baths", false},
		{"U.S. Senate passes the budget", false},
		{"Dr. Who returns", false},
		{"Mrs. Smith goes to town", false},
		{"It rained all day. The roads flooded", true},
		{"Version 2.0 is out", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := hasSentenceBreak(tt.in); got != tt.want {
			t.Errorf("hasSentenceBreak(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsListItemNumbered(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"1. He does the shopping.", true},
		{"12) Mix the flour and the butter", true},
		{"2017 was a good year", false},
		{"1.5 million people", false},
		{"Map 1: Oasis", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isListItem(tt.in); got != tt.want {
			t.Errorf("isListItem(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestHasYear(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"© 2024 The Courier. All rights reserved.", true},
		{"Copyright 1998-2007 Example Ltd", true},
		{"© Harbour Photo Agency", false},
		{"Call 020 12345 678", false},
		{"Item 120245", false},
	} {
		if got := hasYear(tc.s); got != tc.want {
			t.Errorf("hasYear(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestEndAtIcons checks that a bar of icon-only list items ends a dump's
// article region when little and no paragraphs follow it, and that one
// between the article's paragraphs does not.
func TestEndAtIcons(t *testing.T) {
	para := func(n int) string {
		return "The harbour board approved a new ferry timetable on Tuesday, paragraph " + string(rune('A'+n)) + ", with two early crossings on weekdays.\n\n"
	}
	article := para(0) + para(1) + para(2) + para(3)
	icons := "  •\n  •\n  •\n\n"
	for _, tc := range []struct {
		name, text string
		cut        bool
	}{
		{"bar after the article", article + icons + "Featured jobs\nHarbour Master – Operations\nNorthport | Port Authority\nTicket Office Assistant\n", true},
		{"bar between paragraphs", para(0) + para(1) + para(2) + icons + para(3) + para(4) + para(5) + para(6) + para(7), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newTextPass(testSet(t), tc.text, "en")
			p.scan()
			rg := region{start: 0, end: len(p.lines) - 1}
			dumpPage{p}.endAtIcons(&rg)
			last := 6 // the fourth paragraph of the article
			if got := rg.end == last; got != tc.cut {
				t.Errorf("region ends at line %d (%q); want the cut at %d: %v", rg.end, p.lines[rg.end].norm, last, tc.cut)
			}
		})
	}
}

// TestEndAtHeadlines checks that a list of headlines under a heading of
// its own ends a dump's article region, and that the lists an article
// sets out do not: notes that open in lower case, items that introduce,
// and a list with the article's paragraphs after it.
func TestEndAtHeadlines(t *testing.T) {
	para := func(n int) string {
		return "The harbour board approved a new ferry timetable on Tuesday, paragraph " + string(rune('A'+n)) + ", with two early crossings on weekdays.\n\n"
	}
	article := para(0) + para(1) + para(2)
	headlines := "Next Up In Travel\n\n  • Rail strike called off after late talks in the capital\n  • Airport opens its second runway a year ahead of plan\n  • Why night trains are back on the timetable\n\n"
	notes := "Fixed this week\n\n  • jdoe removed the old timetable parser from the build\n  • mkay converted the fare tables to the new format\n  • lpark fixed the crossing times shown on phones\n\n"
	for _, tc := range []struct {
		name, text string
		cut        bool
		zone       bool // a related rule took the heading and its list
	}{
		{"headlines after the article", article + headlines + "Sign up for our travel newsletter today.\n", true, false},
		{"a heading a related rule took", article + headlines + para(3), true, true},
		{"notes in lower case", article + notes + "Sign up for our travel newsletter today.\n", false, false},
		{"paragraphs after the list", article + headlines + para(3) + para(4) + para(5), false, false},
		{"an item that introduces", article + "Next Up In Travel\n\n  • Three changes come into force this spring:\n  • Rail strike called off after late talks\n  • Airport opens its second runway early\n\n", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newTextPass(testSet(t), tc.text, "en")
			p.scan()
			if tc.zone {
				r := p.set.Rule("related.more-from")
				for i := 6; i < 11; i++ { // the heading, its list
					if !p.lines[i].blank() {
						p.setLabel(i, r, nil, 0)
					}
				}
			}
			rg := region{start: 0, end: len(p.lines) - 1}
			dumpPage{p}.endAtHeadlines(&rg)
			last := 4 // the third paragraph of the article
			if got := rg.end == last; got != tc.cut {
				t.Errorf("region ends at line %d (%q); want the cut at %d: %v", rg.end, p.lines[rg.end].norm, last, tc.cut)
			}
		})
	}
}

// TestNamesLine checks the lines the region does not count as prose: names
// one after another; a sentence, German prose with its capitalised nouns
// and a race card's names with their figures stay prose.
func TestNamesLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Nova Scotia: Amherst Daily News; Cape Breton Post; The Daily News (Halifax); Truro Daily News.", true},
		{"Prince Edward Island: Journal Pioneer (Summerside); The Guardian (Charlottetown).", true},
		{"The council voted on Tuesday to close the old library on Mill Street.", false},
		{"Die Stadt hat am Dienstag beschlossen, die alte Bibliothek in der Mühlstraße zu schließen.", false},
		{"1. Mysterious Heights (6) Srinath 56, 2. Secret Affair (5) Appu 56, 3. Successor (2) Daniel Grant 56.", false},
		{"Council Votes To Close Library", false}, // a headline: too short
		{"", false},
	}
	for _, tt := range tests {
		if got := namesLine(tt.in); got != tt.want {
			t.Errorf("namesLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
