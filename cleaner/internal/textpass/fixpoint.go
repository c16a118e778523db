package textpass

import (
	"context"
	"strings"

	"github.com/winnow-text/winnow/cleaner/internal/doc"
	"github.com/winnow-text/winnow/rules"
)

// maxPasses bounds the fixpoint: each pass runs detection again on the
// body the previous passes left, until a pass removes nothing.
const maxPasses = 8

// Learned is a set of lines a corpus repeats (a site's template): they are
// removed wherever they occur.
type Learned interface {
	Len() int
	Has(norm string) bool
}

// Options configure a fixpoint.
type Options struct {
	// Lang is the language of every pass; "" detects it per pass.
	Lang string
	// HTML says the text is the blocks of an HTML page, one line per line
	// of a block: headings in the head stay (they are the page's
	// structure), and only the line that repeats KnownTitle is the title.
	HTML       bool
	KnownTitle string
	// Keep lists categories left in the body (still reported).
	Keep map[rules.Category]bool
	// Learned lines are removed wherever they occur; nil: none.
	Learned Learned
}

// Fixed is what a fixpoint leaves: the lines of the text, which rule
// removed each, the metadata and the body (the kept lines, assembled).
type Fixed struct {
	Spans  [][2]int // each line of the text, without its newline
	Meta   doc.Meta
	Body   string
	Lang   string      // the language the last pass used
	labels []label     // per line
	cuts   map[int]cut // sentences cut off the end of kept lines
}

// KeptEnd is where the kept text of line i ends: the line's end, or the
// end of what a cut left of it.
func (f *Fixed) KeptEnd(i int) int { return keptEnd(f.Spans, f.cuts, i) }

func keptEnd(spans [][2]int, cuts map[int]cut, i int) int {
	if c, ok := cuts[i]; ok {
		return spans[i][0] + c.keep
	}
	return spans[i][1]
}

// Rule is the rule that removed line i, or nil when the line is kept.
func (f *Fixed) Rule(i int) *rules.Rule { return f.labels[i].rule }

// SameRemoval reports whether lines i and j were removed by the same rule
// in the same group (one comment, one zone): one removal.
func (f *Fixed) SameRemoval(i, j int) bool { return f.labels[i] == f.labels[j] }

// Removals are the removed lines of text merged into spans.
func (f *Fixed) Removals(text string) []doc.Removal { return removals(text, f.Spans, f.labels, f.cuts) }

// Kept walks what the body is made of (see LinePart), for assembling it
// in other bytes than text's.
func (f *Fixed) Kept(text string, emit func(i int, part LinePart)) {
	keptLines(text, f.Spans, f.labels, emit)
}

// Cut reports the rule that cut sentences off the end of kept line i, or
// nil, with the text it cut and the text left of the line.
func (f *Fixed) Cut(text string, i int) (r *rules.Rule, cutText, keptText string) {
	c, ok := f.cuts[i]
	if !ok {
		return nil, "", ""
	}
	sp := f.Spans[i]
	return c.rule, text[sp[0]+c.at : sp[1]], text[sp[0] : sp[0]+c.keep]
}

// Fixpoint runs detection passes until one removes nothing: each pass
// works on the body the earlier passes left, and its labels are mapped
// back to the lines of text. Each pass detects the language of the text
// it reads (the body's can differ from the page's), so that the last pass
// is the first pass of cleaning the result again, and that changes
// nothing.
func Fixpoint(ctx context.Context, set *rules.Set, text string, opts Options) (Fixed, error) {
	lang := opts.Lang
	spans := splitLines(text)
	labels := make([]label, len(spans))
	var cuts map[int]cut
	var meta doc.Meta
	passText, mapping := text, []int(nil)
	assembled := false // passText is the body of the labels so far
	groups := 0
	var cache *lineCache             // the first pass's line facts, while its language holds
	memo := map[memoKey]memoResult{} // pattern results do not depend on the pass
	detect := lang == ""
	for pass := 0; pass < maxPasses; pass++ {
		if err := ctx.Err(); err != nil {
			return Fixed{}, err
		}
		if detect {
			if l := DetectLanguage(set, passText); l != lang {
				// Line facts depend on the language: later passes
				// start afresh.
				lang, cache = l, nil
			}
		}
		var p *textPass
		if cache == nil {
			p = newTextPass(set, passText, lang)
			p.scan()
			if pass == 0 {
				// Later passes read these facts through their mapping
				// to the input's lines.
				cache = &lineCache{lines: append([]line(nil), p.lines...), cands: p.cands}
			}
		} else {
			p = newTextPassFrom(set, passText, lang, mapping, cache)
		}
		p.memo = memo
		p.kept = opts.Keep
		p.learned = opts.Learned
		p.html, p.knownTitle = opts.HTML, opts.KnownTitle
		p.groups = groups
		p.run()
		groups = p.groups
		changed := false
		for i, l := range p.labels {
			if l.rule == nil || opts.Keep[l.rule.Category] {
				continue
			}
			orig := i
			if mapping != nil {
				orig = mapping[i]
			}
			if orig < 0 {
				continue
			}
			labels[orig] = l
			delete(cuts, orig)
			changed = true
		}
		for i, c := range p.cuts {
			orig := i
			if mapping != nil {
				orig = mapping[i]
			}
			if orig < 0 || labels[orig].rule != nil || opts.Keep[c.rule.Category] {
				continue
			}
			if old, ok := cuts[orig]; ok && old.at <= c.at {
				continue
			}
			if cuts == nil {
				cuts = map[int]cut{}
			}
			cuts[orig] = c // offsets from the line's start, which a cut keeps
			changed = true
		}
		doc.Merge(&meta, &p.meta)
		if !changed {
			break
		}
		passText, mapping = assemble(text, spans, labels, cuts)
		assembled = true
	}
	if !assembled {
		passText, _ = assemble(text, spans, labels, cuts)
	}
	return Fixed{Spans: spans, labels: labels, cuts: cuts, Meta: meta, Body: passText, Lang: lang}, nil
}

// assemble builds the body from the unlabelled lines and returns, for each
// body line, the input line it is (-1 for a folded blank line).
func assemble(text string, spans [][2]int, labels []label, cuts map[int]cut) (string, []int) {
	var b strings.Builder
	b.Grow(len(text))
	mapping := make([]int, 0, len(spans))
	keptLines(text, spans, labels, func(i int, part LinePart) {
		switch part {
		case LineText:
			b.WriteString(text[spans[i][0]:keptEnd(spans, cuts, i)])
			mapping = append(mapping, i)
			return
		case BlankLine:
			mapping = append(mapping, -1)
		}
		b.WriteByte('\n')
	})
	return b.String(), mapping
}

// LinePart is a part of the body keptLines hands out.
type LinePart int

const (
	LineText  LinePart = iota // the text of a kept line
	LineEnd                   // its newline
	BlankLine                 // a run of blank lines, as its first one's newline
)

// keptLines walks what the body is made of, in order: the text of each
// unlabelled non-blank line, then its newline; a run of blank lines
// between kept lines becomes the newline of its first blank line alone.
// Leading and trailing blank lines are left out.
func keptLines(text string, spans [][2]int, labels []label, emit func(i int, part LinePart)) {
	started := false
	pendingBlank := -1
	for i, sp := range spans {
		if labels[i].rule != nil {
			continue
		}
		if rules.IsBlank(text[sp[0]:sp[1]]) {
			if started && pendingBlank < 0 {
				pendingBlank = i
			}
			continue
		}
		if pendingBlank >= 0 {
			emit(pendingBlank, BlankLine)
			pendingBlank = -1
		}
		emit(i, LineText)
		emit(i, LineEnd)
		started = true
	}
}

// removals merges labelled lines into spans: consecutive lines (blank
// lines between them allowed) with the same rule and group.
func removals(text string, spans [][2]int, labels []label, cuts map[int]cut) []doc.Removal {
	var out []doc.Removal
	open := -1 // index in out of the span that may grow
	for i, l := range labels {
		if l.rule == nil {
			if c, ok := cuts[i]; ok {
				// The sentences cut off the end of a kept line: a removal
				// of their own.
				start := spans[i][0] + c.at
				out = append(out, doc.Removal{
					Category: string(c.rule.Category), Rule: c.rule.ID,
					Start: start, End: spans[i][1], Line: i + 1,
					Text: text[start:spans[i][1]],
				})
				open = -1
				continue
			}
			if !rules.IsBlank(text[spans[i][0]:spans[i][1]]) {
				open = -1
			}
			continue
		}
		if open >= 0 {
			last := &out[open]
			if last.Rule == l.rule.ID && labels[last.Line-1].group == l.group {
				last.End = spans[i][1]
				last.Text = text[last.Start:last.End]
				continue
			}
		}
		out = append(out, doc.Removal{
			Category: string(l.rule.Category), Rule: l.rule.ID,
			Start: spans[i][0], End: spans[i][1], Line: i + 1,
			Text: text[spans[i][0]:spans[i][1]],
		})
		open = len(out) - 1
	}
	return out
}
