package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/winnow-text/winnow/cleaner"
)

// Fields name the JSON Lines fields a record's text is read from and its
// metadata written to.
type Fields struct {
	Text string // the field to clean ("text")
	Meta string // the field for the metadata ("winnow")
}

// Outcome is what cleaning one record gave.
type Outcome struct {
	// Out is the line to write (without its newline); nil writes none.
	Out []byte
	// Meta is the metadata of a cleaned record (nil: not cleaned).
	Meta *cleaner.Meta
	// Warnings did not stop the record.
	Warnings []string
	// Err is why the record could not be cleaned; Out then holds the
	// record as it was, when it can pass through.
	Err error
	// Malformed says Err is a line that is not a JSON object.
	Malformed bool
}

// ErrTooLong is the error of a line over the size limit.
var ErrTooLong = errors.New("line is over the size limit")

// Clean cleans one record: a WARC document into its JSON line (url,
// warc_date, warc_record_id, text, and the metadata under "winnow"), or a
// JSON Lines record's text field in place, its metadata added under
// f.Meta, every other field kept as it was and in order. A record whose
// text field is missing, null or not a string passes through unchanged,
// with a warning.
func Clean(ctx context.Context, c *cleaner.Cleaner, rec Record, f Fields) Outcome {
	where := fmt.Sprintf("%s:%d", rec.Source, rec.Line)
	switch {
	case rec.Data == nil:
		return Outcome{Err: fmt.Errorf("%s: %w", where, ErrTooLong)}
	case rec.WARC != nil:
		return cleanWARC(ctx, c, rec, where)
	case len(bytes.TrimSpace(rec.Data)) == 0:
		return Outcome{Out: rec.Data}
	}
	fields, err := parseObject(rec.Data)
	if err != nil {
		return Outcome{Out: rec.Data, Err: fmt.Errorf("%s: malformed JSON (%v)", where, err), Malformed: true}
	}
	ti := -1
	for i, fl := range fields {
		if fl.key == f.Text {
			ti = i
		}
	}
	var text []byte
	ok := ti >= 0 && len(fields[ti].raw) > 0 && fields[ti].raw[0] == '"'
	if ok {
		// The text is at most as long as its JSON string, but for
		// invalid UTF-8 (each byte U+FFFD): one allocation, not a growing
		// slice's several.
		text, ok = appendUnquoted(make([]byte, 0, len(fields[ti].raw)), fields[ti].raw)
	}
	if !ok {
		what := "no field"
		if ti >= 0 {
			what = "not a string in field"
		}
		return Outcome{Out: rec.Data, Warnings: []string{fmt.Sprintf("%s: %s %q; passed through unchanged", where, what, f.Text)}}
	}
	res, err := c.Clean(ctx, text)
	if err != nil {
		return Outcome{Out: rec.Data, Err: fmt.Errorf("%s: %v; passed through unchanged", where, err)}
	}
	o := Outcome{Meta: &res.Meta}
	for _, w := range res.Warnings {
		o.Warnings = append(o.Warnings, where+": "+w)
	}
	// The record is written in one buffer: the members in their order, the
	// text field's value the body, the meta field's the metadata (added
	// last when the record has none).
	placed := false
	for _, fl := range fields {
		placed = placed || fl.key == f.Meta
	}
	// Written in a scratch buffer that records share, and copied out at
	// its size: the record's metadata (the removed lines, the thread) is
	// often longer than its text, so a buffer sized from the input grew
	// several times for each record.
	scratch := scratchPool.Get().(*[]byte)
	out := (*scratch)[:0]
	out = append(out, '{')
	for i, fl := range fields {
		if i > 0 {
			out = append(out, ',')
		}
		out = cleaner.AppendJSONString(out, fl.key)
		out = append(out, ':')
		switch {
		case fl.key == f.Meta:
			out = res.Meta.AppendJSON(out)
		case i == ti:
			out = cleaner.AppendJSONString(out, res.Body)
		default:
			out = append(out, fl.raw...)
		}
	}
	if !placed {
		if len(fields) > 0 {
			out = append(out, ',')
		}
		out = cleaner.AppendJSONString(out, f.Meta)
		out = append(out, ':')
		out = res.Meta.AppendJSON(out)
	}
	out = append(out, '}')
	o.Out = bytes.Clone(out)
	if cap(out) <= maxScratch {
		*scratch = out
		scratchPool.Put(scratch)
	}
	return o
}

// scratchPool holds the buffers Clean writes records in.
var scratchPool = sync.Pool{New: func() any { return new([]byte) }}

// maxScratch is the largest buffer scratchPool keeps: a huge record's
// buffer is let go with it.
const maxScratch = 4 << 20

// cleanWARC cleans the document of a WARC record into its JSON line.
func cleanWARC(ctx context.Context, c *cleaner.Cleaner, rec Record, where string) Outcome {
	res, err := c.CleanHinted(ctx, rec.Data, rec.WARC.Hint)
	if err != nil {
		return Outcome{Err: fmt.Errorf("%s (%s): %v; skipped", where, rec.WARC.URL, err)}
	}
	o := Outcome{Meta: &res.Meta}
	for _, w := range res.Warnings {
		o.Warnings = append(o.Warnings, where+": "+w)
	}
	o.Out = warcLine(rec.WARC, cleaner.AppendJSONString(nil, res.Body), res.Meta.AppendJSON(nil))
	return o
}
