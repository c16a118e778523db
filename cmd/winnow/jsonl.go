package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/winnow-text/winnow/cleaner"
	"github.com/winnow-text/winnow/internal/crawl"
)

// record is one document of a JSON Lines or WARC stream.
type record = crawl.Record

type recordResult struct {
	out      []byte // the line to write (without newline); nil: drop it
	err      error  // reported; the line is passed through (or dropped)
	dropped  bool   // a malformed line dropped as --jsonl-drop-bad asks: not an error
	warnings []string
	stats    stats
}

// runJSONL cleans JSON Lines from stdin or the named files to stdout, in
// input order, in parallel.
func runJSONL(ctx context.Context, c *cleaner.Cleaner, o *options, stdin io.Reader, stdout, stderr io.Writer) int {
	out := bufio.NewWriterSize(stdout, 1<<16)
	var mu sync.Mutex
	failed := 0
	report := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		failed++
		fmt.Fprintf(stderr, "winnow: %v\n", err)
	}
	var total stats
	dropped := 0
	wst := crawl.NewStats()
	eng := ordered[record, recordResult]{workers: o.jobs, window: 16 * o.jobs, budget: 256 << 20}
	src := recordSource{o: o, stdin: stdin, report: report, warc: wst}
	bar := newProgress(stderr, o, "records")
	eng.run(ctx, func(emit func(record, int64) bool) {
		src.each(ctx, emit)
	}, func(rec record) recordResult { return cleanRecord(c, o, rec) }, func(r recordResult) {
		if bar != nil {
			_ = bar.Add(1)
		}
		if r.err != nil {
			report(r.err)
		}
		if r.dropped {
			dropped++
		}
		if !o.quiet {
			for _, w := range r.warnings {
				mu.Lock()
				fmt.Fprintf(stderr, "winnow: warning: %s\n", w)
				mu.Unlock()
			}
		}
		total.merge(r.stats)
		if r.out != nil {
			out.Write(r.out)
			out.WriteByte('\n')
		}
	})
	if bar != nil {
		_ = bar.Finish()
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "winnow: writing output: %v\n", err)
		return exitError
	}
	if o.stats {
		printStats(stderr, total)
	}
	if !o.quiet {
		crawl.PrintStats(stderr, wst)
	}
	if dropped > 0 {
		lines := "lines"
		if dropped == 1 {
			lines = "line"
		}
		fmt.Fprintf(stderr, "winnow: --jsonl-drop-bad: dropped %d malformed %s\n", dropped, lines)
	}
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "winnow: interrupted: stopped after the records in flight")
		return exitInterrupted
	case failed > 0:
		return exitError
	}
	return exitOK
}

// cleanRecord cleans one record (see crawl.Clean); a malformed line is
// passed through or, with --jsonl-drop-bad, dropped and counted.
func cleanRecord(c *cleaner.Cleaner, o *options, rec record) recordResult {
	out := crawl.Clean(context.Background(), c, rec, crawl.Fields{Text: o.textField, Meta: o.metaField})
	r := recordResult{out: out.Out, err: out.Err, warnings: out.Warnings}
	if out.Meta != nil {
		r.stats.add(*out.Meta)
	}
	switch {
	case errors.Is(out.Err, crawl.ErrTooLong):
		r.err = fmt.Errorf("%s:%d: line is over --max-size (%d bytes); dropped", rec.Source, rec.Line, o.maxSize)
	case out.Malformed && o.jsonlDropBad:
		r.out, r.err, r.dropped = nil, nil, true
		r.warnings = append(r.warnings, out.Err.Error()+"; dropped")
	case out.Malformed:
		r.err = fmt.Errorf("%w; passed through unchanged", out.Err)
	}
	return r
}
