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
	// Hidden marks lines of the text (by index) that the first pass reads
	// but that are never part of the body: what the HTML path adds to show
	// the text stages the page's structure (a drawn rule for an <hr>).
	Hidden []bool
}

// Fixed is what a fixpoint leaves: the lines of the text, which rule
// removed each, the metadata and the body (the kept lines, assembled).
// When the text was read in columns (readColumns), the passes ran on each
// line's cell in the article's column, and what lies outside the cell is
// removed by the column rule.
type Fixed struct {
	Spans  [][2]int // each line of the text, without its newline
	Meta   doc.Meta
	Body   string
	Lang   string      // the language the last pass used
	labels []label     // per line
	cuts   map[int]cut // sentences cut off the end of kept lines

	hidden    []bool      // lines never in the body (Options.Hidden)
	work      string      // the text the passes read: text, or its column
	workSpans [][2]int    // its lines (as many as Spans)
	cells     [][2]int    // per line, the cell the passes read, in bytes from the line's start (nil: the whole line)
	column    *rules.Rule // removes what lies outside the cells
}

// KeptStart and KeptEnd are where the kept text of line i starts and ends
// in the text: the line, its cell in the article's column, less the
// sentences a cut took off its end.
func (f *Fixed) KeptStart(i int) int { return f.Spans[i][0] + f.cellFrom(i) }

// KeptEnd: see KeptStart.
func (f *Fixed) KeptEnd(i int) int {
	n := f.workSpans[i][1] - f.workSpans[i][0]
	if c, ok := f.cuts[i]; ok {
		n = c.keep
	}
	return f.KeptStart(i) + n
}

func (f *Fixed) cellFrom(i int) int {
	if f.cells == nil {
		return 0
	}
	return f.cells[i][0]
}

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

// Kept walks what the body is made of (see LinePart), for assembling it
// in other bytes than the text's: the kept text of line i is
// [KeptStart(i), KeptEnd(i)), its line end the end of Spans[i].
func (f *Fixed) Kept(emit func(i int, part LinePart)) {
	keptLines(f.work, f.workSpans, f.labels, f.hidden, emit)
}

// Cut reports the rule that cut sentences off the end of kept line i, or
// nil, with the text it cut and the text left of the line.
func (f *Fixed) Cut(text string, i int) (r *rules.Rule, cutText, keptText string) {
	c, ok := f.cuts[i]
	if !ok {
		return nil, "", ""
	}
	sp := f.Spans[i]
	from := sp[0] + f.cellFrom(i)
	end := sp[1]
	if f.cells != nil {
		end = sp[0] + f.cells[i][1]
	}
	return c.rule, text[from+c.at : end], text[from : from+c.keep]
}

// Fixpoint runs detection passes until one removes nothing: each pass
// works on the body the earlier passes left, and its labels are mapped
// back to the lines of text. Each pass detects the language of the text
// it reads (the body's can differ from the page's), so that the last pass
// is the first pass of cleaning the result again, and that changes
// nothing.
//
// A dump's columns are read the same way (readColumns): when the body
// the passes leave would be read in columns, as cleaning it again would
// read it (the menus that hid a layout's columns are gone, or a column
// held columns of its own), each of its lines is narrowed to its cell
// there and the passes run on again.
func Fixpoint(ctx context.Context, set *rules.Set, text string, opts Options) (Fixed, error) {
	spans := splitLines(text)
	fx := Fixed{Spans: spans, work: text, workSpans: spans}
	if len(opts.Hidden) == len(spans) {
		fx.hidden = opts.Hidden
	}
	column := set.Rule(rules.IDOutsideColumn)
	columns := !opts.HTML && column != nil && !opts.Keep[column.Category]
	if columns {
		if v, ok := readColumns(text, spans); ok {
			fx.work, fx.workSpans, fx.cells, fx.column = v.text, splitLines(v.text), v.cells, column
		}
	}
	fp := &fixpoint{
		set: set, opts: &opts, fx: &fx,
		labels:   make([]label, len(spans)),
		memo:     map[memoKey]memoResult{}, // pattern results do not depend on the pass
		lang:     opts.Lang,
		detect:   opts.Lang == "",
		passText: fx.work, // the passes read the column
	}
	for layer := 0; ; layer++ {
		if err := fp.passes(ctx); err != nil {
			return Fixed{}, err
		}
		if !columns || layer+1 >= maxLayers {
			break
		}
		v, ok := readColumns(fp.passText, splitLines(fp.passText))
		if !ok || !fx.narrow(text, v.cells, fp.mapping, fp.cuts, column) {
			break
		}
		fp.cache = nil
		fp.passText, fp.mapping = assemble(fx.work, fx.workSpans, fp.labels, fp.cuts, fx.hidden)
	}
	fx.labels, fx.cuts, fx.Meta, fx.Body, fx.Lang = fp.labels, fp.cuts, fp.meta, fp.passText, fp.lang
	return fx, nil
}

// fixpoint is the state Fixpoint's passes share: per line of the text the
// passes read (fx.work), the label and the cut so far; the body they
// leave (passText) and, once assembled, the line of the work each of its
// lines is (mapping).
type fixpoint struct {
	set      *rules.Set
	opts     *Options
	fx       *Fixed
	labels   []label
	cuts     map[int]cut
	meta     doc.Meta
	groups   int
	cache    *lineCache // the first pass's line facts, while its language holds
	memo     map[memoKey]memoResult
	lang     string
	detect   bool
	passText string
	mapping  []int // nil: passText is the work itself
}

// passes runs text passes on the body until one removes nothing (or
// maxPasses), and leaves the body assembled.
func (fp *fixpoint) passes(ctx context.Context) error {
	work, spans, opts := fp.fx.work, fp.fx.workSpans, fp.opts
	for pass := 0; pass < maxPasses; pass++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if fp.detect {
			if l := DetectLanguage(fp.set, fp.passText); l != fp.lang {
				// Line facts depend on the language: later passes start
				// afresh.
				fp.lang, fp.cache = l, nil
			}
		}
		var p *textPass
		if fp.cache == nil {
			p = newTextPass(fp.set, fp.passText, fp.lang)
			p.scan()
			if fp.mapping == nil {
				// Later passes read these facts through their mapping to
				// the input's lines.
				fp.cache = &lineCache{lines: append([]line(nil), p.lines...), cands: p.cands}
			}
		} else {
			p = newTextPassFrom(fp.set, fp.passText, fp.lang, fp.mapping, fp.cache)
		}
		p.memo = fp.memo
		p.kept = opts.Keep
		p.learned = opts.Learned
		p.html, p.knownTitle = opts.HTML, opts.KnownTitle
		p.groups = fp.groups
		p.run()
		fp.groups = p.groups
		changed := fp.take(p)
		doc.Merge(&fp.meta, &p.meta)
		if !changed && fp.mapping != nil {
			return nil
		}
		if len(fp.cuts) > 0 {
			// A cut line is no longer the line the cache read (its words,
			// its keywords): later passes read the body afresh.
			fp.cache = nil
		}
		fp.passText, fp.mapping = assemble(work, spans, fp.labels, fp.cuts, fp.fx.hidden)
		if !changed {
			return nil
		}
	}
	return nil
}

// take maps a pass's labels and cuts back to the lines of the work and
// reports whether it removed anything.
func (fp *fixpoint) take(p *textPass) bool {
	changed := false
	orig := func(i int) int {
		if fp.mapping != nil {
			return fp.mapping[i]
		}
		return i
	}
	for i, l := range p.labels {
		if l.rule == nil || fp.opts.Keep[l.rule.Category] {
			continue
		}
		o := orig(i)
		if o < 0 {
			continue
		}
		fp.labels[o] = l
		delete(fp.cuts, o)
		changed = true
	}
	for i, c := range p.cuts {
		o := orig(i)
		if o < 0 || fp.labels[o].rule != nil || fp.opts.Keep[c.rule.Category] {
			continue
		}
		if old, ok := fp.cuts[o]; ok && old.at <= c.at {
			continue
		}
		if fp.cuts == nil {
			fp.cuts = map[int]cut{}
		}
		fp.cuts[o] = c // offsets from the line's start, which a cut keeps
		changed = true
	}
	return changed
}

// maxLayers bounds how many times Fixpoint reads the body in columns again.
const maxLayers = 4

// narrow reads each kept line in its cell of the body's column: cells[j]
// is the cell of body line j (bytes from its start), which is work line
// mapping[j], or the first bytes of it a cut kept. A cut whose kept text
// ends where the cell does stays; past a cell the column rule removes
// what the cut did. It reports whether a line changed: when each cell is
// its whole line, the body read in columns is the body.
func (f *Fixed) narrow(input string, cells [][2]int, mapping []int, cuts map[int]cut, column *rules.Rule) bool {
	next := make([][2]int, len(f.Spans))
	for i, sp := range f.Spans {
		if f.cells != nil {
			next[i] = f.cells[i]
		} else {
			next[i] = [2]int{0, sp[1] - sp[0]}
		}
	}
	changed := false
	for j, k := range mapping {
		if k < 0 || j >= len(cells) {
			continue
		}
		c, from := cells[j], next[k][0]
		if c[0] == 0 && c[1] == keptEnd(f.workSpans, cuts, k)-f.workSpans[k][0] {
			continue // the whole line
		}
		changed = true
		if ct, ok := cuts[k]; ok && c[1] == ct.keep && c[0] <= ct.keep {
			cuts[k] = cut{rule: ct.rule, at: ct.at - c[0], keep: ct.keep - c[0]}
			next[k][0] = from + c[0] // the cell runs on over the cut
			continue
		}
		delete(cuts, k)
		next[k] = [2]int{from + c[0], from + c[1]}
	}
	if !changed {
		return false
	}
	var b strings.Builder
	b.Grow(len(f.work))
	for i, sp := range f.Spans {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(input[sp[0]+next[i][0] : sp[0]+next[i][1]])
	}
	f.work = b.String()
	f.workSpans = splitLines(f.work)
	f.cells, f.column = next, column
	return true
}

// assemble builds the body from the unlabelled lines and returns, for each
// body line, the input line it is (-1 for a folded blank line).
func assemble(text string, spans [][2]int, labels []label, cuts map[int]cut, hidden []bool) (string, []int) {
	var b strings.Builder
	b.Grow(len(text))
	mapping := make([]int, 0, len(spans))
	keptLines(text, spans, labels, hidden, func(i int, part LinePart) {
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
// unlabelled non-blank line that is not hidden, then its newline; a run
// of blank lines between kept lines becomes the newline of its first
// blank line alone. Leading and trailing blank lines are left out.
func keptLines(text string, spans [][2]int, labels []label, hidden []bool, emit func(i int, part LinePart)) {
	started := false
	pendingBlank := -1
	for i, sp := range spans {
		if labels[i].rule != nil || hidden != nil && hidden[i] {
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

// Removals are what was removed from text, in order: labelled lines,
// sentences cut off a line's end, and in a text read in columns what lies
// outside each line's cell. Pieces of one rule and group with only white
// space between them are one removal (a zone, a comment, a run of lines).
func (f *Fixed) Removals(text string) []doc.Removal {
	var out []doc.Removal
	group := -1 // the group of out's last removal
	add := func(i int, r *rules.Rule, g, start, end int) {
		if rules.IsBlank(text[start:end]) {
			return
		}
		if n := len(out); n > 0 && g >= 0 && group == g && out[n-1].Rule == r.ID && rules.IsBlank(text[out[n-1].End:start]) {
			out[n-1].End = end
			out[n-1].Text = text[out[n-1].Start:end]
			return
		}
		out = append(out, doc.Removal{
			Category: string(r.Category), Rule: r.ID,
			Start: start, End: end, Line: i + 1,
			Text: text[start:end],
		})
		group = g
	}
	for i, sp := range f.Spans {
		from, to := sp[0], sp[1] // the part the passes read
		if f.cells != nil {
			from, to = sp[0]+f.cells[i][0], sp[0]+f.cells[i][1]
			add(i, f.column, 0, sp[0], from)
		}
		if l := f.labels[i]; l.rule != nil {
			add(i, l.rule, l.group, from, to)
		} else if c, ok := f.cuts[i]; ok {
			// The sentences cut off the end of a kept line: a removal of
			// their own.
			add(i, c.rule, -1, from+c.at, to)
		}
		if f.cells != nil {
			add(i, f.column, 0, to, sp[1])
		}
	}
	return out
}
