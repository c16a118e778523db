package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	report := func(err error) {
		if firstErr == nil {
			firstErr = err
		}
	}
	add := func(d doc) {
		if d.err == nil {
			l.Add(d.lines)
		}
	}
	if o.jsonl {
		src := recordSource{o: o, report: report}
		eng.run(ctx, func(emit func(string, int64) bool) {
			src.each(ctx, func(rec record, size int64) bool {
				if rec.WARC != nil {
					return emit(string(rec.Data), size)
				}
				var m map[string]json.RawMessage
				var text string
				if rec.Data != nil && json.Unmarshal(rec.Data, &m) == nil && json.Unmarshal(m[o.textField], &text) == nil {
					return emit(text, size)
				}
				return true
			})
		}, func(text string) doc {
			lines, err := c.Lines(context.Background(), []byte(text))
			return doc{lines, err}
		}, add)
	} else {
		src := newFileSource(o, nil, func(error) {})
		src.walker.cleanTemps = false
		eng.run(ctx, func(emit func(string, int64) bool) {
			src.each(ctx, func(in input) bool { return emit(in.path, 1) })
		}, func(path string) doc {
			data, err := readInput(path, nil, o.maxSize)
			if err != nil {
				return doc{err: err}
			}
			lines, err := c.Lines(context.Background(), data)
			return doc{lines, err}
		}, add)
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
