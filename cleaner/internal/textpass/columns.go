package textpass

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/winnow-text/winnow/rules"
)

// A text browser lays out a page's table columns side by side, so that a
// dump's line holds the navigation, a line of the article and a line of
// the side column at once, each at its own offset:
//
//	• Letters to the          British authorities on Thursday approved   Mark Brennan I
//	>> REGIONAL NEWS          "Cow eggs seem to be every bit as good      Rorison round 2
//
// Read line by line, the article is lost among the rest. readColumns finds
// the column the article runs in (the offset where the most prose starts)
// and reads each line's cell in it: the text passes then run on the
// column, and everything else on those lines is removed as outside it.

// minColumnGap is how many spaces part two columns.
const minColumnGap = 3

// minColumnShare is the share of non-blank lines that hold two columns or
// more for a text to be read in columns.
const minColumnShare = 0.1

// minSparseColumnShare is the least share of lines of two columns or
// more when those lines hold most of the page's prose.
const minSparseColumnShare = 0.04

// minAcrossLines is how many lines of prose across the page say the
// columns are a table in an article: paragraphs, not one long line (a
// footer's disclaimer under a page laid out in columns).
const minAcrossLines = 2

// minNextColumn is how many lines of running text in the article's
// column (minRunningWords words: not a table's row) with a cell after
// them say where the next column starts.
const minNextColumn = 5

// minRunningWords is the fewest words of a line of running text.
const minRunningWords = 8

// minColumnLetters is the least prose (letters of segments that read as
// prose: see proseLike) the article's column holds: about the words of
// the smallest article region (minRegionScore), five letters a word. A
// short story between a menu and a side column is read in its column too.
const minColumnLetters = 5 * minRegionScore

// A segment is a run of text on a line between column gaps, in display
// cells (a wide character takes two) and in bytes.
type segment struct {
	col, endCol int // display cells
	from, to    int // bytes in the line
	words       int
	letters     int
	wide        int // wide letters: Chinese and Japanese write words without spaces
}

// proseLike reports whether a segment reads as a line of prose: five
// words, or ten wide letters (a line of Chinese or Japanese).
func (s segment) proseLike() bool { return s.words >= 5 || s.wide >= 10 }

// textLike reports whether a segment holds running text: three words, or
// six wide letters.
func (s segment) textLike() bool { return s.words >= 3 || s.wide >= 6 }

// columnView is a text read in its article column: text has one line per
// line of the input, the cell of the line in the column (possibly empty);
// cells[i] is where that cell lies in input line i, in bytes from the
// line's start.
type columnView struct {
	text  string
	cells [][2]int
}

// readColumns reads text in its article column when it is laid out in
// columns; ok is false otherwise.
func readColumns(text string, spans [][2]int) (columnView, bool) {
	// Cheap first: a line of two columns has a gap after its first text.
	nonBlank, gapped := 0, 0
	for _, sp := range spans {
		line := strings.TrimLeft(text[sp[0]:sp[1]], " \t\u00a0")
		if line == "" {
			continue
		}
		nonBlank++
		if hasGap(line) {
			gapped++
		}
	}
	if nonBlank < 10 || float64(gapped) < minSparseColumnShare*float64(nonBlank) {
		return columnView{}, false
	}
	icons := iconCounts(text, spans)
	segs := make([][]segment, len(spans))
	nonBlank, multi := 0, 0
	proseIn, proseOut := 0, 0 // prose on lines of columns, and on lines of one segment
	longestOut := 0           // the longest line of one segment (a footer's disclaimer)
	weight := map[int]int{}
	for i, sp := range spans {
		segs[i] = lineSegments(text[sp[0]:sp[1]])
		if len(segs[i]) == 0 {
			continue
		}
		nonBlank++
		if len(segs[i]) >= 2 {
			multi++
		}
		for _, s := range segs[i] {
			if s.proseLike() {
				if !iconItem(text[sp[0]+s.from:sp[0]+s.to], icons) {
					weight[s.col] += s.letters + s.wide // a wide letter weighs two
				}
				if len(segs[i]) >= 2 {
					proseIn += s.letters + s.wide
				} else {
					proseOut += s.letters + s.wide
					longestOut = max(longestOut, s.letters+s.wide)
				}
			}
		}
	}
	if nonBlank < 10 || float64(multi) < minSparseColumnShare*float64(nonBlank) ||
		float64(multi) < minColumnShare*float64(nonBlank) && proseIn <= proseOut-longestOut {
		// (Few lines of columns among many of one segment, a long list
		// of links under a short article beside its navigation, are the
		// layout when they hold most of the prose.)
		return columnView{}, false
	}
	left, best := -1, 0
	for col, w := range weight {
		if w > best || w == best && col < left {
			left, best = col, w
		}
	}
	if best < minColumnLetters {
		return columnView{}, false
	}
	// Prose across the page, left of the column, on lines of one segment
	// (an article's paragraphs around a table of its own), a quarter as
	// much as the column holds, says the columns are a table in the
	// article, not the page's layout: a page laid out in columns has no
	// paragraph across its navigation. (A quarter, not a third: the
	// paragraphs a cleaning removes, asks and notices, must not turn the
	// article's table into a layout when its body is read again.)
	across, acrossLines := 0, 0
	for i, ss := range segs {
		if len(ss) == 1 && ss[0].col < left && ss[0].proseLike() && rules.EndsSentence(text[spans[i][0]+ss[0].from:spans[i][0]+ss[0].to]) {
			across += ss[0].letters + ss[0].wide
			acrossLines++
		}
	}
	if across*4 >= best && acrossLines >= minAcrossLines {
		return columnView{}, false
	}
	// The column's right edge: where most of its lines end (a few run on
	// into the next column when the gap between them is narrow).
	// Where the next column starts, after a line of prose in this one,
	// bounds it too: lines across the page (a footer's notice) start at
	// the same offset and run long.
	var ends, next []int
	for _, ss := range segs {
		for k, s := range ss {
			if s.col == left && s.textLike() {
				ends = append(ends, s.endCol)
				if s.words >= minRunningWords && k+1 < len(ss) {
					next = append(next, ss[k+1].col)
				}
			}
		}
	}
	if len(ends) < 5 {
		return columnView{}, false
	}
	slices.Sort(ends)
	right := ends[len(ends)*3/4] + minColumnGap
	if len(next) >= minNextColumn {
		slices.Sort(next)
		right = min(right, next[len(next)/4])
	}
	var b strings.Builder
	b.Grow(len(text) / 2)
	cells := make([][2]int, len(spans))
	for i, ss := range segs {
		if i > 0 {
			b.WriteByte('\n')
		}
		raw := text[spans[i][0]:spans[i][1]]
		var cell [2]int
		switch {
		case len(ss) == 1 && ss[0].col < left && ss[0].endCol > left+(right-left)/2:
			// A line across the columns (a heading over the table, a
			// footer under it).
			cell = [2]int{ss[0].from, ss[0].to}
		default:
			first := -1
			for k, s := range ss {
				if s.col >= left && s.col < right {
					if first < 0 {
						first = k
					}
					cell = [2]int{ss[first].from, s.to}
				}
			}
		}
		cells[i] = cell
		b.WriteString(raw[cell[0]:cell[1]])
	}
	return columnView{text: b.String(), cells: cells}, true
}

// iconCounts counts the image placeholders that open a cell of the text
// ("[tennis] Sharapova and Davenport clash hits …"), by label.
func iconCounts(text string, spans [][2]int) map[string]int {
	var count map[string]int
	for _, sp := range spans {
		line := text[sp[0]:sp[1]]
		if !strings.Contains(line, "[") {
			continue
		}
		for _, s := range lineSegments(line) {
			if lab := cellIcon(line[s.from:s.to]); lab != "" {
				if count == nil {
					count = map[string]int{}
				}
				count[lab]++
			}
		}
	}
	return count
}

// cellIcon is the image placeholder glued to the start of a cell, or "".
func cellIcon(cell string) string {
	if !iconGlued(cell) {
		return ""
	}
	return iconLabel(rules.Normalize(cell))
}

// iconItem reports whether a cell opens with a placeholder that opens
// another cell too: a list's bullet (markIconItems), its items no prose
// for the article's column however long, so that a column of headlines
// with section icons does not outweigh the story beside it.
func iconItem(cell string, icons map[string]int) bool {
	lab := cellIcon(cell)
	return lab != "" && icons[lab] >= 2
}

// hasGap reports whether a line holds a gap between columns: a run of
// minColumnGap spaces, tabs or no-break spaces (as lineSegments counts
// them). A tab or a no-break space alone is no gap.
func hasGap(line string) bool {
	if strings.Contains(line, "   ") {
		return true
	}
	// (strings.Contains for the no-break space: ContainsAny with a rune
	// beyond ASCII in its set decodes every rune of the line.)
	if strings.IndexByte(line, '\t') < 0 && !strings.Contains(line, "\u00a0") {
		return false
	}
	run := 0
	for _, r := range line {
		if r == ' ' || r == '\t' || r == '\u00a0' {
			if run++; run >= minColumnGap {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// lineSegments cuts a line into the runs of text between gaps of
// minColumnGap spaces or more.
func lineSegments(raw string) []segment {
	var out []segment
	col, spaces := 0, 0
	var cur *segment
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRuneInString(raw[i:])
		w := 1
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			w = 2
		}
		if r == ' ' || r == '\t' || r == '\u00a0' {
			spaces++
			if cur != nil && spaces >= minColumnGap {
				cur = nil
			}
		} else {
			if cur == nil {
				out = append(out, segment{col: col, from: i, words: 1})
				cur = &out[len(out)-1]
			} else if spaces > 0 {
				cur.words++
			}
			spaces = 0
			cur.to = i + n
			cur.endCol = col + w
			if unicode.IsLetter(r) {
				cur.letters++
				if w == 2 {
					cur.wide++
				}
			}
		}
		col += w
		i += n
	}
	return out
}
