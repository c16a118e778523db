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
	"fmt"
	"unicode/utf8"

	"github.com/winnow-text/winnow/cleaner/internal/htmlpass"
	"github.com/winnow-text/winnow/cleaner/internal/textpass"
	"github.com/winnow-text/winnow/rules"
)

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
	// SkipMarkdown leaves Result.Markdown the plain body for HTML input,
	// which saves building it when only text is wanted.
	SkipMarkdown bool
}

// Cleaner cleans documents. It holds only configuration and is safe for
// concurrent use.
type Cleaner struct {
	set     *rules.Set
	input   InputKind
	keep    map[rules.Category]bool
	learned *Boilerplate
	noMD    bool
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
	c := &Cleaner{set: set, input: opts.Input, keep: map[rules.Category]bool{}, learned: opts.Boilerplate, noMD: opts.SkipMarkdown}
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
	src   *source
	fixed *textpass.Fixed
}

// RawBody is the body in the input's own bytes, for writing a file back
// in place: for text input, each kept line exactly as it was read (its
// encoding, byte order mark, line end and any invalid bytes), the
// removed lines cut out and blank runs folded as in Body; for HTML, Body.
// Cleaning RawBody again gives the same RawBody.
func (r *Result) RawBody() []byte {
	if r.src == nil || r.fixed == nil {
		return []byte(r.Body)
	}
	return rawBody(r.src, r.Text, r.fixed)
}

// BodyLines gives, for each line of Body, the 0-based line of Text it
// comes from (for a blank line that stands for a run of them, the run's
// first), or nil when the body is not made of the text's lines (HTML).
func (r *Result) BodyLines() []int {
	if r.fixed == nil {
		return nil
	}
	var out []int
	r.fixed.Kept(func(i int, part textpass.LinePart) {
		if part != textpass.LineEnd {
			out = append(out, i)
		}
	})
	return out
}

// Clean cleans one document. It fails only on input that is not text
// (ErrBinary) or when ctx is done.
func (c *Cleaner) Clean(ctx context.Context, input []byte) (*Result, error) {
	return c.CleanHinted(ctx, input, Hint{Kind: c.input})
}

// Hint is what is known about one input from outside it, as a crawl
// record tells it.
type Hint struct {
	// Kind forces the input kind; Auto sniffs it.
	Kind InputKind
	// Charset is the encoding a transport named (an HTTP Content-Type's
	// charset): it wins over the page's own declaration for bytes that are
	// not UTF-8.
	Charset string
}

// CleanHinted is Clean with what a crawl record says about the input.
func (c *Cleaner) CleanHinted(ctx context.Context, input []byte, h Hint) (*Result, error) {
	d, err := decodeHinted(input, h.Kind, h.Charset)
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

// cleanText cleans plain text: the text stages (package textpass) run to
// a fixpoint over its lines.
func (c *Cleaner) cleanText(ctx context.Context, text string) (*Result, error) {
	fx, err := textpass.Fixpoint(ctx, c.set, text, c.textOptions())
	if err != nil {
		return nil, err
	}
	meta := fx.Meta
	meta.Language = fx.Lang
	meta.Removed = fx.Removals(text)
	return &Result{Body: fx.Body, Markdown: fx.Body, Meta: meta, Text: text, fixed: &fx}, nil
}

// cleanHTML cleans an HTML page (package htmlpass). A page the HTML tree
// builder refuses (more than 512 open elements) is read with the
// tokenizer alone and cleaned as text.
func (c *Cleaner) cleanHTML(ctx context.Context, text string) (*Result, error) {
	page, err := htmlpass.Clean(ctx, c.set, text, c.textOptions(), !c.noMD)
	var tree *htmlpass.TreeError
	if errors.As(err, &tree) {
		res, terr := c.cleanText(ctx, htmlpass.Flatten(text))
		if terr != nil {
			return nil, terr
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("could not build the HTML tree (%v): cleaned its text without the markup", tree.Err))
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	return &Result{Body: page.Body, Markdown: page.Markdown, Meta: page.Meta, Text: text, Warnings: page.Warnings}, nil
}

// textOptions are the options of the text stages that every input shares.
func (c *Cleaner) textOptions() textpass.Options {
	opts := textpass.Options{Keep: c.keep}
	if c.learned != nil {
		opts.Learned = c.learned
	}
	return opts
}

// rawBody is the body in the input's own bytes: each kept line as the
// bytes it was read from (its encoding, invalid bytes and line end).
func rawBody(src *source, text string, fx *textpass.Fixed) []byte {
	b := rawBuilder{src: src, out: make([]byte, 0, len(src.raw))}
	fx.Kept(func(i int, part textpass.LinePart) {
		sp := fx.Spans[i]
		switch {
		case part == textpass.LineText:
			b.text(fx.KeptStart(i), fx.KeptEnd(i))
		case part == textpass.BlankLine && b.endsInCR() && b.src.lineEndIsLF(sp[1]):
			// A blank line's "\n" right after a line that ends in "\r"
			// would read back as one "\r\n" (the blank line's white
			// space, which made them two, is not written): the blank
			// line ends as the line before it does.
			b.out = append(b.out, '\r')
		default:
			b.newline(sp[1])
		}
	})
	out := b.bytes()
	if src.prefix == 0 && len(out) >= 2 && (out[0] == 0xff && out[1] == 0xfe || out[0] == 0xfe && out[1] == 0xff) {
		// The body starts where the input did not, with two bytes that
		// were read as Windows-1252 ("ÿþ") but that a reader takes for a
		// UTF-16 byte order mark: they are written as the characters
		// they were read as, in UTF-8, so the file reads back as its body.
		fixed := make([]byte, 0, len(out)+2)
		fixed = utf8.AppendRune(fixed, rune(out[0]))
		fixed = utf8.AppendRune(fixed, rune(out[1]))
		out = append(fixed, out[2:]...)
	}
	return out
}
