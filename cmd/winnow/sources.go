package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/winnow-text/winnow/internal/crawl"
)

// The inputs of a run come from one of two sources, in a stable order:
// files (a batch, and --learn over files) or the records of JSON Lines
// streams (--jsonl, and --learn over them). A source reports problems
// that do not stop it (a missing file) to report, and stops when emit
// returns false.

// fileSource lists the files a batch cleans: the paths --files-from
// names, then the PATHs (files as named, directories walked). Winnow's
// own sidecars and temporaries are never inputs.
type fileSource struct {
	o      *options
	stdin  io.Reader
	walker *walker
}

func newFileSource(o *options, stdin io.Reader, report func(error)) fileSource {
	w := &walker{exts: extSet(o.exts), cleanTemps: o.write, report: report}
	if o.outDir != "" {
		if abs, err := filepath.Abs(o.outDir); err == nil {
			w.skip = append(w.skip, abs)
		}
	}
	return fileSource{o: o, stdin: stdin, walker: w}
}

func (s fileSource) each(ctx context.Context, emit func(input) bool) {
	o := s.o
	if o.filesFrom != "" {
		r := s.stdin
		if o.filesFrom != "-" {
			f, err := os.Open(o.filesFrom)
			if err != nil {
				s.walker.report(fmt.Errorf("--files-from: %w", pathError(o.filesFrom, err)))
				return
			}
			defer f.Close()
			r = f
		}
		stopped := false
		err := readFileList(r, o.nul, func(p string) bool {
			if strings.HasSuffix(p, ".meta.json") || isTemp(filepath.Base(p)) {
				return true
			}
			stopped = !emit(input{path: p, rel: relFor(p)})
			return !stopped
		})
		if err != nil {
			s.walker.report(fmt.Errorf("--files-from %s: %w", o.filesFrom, err))
		}
		if stopped {
			return
		}
	}
	s.walker.walk(ctx, o.paths, emit)
}

// recordSource lists the records of JSON Lines: stdin, or the named
// files in order. A line over --max-size comes with nil data.
type recordSource struct {
	o      *options
	stdin  io.Reader
	report func(error)
	warc   *crawl.Stats // counts a WARC file's records that are no documents (nil: not counted)
}

func (s recordSource) each(ctx context.Context, emit func(record, int64) bool) {
	sources := s.o.paths
	if len(sources) == 0 {
		sources = []string{"-"}
	}
	for _, src := range sources {
		if ctx.Err() != nil || !s.file(src, emit) {
			return
		}
	}
}

// file emits the records of one source ("-": stdin): see crawl.Each. It
// returns false when emit asked to stop.
func (s recordSource) file(src string, emit func(record, int64) bool) bool {
	if src == "-" {
		return crawl.Each("<stdin>", s.stdin, s.o.maxSize, s.stats(), s.report, emit)
	}
	f, err := os.Open(src)
	if err != nil {
		s.report(pathError(src, err))
		return true
	}
	defer f.Close()
	return crawl.Each(src, f, s.o.maxSize, s.stats(), s.report, emit)
}

// stats is where the source counts WARC records that are no documents.
func (s recordSource) stats() *crawl.Stats {
	if s.warc == nil {
		return crawl.NewStats()
	}
	return s.warc
}
