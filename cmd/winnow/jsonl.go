package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/winnow-text/winnow/cleaner"
)

// record is one line of a JSON Lines stream.
type record struct {
	source string    // file name, or <stdin>
	line   int       // 1-based (a WARC's record number)
	data   []byte    // without the newline; nil when the line was too long
	warc   *warcInfo // a WARC record's document: data is the payload
}

type recordResult struct {
	out      []byte // the line to write (without newline); nil: drop it
	err      error  // reported; the line is passed through (or dropped)
	dropped  bool   // a malformed line dropped as --jsonl-drop-bad asks: not an error
	warnings []string
	stats    stats
}

// field is one member of a JSON object, its value kept as it was.
type field struct {
	key string
	raw json.RawMessage
}

// parseObject reads a JSON object keeping its members' order and values.
func parseObject(data []byte) ([]field, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var fields []field
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := kt.(string)
		if !ok {
			return nil, errors.New("object key is not a string")
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		fields = append(fields, field{key, raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the object")
	}
	return fields, nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// cleanRecord cleans the text field of one record and adds the metadata.
func cleanRecord(c *cleaner.Cleaner, o *options, rec record) recordResult {
	var r recordResult
	where := fmt.Sprintf("%s:%d", rec.source, rec.line)
	if rec.data == nil {
		r.err = fmt.Errorf("%s: line is over --max-size (%d bytes); dropped", where, o.maxSize)
		return r
	}
	if rec.warc != nil {
		return cleanWARCRecord(c, rec, where)
	}
	if len(bytes.TrimSpace(rec.data)) == 0 {
		r.out = rec.data
		return r
	}
	bad := func(err error) recordResult {
		if o.jsonlDropBad {
			r.dropped = true
			r.warnings = append(r.warnings, fmt.Sprintf("%s: malformed JSON (%v); dropped", where, err))
		} else {
			r.err = fmt.Errorf("%s: malformed JSON (%v); passed through unchanged", where, err)
			r.out = rec.data
		}
		return r
	}
	fields, err := parseObject(rec.data)
	if err != nil {
		return bad(err)
	}
	ti := -1
	for i, f := range fields {
		if f.key == o.textField {
			ti = i
		}
	}
	var text string
	if ti < 0 || len(fields[ti].raw) == 0 || fields[ti].raw[0] != '"' || json.Unmarshal(fields[ti].raw, &text) != nil {
		what := "no field"
		if ti >= 0 {
			what = "not a string in field"
		}
		r.warnings = append(r.warnings, fmt.Sprintf("%s: %s %q; passed through unchanged", where, what, o.textField))
		r.out = rec.data
		return r
	}
	res, err := c.Clean(context.Background(), []byte(text))
	if err != nil {
		r.err = fmt.Errorf("%s: %v; passed through unchanged", where, err)
		r.out = rec.data
		return r
	}
	for _, w := range res.Warnings {
		r.warnings = append(r.warnings, where+": "+w)
	}
	r.stats.add(res.Meta)
	body, err := marshalNoEscape(res.Body)
	if err != nil {
		return bad(err)
	}
	meta, err := marshalNoEscape(res.Meta)
	if err != nil {
		return bad(err)
	}
	fields[ti].raw = body
	placed := false
	for i := range fields {
		if fields[i].key == o.metaField {
			fields[i].raw = meta
			placed = true
		}
	}
	if !placed {
		fields = append(fields, field{o.metaField, meta})
	}
	var b bytes.Buffer
	b.Grow(len(rec.data) + len(meta))
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := marshalNoEscape(f.key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(f.raw)
	}
	b.WriteByte('}')
	r.out = b.Bytes()
	return r
}

// readRecords sends the lines of r to emit; a line longer than max bytes
// is sent with nil data (it is reported and dropped).
func readRecords(r io.Reader, source string, max int64, emit func(record, int64) bool) error {
	br := bufio.NewReaderSize(r, 1<<16)
	for n := 1; ; n++ {
		var line []byte
		tooLong := false
		for {
			chunk, err := br.ReadSlice('\n')
			if !tooLong {
				if int64(len(line)+len(chunk)) > max+1 {
					tooLong, line = true, nil
				} else {
					line = append(line, chunk...)
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				if len(line) == 0 && !tooLong {
					return nil
				}
				break
			}
			if err != nil {
				return err
			}
			break
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		rec := record{source: source, line: n, data: line}
		if tooLong {
			rec.data = nil
		} else if rec.data == nil {
			rec.data = []byte{}
		}
		if !emit(rec, int64(len(line))) {
			return nil
		}
	}
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
	wst := &warcStats{skipped: map[string]int{}}
	eng := ordered[record, recordResult]{workers: o.jobs, window: 16 * o.jobs, budget: 256 << 20}
	src := recordSource{o: o, stdin: stdin, report: report, warc: wst}
	eng.run(ctx, func(emit func(record, int64) bool) {
		src.each(ctx, emit)
	}, func(rec record) recordResult { return cleanRecord(c, o, rec) }, func(r recordResult) {
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
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "winnow: writing output: %v\n", err)
		return exitError
	}
	if o.stats {
		printStats(stderr, total)
	}
	if !o.quiet {
		printWARCStats(stderr, wst)
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

// cleanWARCRecord cleans the document of a WARC record into its JSON line.
func cleanWARCRecord(c *cleaner.Cleaner, rec record, where string) recordResult {
	var r recordResult
	res, err := c.CleanHinted(context.Background(), rec.data, rec.warc.hint)
	if err != nil {
		r.err = fmt.Errorf("%s (%s): %v; skipped", where, rec.warc.url, err)
		return r
	}
	for _, w := range res.Warnings {
		r.warnings = append(r.warnings, where+": "+w)
	}
	r.stats.add(res.Meta)
	body, err := marshalNoEscape(res.Body)
	if err != nil {
		r.err = err
		return r
	}
	meta, err := marshalNoEscape(res.Meta)
	if err != nil {
		r.err = err
		return r
	}
	r.out = warcLine(rec.warc, body, meta)
	return r
}
