package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/winnow-text/winnow/cleaner"
)

// learn is the first pass of --learn: it reads every input once, counts in
// how many documents each line occurs, and returns the lines that recur
// in at least --learn-min documents. The count runs in input order, so the
// result does not depend on -j.
func learn(ctx context.Context, c *cleaner.Cleaner, o *options, stderr io.Writer) (*cleaner.Boilerplate, error) {
	l := cleaner.NewLearner(0)
	type doc struct {
		lines []string
		err   error
	}
	eng := ordered[string, doc]{workers: o.jobs, window: 4 * o.jobs, budget: 1 << 30}
	var firstErr error
	if o.jsonl {
		eng.run(ctx, func(emit func(string, int64) bool) {
			for _, src := range o.paths {
				f, err := os.Open(src)
				if err != nil {
					firstErr = pathError(src, err)
					return
				}
				_ = readRecords(f, src, o.maxSize, func(rec record, size int64) bool {
					var m map[string]json.RawMessage
					var text string
					if rec.data != nil && json.Unmarshal(rec.data, &m) == nil && json.Unmarshal(m[o.textField], &text) == nil {
						return emit(text, size)
					}
					return true
				})
				f.Close()
			}
		}, func(text string) doc {
			lines, err := c.Lines(context.Background(), []byte(text))
			return doc{lines, err}
		}, func(d doc) {
			if d.err == nil {
				l.Add(d.lines)
			}
		})
	} else {
		w := &walker{exts: extSet(o.exts), report: func(error) {}}
		if o.outDir != "" {
			if abs, err := filepath.Abs(o.outDir); err == nil {
				w.skip = append(w.skip, abs)
			}
		}
		eng.run(ctx, func(emit func(string, int64) bool) {
			if o.filesFrom != "" {
				f, err := os.Open(o.filesFrom)
				if err != nil {
					firstErr = fmt.Errorf("--files-from: %w", pathError(o.filesFrom, err))
					return
				}
				defer f.Close()
				_ = readFileList(f, o.nul, func(p string) bool { return emit(p, 1) })
			}
			w.walk(ctx, o.paths, func(in input) bool { return emit(in.path, 1) })
		}, func(path string) doc {
			data, err := readInput(path, nil, o.maxSize)
			if err != nil {
				return doc{err: err}
			}
			lines, err := c.Lines(context.Background(), data)
			return doc{lines, err}
		}, func(d doc) {
			if d.err == nil {
				l.Add(d.lines)
			}
		})
	}
	if firstErr != nil {
		return nil, firstErr
	}
	b := l.Boilerplate(o.learnMin, 0)
	if !o.quiet {
		fmt.Fprintf(stderr, "winnow: --learn: %d documents; %d lines recur in %d or more of them\n", l.Docs(), b.Len(), o.learnMin)
	}
	return b, ctx.Err()
}

// extSet turns "txt,html" into a set of extensions with their dot.
func extSet(list string) map[string]bool {
	exts := map[string]bool{}
	for _, e := range strings.Split(list, ",") {
		if e = strings.TrimSpace(e); e != "" {
			exts["."+strings.TrimPrefix(strings.ToLower(e), ".")] = true
		}
	}
	return exts
}
