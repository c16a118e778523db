package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime"
	"os"
	"sort"
	"strings"

	"github.com/nlnwa/gowarc/v3"
	"github.com/winnow-text/winnow/cleaner"
)

// Crawls come as WARC files (Common Crawl's WARC and WET): each HTML
// response with status 200, and each WET conversion record, is one
// document, cleaned as a JSON Lines record would be and written as
// {"url", "warc_date", "warc_record_id", "text", "winnow"}. The reader is
// github.com/nlnwa/gowarc/v3: maintained, strict WARC 1.0/1.1 parsing
// with configurable error policies, reading gzip members per record as
// Common Crawl writes them, and giving each record's offset.

// warcMagic opens every WARC record.
var warcMagic = []byte("WARC/")

// warcInfo is what a WARC record says about the document in it.
type warcInfo struct {
	url, date, id string
	hint          cleaner.Hint
}

// warcStats counts the records of a WARC file that were not documents.
type warcStats struct {
	documents int
	skipped   map[string]int
	errors    int
}

// maxWARCErrors is how many records in a row may fail before the rest of
// a WARC file is given up as unreadable.
const maxWARCErrors = 8

// isWARC reports whether a file is a WARC file, looking through its
// compression.
func isWARC(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return startsWARC(f)
}

// startsWARC reports whether r, decompressed, starts like a WARC file.
func startsWARC(r io.Reader) bool {
	d, _, err := decompressed(r)
	if err != nil {
		return false
	}
	head := make([]byte, len(warcMagic))
	n, _ := io.ReadFull(d, head)
	return bytes.Equal(head[:n], warcMagic)
}

// warcRecords sends the documents of a WARC stream to emit as records
// (data: the HTTP payload or the WET text; warc: where it came from),
// counting the rest in st and reporting unreadable records with their
// offset; the other records are still read. It returns false when emit
// asked to stop.
func warcRecords(name string, r io.Reader, max int64, st *warcStats, report func(error), emit func(record, int64) bool) bool {
	// Crawls break the standard in small ways: syntax and block errors are
	// ignored, and spec violations only noted (ignoring them drops the
	// block of a WET conversion record without WARC-Refers-To).
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore), gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(8<<20))
	if err != nil {
		report(fmt.Errorf("%s: %w", name, err))
		return true
	}
	defer wr.Close()
	failed := 0
	for n := 1; ; n++ {
		rec, err := wr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			st.errors++
			report(fmt.Errorf("%s: record at offset %d: %v; skipped", name, rec.Offset, err))
			if rec.WarcRecord != nil {
				rec.Close()
			}
			if failed++; failed >= maxWARCErrors {
				report(fmt.Errorf("%s: %d unreadable records in a row; the rest of the file is skipped", name, failed))
				return true
			}
			continue
		}
		failed = 0
		doc, skip := warcDocument(rec.WarcRecord, max)
		rec.Close()
		if skip != "" {
			st.skipped[skip]++
			continue
		}
		st.documents++
		doc.source, doc.line = name, n
		if !emit(doc, int64(len(doc.data))) {
			return false
		}
	}
}

// warcDocument reads the document of one record, or says why it is none
// ("request", "non-HTML", "status 404", …).
func warcDocument(wr gowarc.WarcRecord, max int64) (record, string) {
	h := wr.WarcHeader()
	info := &warcInfo{url: h.Get(gowarc.WarcTargetURI), date: h.Get(gowarc.WarcDate), id: wr.RecordId()}
	var payload io.Reader
	switch wr.Type() {
	case gowarc.Response:
		b, ok := wr.Block().(gowarc.HttpResponseBlock)
		if !ok {
			return record{}, "non-HTTP response"
		}
		if code := b.HttpStatusCode(); code != 200 {
			return record{}, fmt.Sprintf("status %d", code)
		}
		media, params, _ := mime.ParseMediaType(b.HttpHeader().Get("Content-Type"))
		if media != "text/html" && media != "application/xhtml+xml" {
			return record{}, "non-HTML"
		}
		info.hint = cleaner.Hint{Kind: cleaner.HTML, Charset: params["charset"]}
		p, err := b.PayloadBytes()
		if err != nil {
			return record{}, "unreadable payload"
		}
		payload = p
	case gowarc.Conversion:
		info.hint = cleaner.Hint{Kind: cleaner.Text}
		var p io.Reader
		var err error
		if b, ok := wr.Block().(gowarc.PayloadBlock); ok {
			p, err = b.PayloadBytes()
		} else {
			p, err = wr.Block().RawBytes()
		}
		if err != nil {
			return record{}, "unreadable payload"
		}
		payload = p
	default:
		return record{}, strings.ToLower(wr.Type().String())
	}
	data, over, err := readAllLimit(payload, max)
	switch {
	case err != nil:
		return record{}, "unreadable payload"
	case over:
		return record{}, "over --max-size"
	case len(bytes.TrimSpace(data)) == 0:
		return record{}, "empty"
	}
	return record{data: data, warc: info}, ""
}

// warcLine is the JSON line of a cleaned WARC document.
func warcLine(info *warcInfo, body, meta []byte) []byte {
	var b bytes.Buffer
	field := func(key string, val []byte) {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		k, _ := marshalNoEscape(key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(val)
	}
	str := func(s string) []byte { v, _ := marshalNoEscape(s); return v }
	b.WriteByte('{')
	field("url", str(info.url))
	field("warc_date", str(info.date))
	field("warc_record_id", str(info.id))
	field("text", body)
	field("winnow", meta)
	b.WriteByte('}')
	return b.Bytes()
}

// printWARCStats tells on stderr how many documents a run cleaned and
// what it skipped.
func printWARCStats(w io.Writer, st *warcStats) {
	if st.documents == 0 && len(st.skipped) == 0 && st.errors == 0 {
		return
	}
	var kinds []string
	for k := range st.skipped {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%d %s", st.skipped[k], k))
	}
	msg := fmt.Sprintf("winnow: WARC: %d documents cleaned", st.documents)
	if len(parts) > 0 {
		msg += "; skipped " + strings.Join(parts, ", ")
	}
	if st.errors > 0 {
		msg += fmt.Sprintf("; %d unreadable records", st.errors)
	}
	fmt.Fprintln(w, msg)
}

// bufferedStdin lets the first bytes of stdin be looked at and still read.
func bufferedStdin(r io.Reader) *bufio.Reader { return bufio.NewReaderSize(r, 64<<10) }
