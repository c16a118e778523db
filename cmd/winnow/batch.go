package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/schollz/progressbar/v3"
	"github.com/winnow-text/winnow/cleaner"
	"github.com/winnow-text/winnow/internal/crawl"
	"golang.org/x/term"
)

// stats counts removals per category.
type stats struct {
	files int
	per   map[string]*count
}

type count struct{ blocks, lines, bytes int }

func (s *stats) add(m cleaner.Meta) {
	if s.per == nil {
		s.per = map[string]*count{}
	}
	s.files++
	for _, r := range m.Removed {
		c := s.per[r.Category]
		if c == nil {
			c = &count{}
			s.per[r.Category] = c
		}
		c.blocks++
		c.lines += strings.Count(r.Text, "\n") + 1
		c.bytes += len(r.Text)
	}
}

func (s *stats) merge(o stats) {
	if s.per == nil {
		s.per = map[string]*count{}
	}
	s.files += o.files
	for k, v := range o.per {
		c := s.per[k]
		if c == nil {
			c = &count{}
			s.per[k] = c
		}
		c.blocks += v.blocks
		c.lines += v.lines
		c.bytes += v.bytes
	}
}

// fileResult is what one worker reports about one input.
type fileResult struct {
	path     string
	out      []byte // what to print on stdout for this file (-l, -d)
	err      error
	warnings []string
	changed  bool
	stats    stats
}

// batch cleans many files with the modes of the command line.
type batch struct {
	c      *cleaner.Cleaner
	o      *options
	color  bool
	claims *claims
}

// claims remembers the -o outputs handed out, to report two inputs that
// would write the same file (x.txt and x.html). It forgets after a while,
// so that memory stays bounded on huge trees.
type claims struct {
	mu   sync.Mutex
	seen map[string]string
}

func (c *claims) claim(out, in string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.seen[out]; ok {
		return prev, false
	}
	if len(c.seen) >= 100000 {
		c.seen = map[string]string{}
	}
	c.seen[out] = in
	return "", true
}

// relFor is where an explicitly named file's outputs go under -o: its
// path when it is relative and inside the working directory, else its
// base name.
func relFor(path string) string {
	clean := filepath.Clean(path)
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return filepath.Base(clean)
	}
	return clean
}

// outBase is where -o writes an input's outputs, without the extension
// (and without a compression suffix: a.txt.gz gives a.txt).
func (b *batch) outBase(in input) string {
	rel := crawl.PlainName(in.rel)
	return filepath.Join(b.o.outDir, strings.TrimSuffix(rel, filepath.Ext(rel)))
}

// claim marks an input whose -o outputs another input already writes. It
// runs in the producer, so the first in input order wins.
func (b *batch) claim(in input) input {
	if b.o.outDir == "" {
		return in
	}
	dst := b.outBase(in)
	if prev, ok := b.claims.claim(dst, in.path); !ok {
		in.err = fmt.Errorf("%s: its output %s.txt is also %s's; rename one of them", in.path, dst, prev)
	}
	return in
}

// one cleans one file and does what the modes ask.
func (b *batch) one(in input) fileResult {
	r := fileResult{path: in.path, err: in.err}
	if r.err != nil {
		return r
	}
	data, info, comp, err := loadFile(in.path, b.o.maxSize)
	if err != nil {
		r.err = err
		return r
	}
	if bytes.HasPrefix(data, crawl.Magic) {
		r.err = fmt.Errorf("%s: is a WARC file; clean it to JSON Lines with: winnow %s > clean.jsonl", in.path, in.path)
		return r
	}
	if comp != crawl.Uncompressed && b.o.write {
		r.err = fmt.Errorf("%s: is compressed; -w rewrites plain text files (use -o DIR for a cleaned copy)", in.path)
		return r
	}
	res, err := b.c.Clean(context.Background(), data)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", in.path, err)
		return r
	}
	r.warnings = res.Warnings
	r.stats.add(res.Meta)
	body := res.RawBody()
	if b.o.outDir != "" {
		dst := b.outBase(in)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			r.err = fmt.Errorf("%s: -o: %w", in.path, err)
			return r
		}
		name, out, err := crawl.Compressed(dst+".txt", body, comp)
		if err != nil {
			r.err = fmt.Errorf("%s: -o: %w", in.path, err)
			return r
		}
		if err := writeFileFast(name, out, 0o644); err != nil {
			r.err = fmt.Errorf("%s: -o: %w", in.path, err)
			return r
		}
		if err := writeFileFast(dst+".meta.json", metaJSON(res.Meta), 0o644); err != nil {
			r.err = fmt.Errorf("%s: -o: %w", in.path, err)
			return r
		}
	}
	if !(b.o.write || b.o.list || b.o.diff) {
		return r
	}
	if res.Kind == cleaner.HTML {
		r.warnings = append(r.warnings, "HTML: -w, -l and -d rewrite text files only (use -o DIR for HTML)")
		return r
	}
	r.changed = !bytes.Equal(body, data)
	if !r.changed {
		return r
	}
	if b.o.list {
		r.out = append(r.out, in.path+"\n"...)
	}
	if b.o.diff {
		r.out = append(r.out, unifiedDiff(in.path, res, b.color)...)
	}
	if b.o.write {
		if err := rewrite(in.path, data, info, body, metaJSON(res.Meta)); err != nil {
			r.err = err
		}
	}
	return r
}

// runBatch cleans every input the command line names (files, directories,
// --files-from) with -o, -w, -l or -d, in parallel, printing per-file
// output in input order.
func runBatch(ctx context.Context, c *cleaner.Cleaner, o *options, stdin io.Reader, stdout, stderr io.Writer) int {
	var mu sync.Mutex // stderr is written by the walker and the consumer
	failed := 0
	warn := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stderr, "winnow: "+format+"\n", a...)
	}
	fail := func(err error) {
		mu.Lock()
		failed++
		mu.Unlock()
		warn("%v", err)
	}
	b := &batch{c: c, o: o, color: useColor(stdout), claims: &claims{seen: map[string]string{}}}
	src := newFileSource(o, stdin, fail)
	bar := newProgress(stderr, o, "files")
	var total stats
	changed := 0
	eng := ordered[input, fileResult]{workers: o.jobs, window: 4 * o.jobs, budget: 1 << 30}
	eng.run(ctx, func(emit func(input, int64) bool) {
		src.each(ctx, func(in input) bool { return emit(b.claim(in), 1) })
	}, b.one, func(r fileResult) {
		if bar != nil {
			_ = bar.Add(1)
		}
		if r.err != nil {
			fail(r.err)
			return
		}
		if !o.quiet {
			for _, wmsg := range r.warnings {
				warn("%s: warning: %s", r.path, wmsg)
			}
		}
		if r.changed {
			changed++
		}
		total.merge(r.stats)
		if len(r.out) > 0 {
			if bar != nil {
				_ = bar.Clear()
			}
			_, _ = stdout.Write(r.out)
		}
	})
	if bar != nil {
		_ = bar.Finish()
	}
	if o.stats {
		printStats(stderr, total)
	}
	switch {
	case ctx.Err() != nil:
		warn("interrupted: stopped after the files in flight")
		return exitInterrupted
	case failed > 0:
		return exitError
	case o.list && changed > 0:
		return exitChanged
	}
	return exitOK
}

func defaultJobs() int { return runtime.NumCPU() }

// newProgress is a progress bar on stderr counting items ("files",
// "records") and their rate, when stderr is a terminal and -q is off; nil
// otherwise.
func newProgress(stderr io.Writer, o *options, items string) *progressbar.ProgressBar {
	f, ok := stderr.(*os.File)
	if !ok || o.quiet || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions64(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetItsString(items),
		progressbar.OptionShowIts(), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(),
		progressbar.OptionSetDescription("cleaning"))
}
