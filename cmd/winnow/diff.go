package main

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/winnow-text/winnow/cleaner"
)

// diffContext is the number of unchanged lines around each hunk.
const diffContext = 3

// unifiedDiff renders what winnow changes in one text input as a unified
// diff of the decoded input against the body: the removed lines, and the
// blank lines folded, trimmed or given a final newline, so that -d shows
// a change wherever -l lists the file. Each hunk header names the
// categories and rules of the removals in it.
func unifiedDiff(name string, res *cleaner.Result, color bool) []byte {
	d := alignDiff(res)
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	var b bytes.Buffer
	for i := 0; i < len(d.in); {
		if d.same(i) {
			i++
			continue
		}
		if b.Len() == 0 {
			b.WriteString(paint("1", "--- "+name) + "\n")
			b.WriteString(paint("1", "+++ "+name+" (winnow)") + "\n")
		}
		i = d.writeHunk(&b, i, paint)
	}
	return b.Bytes()
}

// diffLines is the input's lines aligned with the body's: the body is a
// subsequence of the input's lines, blank runs folded to one empty line.
// A line is kept as it was, replaced (a blank line of spaces that became
// empty, a last line given its newline), or deleted.
type diffLines struct {
	in, body   []string
	noEOL      bool     // the input does not end with a newline
	kept       []bool   // the line is in the body
	replaced   []bool   // ... but changed
	keptBefore []int    // body lines before input line i
	tags       []string // "category rule" of each removed line
}

func alignDiff(res *cleaner.Result) diffLines {
	text := res.Text
	d := diffLines{noEOL: text != "" && !strings.HasSuffix(text, "\n")}
	if text != "" {
		d.in = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	}
	if res.Body != "" {
		d.body = strings.Split(strings.TrimSuffix(res.Body, "\n"), "\n")
	}
	d.kept = make([]bool, len(d.in))
	d.replaced = make([]bool, len(d.in))
	d.keptBefore = make([]int, len(d.in)+1)
	// Which input line each body line comes from (the cleaner knows; the
	// lines themselves may be parts of the input's: a cell of a column, a
	// line with sentences cut off).
	from := res.BodyLines()
	j := 0
	for i, l := range d.in {
		d.keptBefore[i] = j
		if j < len(d.body) && (from != nil && j < len(from) && from[j] == i ||
			from == nil && (l == d.body[j] || strings.TrimSpace(l) == "" && d.body[j] == "")) {
			d.kept[i] = true
			d.replaced[i] = l != d.body[j]
			j++
		}
	}
	d.keptBefore[len(d.in)] = j
	if d.noEOL && len(d.in) > 0 && d.kept[len(d.in)-1] {
		d.replaced[len(d.in)-1] = true
	}
	d.tags = make([]string, len(d.in))
	for _, r := range res.Meta.Removed {
		if r.Path != "" {
			continue
		}
		first := strings.Count(res.Text[:r.Start], "\n")
		last := first + strings.Count(r.Text, "\n")
		for k := first; k <= last && k < len(d.in); k++ {
			d.tags[k] = r.Category + " " + r.Rule
		}
	}
	return d
}

// same reports whether input line i is in the body unchanged.
func (d diffLines) same(i int) bool { return d.kept[i] && !d.replaced[i] }

// writeHunk writes the hunk that starts with changed line i: changed
// lines, and unchanged lines between them while the gap is at most twice
// the context. It returns the line after the hunk.
func (d diffLines) writeHunk(b *bytes.Buffer, i int, paint func(code, s string) string) int {
	start := max(i-diffContext, 0)
	end := i
	for end < len(d.in) {
		if !d.same(end) {
			end++
			continue
		}
		gap := end
		for gap < len(d.in) && d.same(gap) && gap-end < 2*diffContext+1 {
			gap++
		}
		if gap < len(d.in) && !d.same(gap) {
			end = gap
			continue
		}
		break
	}
	stop := min(end+diffContext, len(d.in))
	var names []string
	seen := map[string]bool{}
	oldCount, newCount := 0, 0
	for k := start; k < stop; k++ {
		oldCount++
		if d.kept[k] {
			newCount++
		}
		if t := d.tags[k]; t != "" && !seen[t] && (!d.kept[k] || d.replaced[k]) {
			seen[t] = true
			names = append(names, t)
		}
	}
	if len(names) == 0 {
		names = []string{"blank lines"}
	}
	sort.Strings(names)
	newStart := d.keptBefore[start]
	if newCount > 0 {
		newStart++
	}
	fmt.Fprintf(b, "%s %s\n", paint("36", fmt.Sprintf("@@ -%d,%d +%d,%d @@", start+1, oldCount, newStart, newCount)), strings.Join(names, ", "))
	for k := start; k < stop; k++ {
		if d.same(k) {
			b.WriteString(" " + d.in[k] + "\n")
			continue
		}
		b.WriteString(paint("31", "-"+d.in[k]) + "\n")
		if d.noEOL && k == len(d.in)-1 {
			b.WriteString("\\ No newline at end of file\n")
		}
		if d.kept[k] {
			b.WriteString(paint("32", "+"+d.body[d.keptBefore[k]]) + "\n")
		}
	}
	return stop
}
