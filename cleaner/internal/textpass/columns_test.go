package textpass

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
)

func TestLineSegments(t *testing.T) {
	tests := []struct {
		in    string
		cols  []int
		prose []bool
	}{
		{"• Letters to the      British authorities on Thursday approved the plan", []int{0, 22}, []bool{false, true}},
		{"福娘童話集      肉をくわえたイヌが、橋を渡っていました。", []int{0, 16}, []bool{false, true}},
		{"one line of prose without any gap in it at all", []int{0}, []bool{true}},
		{"", nil, nil},
	}
	for _, tt := range tests {
		ss := lineSegments(tt.in)
		if len(ss) != len(tt.cols) {
			t.Errorf("lineSegments(%q): %d segments, want %d", tt.in, len(ss), len(tt.cols))
			continue
		}
		for k, s := range ss {
			if s.col != tt.cols[k] || s.proseLike() != tt.prose[k] {
				t.Errorf("lineSegments(%q)[%d]: col %d prose %v, want %d %v", tt.in, k, s.col, s.proseLike(), tt.cols[k], tt.prose[k])
			}
		}
	}
}

func TestHasGap(t *testing.T) {
	for line, want := range map[string]bool{
		"Sports          The council approved": true,
		"a\t\t\tb":                             true,
		"a \u00a0 b":                           true,
		"10\u00a0000 people came":              false,
		"one\ttab only":                        false,
		"no gap at all":                        false,
	} {
		if got := hasGap(line); got != want {
			t.Errorf("hasGap(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestReadColumns(t *testing.T) {
	// An article column beside a navigation column on a few lines only,
	// under a page's single-column header.
	var b strings.Builder
	for i := 0; i < 40; i++ {
		b.WriteString("Home\n")
	}
	story := []string{
		"The council approved the new flood defences on Tuesday after a long debate.",
		"Engineers said the walls would protect about four thousand homes in the town.",
		"Residents who came to the meeting asked for a public timetable for the work.",
		"The mayor said the project was the largest since the bridge was built.",
		"The first section of the wall is due to be finished by the end of next year.",
		"Most of the money will come from the national flood fund, the council said.",
		"The opposition said it would not try to stop the work once contracts were signed.",
		"A second vote on the river path is planned for the spring, after the elections.",
	}
	for _, s := range story {
		b.WriteString("Sports          " + s + "\n")
	}
	text := b.String()
	v, ok := readColumns(text, splitLines(text))
	if !ok {
		t.Fatal("readColumns: not read in columns")
	}
	if strings.Contains(v.text, "Sports") || !strings.Contains(v.text, story[0]) {
		t.Errorf("column text = %q", v.text)
	}

	// Prose without columns is not read in columns.
	plain := strings.Repeat(story[0]+"\n", 20)
	if _, ok := readColumns(plain, splitLines(plain)); ok {
		t.Error("readColumns: plain prose read in columns")
	}

	// A table in an article whose paragraphs run across the page is the
	// article's table, not the page's columns.
	var tb strings.Builder
	tb.WriteString(story[0] + " " + story[1] + "\n\n")
	for _, s := range story {
		tb.WriteString("     Groundhog Day        1993 " + s + "\n")
	}
	tb.WriteString("\n" + story[2] + " " + story[3] + "\n")
	table := tb.String()
	if v, ok := readColumns(table, splitLines(table)); ok {
		t.Errorf("readColumns: an article's table read as the page's columns: %q", v.text)
	}

	// The same with less of the article across the page: between a
	// quarter and a third of the table's prose, as when a cleaning has
	// taken the asks from around it. Still the article's table.
	letters := func(s string) (n int) {
		for _, r := range s {
			if unicode.IsLetter(r) {
				n++
			}
		}
		return n
	}
	var lb strings.Builder
	lb.WriteString(story[0] + "\n\n")
	column := 0
	for _, s := range story {
		lb.WriteString("     Groundhog Day        1993 " + s + "\n")
		column += letters(s)
	}
	lb.WriteString("\n" + story[6] + "\n")
	if across := letters(story[0]) + letters(story[6]); across*4 < column || across*3 >= column {
		t.Fatalf("fixture: %d letters across for %d in the column, want a quarter to a third", across, column)
	}
	lean := lb.String()
	if v, ok := readColumns(lean, splitLines(lean)); ok {
		t.Errorf("readColumns: an article's table with a quarter of its prose across read as columns: %q", v.text)
	}

	// A short article beside its navigation over a long list of links
	// and a footer's one-line disclaimer: few lines of columns, but they
	// hold the prose.
	var sb strings.Builder
	for _, s := range story {
		sb.WriteString("Sports          " + s + "\n")
	}
	for i := 0; i < 150; i++ {
		sb.WriteString("Link to a section\n")
	}
	sb.WriteString(strings.Repeat("Information on this site is provided for general purposes only. ", 6) + "\n")
	sparse := sb.String()
	if v, ok := readColumns(sparse, splitLines(sparse)); !ok || strings.Contains(v.text, "Sports") {
		t.Errorf("readColumns: a short article beside its navigation not read in its column (ok %v): %.300q", ok, v.text)
	}

	// The same few lines of columns beside paragraphs of one segment
	// that hold more prose: the paragraphs are the article.
	var pb strings.Builder
	for i := 0; i < 4; i++ {
		pb.WriteString(strings.Join(story, " ") + "\n\n")
	}
	for _, s := range story[:3] {
		pb.WriteString("Sports          " + s + "\n")
	}
	for i := 0; i < 60; i++ {
		pb.WriteString("Link to a section\n")
	}
	paras := pb.String()
	if v, ok := readColumns(paras, splitLines(paras)); ok {
		t.Errorf("readColumns: paragraphs beside a few lines of columns read in columns: %q", v.text)
	}
}

// TestColumnRightEdge checks that the article's column ends where the
// next column starts, even when lines across the page (a footer's
// notices, which start at the column's offset) run long; and that a
// table's second column inside the article column stays.
func TestColumnRightEdge(t *testing.T) {
	story := []string{
		"The council approved the new flood defences on Tuesday after a",
		"long debate, and engineers said the walls would protect about",
		"four thousand homes in the town once the work is done next year.",
		"Residents who came to the meeting asked for a public timetable,",
		"and the mayor said the project was the largest since the bridge.",
		"The first section of the wall is due to be finished by spring,",
		"and most of the money will come from the national flood fund.",
		"The opposition said it would not try to stop the work now.",
	}
	side := []string{"Weather", "Poll", "Jobs", "Cars", "Homes", "Deals", "Games", "Video"}
	var b strings.Builder
	for i, s := range story {
		fmt.Fprintf(&b, "  _ Sports     %-66s      %s\n", s, side[i])
	}
	b.WriteString("\n")
	for i := 0; i < 8; i++ {
		b.WriteString("               The Daily News covers the town and the region in more depth than any other newspaper in the county, every day of the week.\n")
	}
	text := b.String()
	v, ok := readColumns(text, splitLines(text))
	if !ok {
		t.Fatal("readColumns: not read in columns")
	}
	for _, w := range side {
		if strings.Contains(v.text, w) {
			t.Errorf("the next column's %q is in the article's: %q", w, v.text)
		}
	}
	if !strings.Contains(v.text, story[0]) {
		t.Errorf("column text = %q", v.text)
	}
}
