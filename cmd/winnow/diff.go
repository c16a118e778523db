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
	text := res.Text
	noEOL := text != "" && !strings.HasSuffix(text, "\n")
	in := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if text == "" {
		in = nil
	}
	body := strings.Split(strings.TrimSuffix(res.Body, "\n"), "\n")
	if res.Body == "" {
		body = nil
	}
	// The body is a subsequence of the input's lines, blank runs folded
	// to one empty line. A line is kept as it was, or replaced (a blank
	// line of spaces that became empty), or deleted.
	kept := make([]bool, len(in))
	replaced := make([]bool, len(in))
	keptBefore := make([]int, len(in)+1) // body lines before input line i
	j := 0
	for i, l := range in {
		keptBefore[i] = j
		if j < len(body) && (l == body[j] || strings.TrimSpace(l) == "" && body[j] == "") {
			kept[i] = true
			replaced[i] = l != body[j]
			j++
		}
	}
	keptBefore[len(in)] = j
	if noEOL && len(in) > 0 && kept[len(in)-1] {
		// The body ends with a newline the input lacks.
		replaced[len(in)-1] = true
	}
	same := func(i int) bool { return kept[i] && !replaced[i] }
	tags := make([]string, len(in)) // rule of each removed line
	for _, r := range res.Meta.Removed {
		if r.Path != "" {
			continue
		}
		first := strings.Count(res.Text[:r.Start], "\n")
		last := first + strings.Count(r.Text, "\n")
		for k := first; k <= last && k < len(in); k++ {
			tags[k] = r.Category + " " + r.Rule
		}
	}
	var b bytes.Buffer
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	header := false
	for i := 0; i < len(in); {
		if same(i) {
			i++
			continue
		}
		// A hunk: changed lines, and unchanged lines between them while
		// the gap is at most twice the context.
		start := max(i-diffContext, 0)
		end := i
		for end < len(in) {
			if !same(end) {
				end++
				continue
			}
			gap := end
			for gap < len(in) && same(gap) && gap-end < 2*diffContext+1 {
				gap++
			}
			if gap < len(in) && !same(gap) {
				end = gap
				continue
			}
			break
		}
		stop := min(end+diffContext, len(in))
		var names []string
		seen := map[string]bool{}
		oldCount, newCount := 0, 0
		for k := start; k < stop; k++ {
			oldCount++
			if kept[k] {
				newCount++
			} else if t := tags[k]; t != "" && !seen[t] {
				seen[t] = true
				names = append(names, t)
			}
		}
		if len(names) == 0 {
			names = []string{"blank lines"}
		}
		sort.Strings(names)
		if !header {
			b.WriteString(paint("1", "--- "+name) + "\n")
			b.WriteString(paint("1", "+++ "+name+" (winnow)") + "\n")
			header = true
		}
		newStart := keptBefore[start]
		if newCount > 0 {
			newStart++
		}
		fmt.Fprintf(&b, "%s %s\n", paint("36", fmt.Sprintf("@@ -%d,%d +%d,%d @@", start+1, oldCount, newStart, newCount)), strings.Join(names, ", "))
		for k := start; k < stop; k++ {
			last := noEOL && k == len(in)-1
			switch {
			case same(k):
				b.WriteString(" " + in[k] + "\n")
			case !kept[k]:
				b.WriteString(paint("31", "-"+in[k]) + "\n")
				if last {
					b.WriteString("\\ No newline at end of file\n")
				}
			default:
				b.WriteString(paint("31", "-"+in[k]) + "\n")
				if last {
					b.WriteString("\\ No newline at end of file\n")
				}
				b.WriteString(paint("32", "+"+body[keptBefore[k]]) + "\n")
			}
		}
		i = stop
	}
	return b.Bytes()
}
