// Package cleaner is winnow's pipeline and Go API: it splits a scraped
// article (plain text or HTML) into a clean body and metadata.
//
//	c, err := cleaner.New(cleaner.Options{})
//	res, err := c.Clean(ctx, input)
//	fmt.Print(res.Body)
//
// The pipeline is decode → segment → detect (rules) → extract → assemble.
// Rules come from rule packs (package rules); the mechanisms that see
// structure a single pattern cannot (comment threads, author boxes, list
// zones, the head and tail of an article) live here.
package cleaner

import (
	"context"
	"errors"
	"strings"

	"github.com/winnow-text/winnow/rules"
)

// maxPasses bounds the fixpoint: each pass runs detection again on the
// body the previous passes left, until a pass removes nothing.
const maxPasses = 8

// Options configure a Cleaner. The zero value uses the built-in rules and
// sniffs each input's kind.
type Options struct {
	// Rules is the compiled rule set; nil means the built-in packs.
	Rules *rules.Set
	// Input forces the input kind; Auto sniffs it.
	Input InputKind
	// Keep lists categories to leave in the body. Their metadata is still
	// extracted.
	Keep []rules.Category
	// Boilerplate is a set of lines learned from the corpus (see Learner):
	// they are removed wherever they occur. Nil: none.
	Boilerplate *Boilerplate
}

// Cleaner cleans documents. It holds only configuration and is safe for
// concurrent use.
type Cleaner struct {
	set     *rules.Set
	input   InputKind
	keep    map[rules.Category]bool
	learned *Boilerplate
}

// New returns a Cleaner for opts.
func New(opts Options) (*Cleaner, error) {
	set := opts.Rules
	if set == nil {
		var err error
		if set, err = rules.Default(); err != nil {
			return nil, err
		}
	}
	c := &Cleaner{set: set, input: opts.Input, keep: map[rules.Category]bool{}, learned: opts.Boilerplate}
	for _, k := range opts.Keep {
		if !rules.ValidCategory(k) {
			return nil, errors.New("unknown category " + string(k))
		}
		c.keep[k] = true
	}
	return c, nil
}

// Rules returns the rule set the cleaner uses.
func (c *Cleaner) Rules() *rules.Set { return c.set }

// Result is a cleaned document.
type Result struct {
	// Body is the article: the kept lines of the input, in order, with
	// runs of blank lines folded to one, ending with a newline (or empty).
	// For HTML, one block of text per paragraph, a blank line between.
	Body string
	// Markdown is the body as Markdown: for HTML, headings, lists, quotes,
	// emphasis and links are kept; for text it is the body.
	Markdown string
	// Meta is what was taken out.
	Meta Meta
	// Kind is the kind the input was read as.
	Kind InputKind
	// Text is the input decoded to UTF-8 with LF line ends: the offsets of
	// text removals point into it.
	Text string
	// Warnings are problems that did not stop the cleaning (an encoding
	// guessed).
	Warnings []string

	// For RawBody: the input's bytes and which lines were kept.
	src    *source
	spans  [][2]int
	labels []label
}

// RawBody is the body in the input's own bytes, for writing a file back
// in place: for text input, each kept line exactly as it was read (its
// encoding, byte order mark, line end and any invalid bytes), the
// removed lines cut out and blank runs folded as in Body; for HTML, Body.
// Cleaning RawBody again gives the same RawBody.
func (r *Result) RawBody() []byte {
	if r.src == nil {
		return []byte(r.Body)
	}
	return rawBody(r.src, r.Text, r.spans, r.labels)
}

// Clean cleans one document. It fails only on input that is not text
// (ErrBinary) or when ctx is done.
func (c *Cleaner) Clean(ctx context.Context, input []byte) (*Result, error) {
	d, err := decode(input, c.input)
	if err != nil {
		return nil, err
	}
	var res *Result
	if d.kind == HTML {
		res, err = c.cleanHTML(ctx, d.text)
	} else {
		res, err = c.cleanText(ctx, d.text)
	}
	if err != nil {
		return nil, err
	}
	if d.kind != HTML {
		res.src = d.src
	}
	res.Kind = d.kind
	res.Warnings = append(d.warnings, res.Warnings...)
	return res, nil
}

// cleanText cleans plain text.
func (c *Cleaner) cleanText(ctx context.Context, text string) (*Result, error) {
	fx, err := c.fixpoint(ctx, text)
	if err != nil {
		return nil, err
	}
	meta := fx.meta
	meta.Language = fx.lang
	meta.Removed = removals(text, fx.spans, fx.labels)
	return &Result{Body: fx.body, Markdown: fx.body, Meta: meta, Text: text, spans: fx.spans, labels: fx.labels}, nil
}

// fixed is what a fixpoint leaves: the lines of the text, their labels,
// the metadata and the body (the unlabelled lines, assembled).
type fixed struct {
	spans  [][2]int
	labels []label
	meta   Meta
	body   string
	lang   string // the language the last pass used
}

// fixpoint runs detection passes until one removes nothing: each pass
// works on the body the earlier passes left, and its labels are mapped
// back to the lines of text. Each pass detects the language of the text
// it reads (the body's can differ from the page's), so that the last pass
// is the first pass of cleaning the result again, and that changes
// nothing.
func (c *Cleaner) fixpoint(ctx context.Context, text string) (fixed, error) {
	return c.fixpointWith(ctx, text, "", nil)
}

// fixpointWith is fixpoint with a hook that configures each pass and, if
// lang is not "", a language for every pass.
func (c *Cleaner) fixpointWith(ctx context.Context, text, lang string, setup func(*textPass)) (fixed, error) {
	spans := splitLines(text)
	labels := make([]label, len(spans))
	var meta Meta
	passText, mapping := text, []int(nil)
	assembled := false // passText is the body of the labels so far
	groups := 0
	var cache *lineCache             // the first pass's line facts, while its language holds
	memo := map[memoKey]memoResult{} // pattern results do not depend on the pass
	detect := lang == ""
	for pass := 0; pass < maxPasses; pass++ {
		if err := ctx.Err(); err != nil {
			return fixed{}, err
		}
		if detect {
			if l := detectLanguage(c.set, passText); l != lang {
				// Line facts depend on the language: later passes
				// start afresh.
				lang, cache = l, nil
			}
		}
		var p *textPass
		if cache == nil {
			p = newTextPass(c.set, passText, lang)
			p.scan()
			if pass == 0 {
				// Later passes read these facts through their mapping
				// to the input's lines.
				cache = &lineCache{lines: append([]line(nil), p.lines...), cands: p.cands}
			}
		} else {
			p = newTextPassFrom(c.set, passText, lang, mapping, cache)
		}
		p.memo = memo
		p.kept = c.keep
		p.learned = c.learned
		if setup != nil {
			setup(p)
		}
		p.groups = groups
		p.run()
		groups = p.groups
		changed := false
		for i, l := range p.labels {
			if l.rule == nil || c.keep[l.rule.Category] {
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
			changed = true
		}
		mergeMeta(&meta, &p.meta)
		if !changed {
			break
		}
		passText, mapping = assemble(text, spans, labels)
		assembled = true
	}
	if !assembled {
		passText, _ = assemble(text, spans, labels)
	}
	return fixed{spans: spans, labels: labels, meta: meta, body: passText, lang: lang}, nil
}

// assemble builds the body from the unlabelled lines and returns, for each
// body line, the input line it is (-1 for a folded blank line).
func assemble(text string, spans [][2]int, labels []label) (string, []int) {
	var b strings.Builder
	b.Grow(len(text))
	mapping := make([]int, 0, len(spans))
	keptLines(text, spans, labels, func(i int, part linePart) {
		switch part {
		case lineText:
			b.WriteString(text[spans[i][0]:spans[i][1]])
			mapping = append(mapping, i)
			return
		case blankLine:
			mapping = append(mapping, -1)
		}
		b.WriteByte('\n')
	})
	return b.String(), mapping
}

// linePart is a part of the body keptLines hands out.
type linePart int

const (
	lineText  linePart = iota // the text of a kept line
	lineEnd                   // its newline
	blankLine                 // a run of blank lines, as its first one's newline
)

// keptLines walks what the body is made of, in order: the text of each
// unlabelled non-blank line, then its newline; a run of blank lines
// between kept lines becomes the newline of its first blank line alone.
// Leading and trailing blank lines are left out.
func keptLines(text string, spans [][2]int, labels []label, emit func(i int, part linePart)) {
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
			emit(pendingBlank, blankLine)
			pendingBlank = -1
		}
		emit(i, lineText)
		emit(i, lineEnd)
		started = true
	}
}

// rawBody is the body in the input's own bytes: each kept line as the
// bytes it was read from (its encoding, invalid bytes and line end).
func rawBody(src *source, text string, spans [][2]int, labels []label) []byte {
	b := rawBuilder{src: src, out: make([]byte, 0, len(src.raw))}
	keptLines(text, spans, labels, func(i int, part linePart) {
		if part == lineText {
			b.text(spans[i][0], spans[i][1])
		} else {
			b.newline(spans[i][1])
		}
	})
	return b.bytes()
}

// removals merges labelled lines into spans: consecutive lines (blank
// lines between them allowed) with the same rule and group.
func removals(text string, spans [][2]int, labels []label) []Removal {
	var out []Removal
	open := -1 // index in out of the span that may grow
	for i, l := range labels {
		if l.rule == nil {
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
		out = append(out, Removal{
			Category: string(l.rule.Category), Rule: l.rule.ID,
			Start: spans[i][0], End: spans[i][1], Line: i + 1,
			Text: text[spans[i][0]:spans[i][1]],
		})
		open = len(out) - 1
	}
	return out
}

// mergeMeta adds what a later pass found: scalar fields it did not have,
// list entries it did not have, and comments, renumbered after its own.
func mergeMeta(dst, src *Meta) {
	setOnce(&dst.Title, src.Title)
	if dst.Date == "" {
		dst.Date, dst.DateText = src.Date, src.DateText
	}
	dst.Authors = appendUniqueStrings(dst.Authors, src.Authors)
	setOnce(&dst.AuthorBio, src.AuthorBio)
	setOnce(&dst.Source, src.Source)
	setOnce(&dst.SiteName, src.SiteName)
	setOnce(&dst.Description, src.Description)
	setOnce(&dst.URL, src.URL)
	setOnce(&dst.Language, src.Language)
	for _, l := range src.ReadAlso {
		if !containsLink(dst.ReadAlso, l) {
			dst.ReadAlso = append(dst.ReadAlso, l)
		}
	}
	for _, r := range src.Related {
		if !containsRelated(dst.Related, r) {
			dst.Related = append(dst.Related, r)
		}
	}
	if dst.CommentCount == nil {
		dst.CommentCount = src.CommentCount
	}
	offset := len(dst.Comments)
	for _, c := range src.Comments {
		if containsComment(dst.Comments[:offset], c) {
			continue
		}
		c.ID += offset
		if c.Parent > 0 {
			c.Parent += offset
		}
		dst.Comments = append(dst.Comments, c)
	}
}

func containsLink(ls []Link, l Link) bool {
	for _, x := range ls {
		if x.Title == l.Title {
			return true
		}
	}
	return false
}

func containsRelated(rs []Related, r Related) bool {
	for _, x := range rs {
		if x.Title == r.Title {
			return true
		}
	}
	return false
}

func containsComment(cs []Comment, c Comment) bool {
	for _, x := range cs {
		if x.Author == c.Author && x.Text == c.Text {
			return true
		}
	}
	return false
}
