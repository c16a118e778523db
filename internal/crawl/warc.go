package crawl

import (
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

// Magic opens every WARC record.
var Magic = []byte("WARC/")

// WARCInfo is what a WARC record says about the document in it.
type WARCInfo struct {
	URL, Date, ID string
	Hint          cleaner.Hint
}

// Stats counts the records of a WARC file that were not documents.
type Stats struct {
	Documents int
	Skipped   map[string]int // by reason ("request", "status 404", "non-HTML")
	Errors    int            // unreadable records
}

// NewStats returns empty counts.
func NewStats() *Stats { return &Stats{Skipped: map[string]int{}} }

// maxWARCErrors is how many records in a row may fail before the rest of
// a WARC file is given up as unreadable.
const maxWARCErrors = 8

// IsWARC reports whether a file is a WARC file, looking through its
// Compression.
func IsWARC(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return StartsWARC(f)
}

// StartsWARC reports whether r, Decompress, starts like a WARC file.
func StartsWARC(r io.Reader) bool {
	d, _, err := Decompress(r)
	if err != nil {
		return false
	}
	head := make([]byte, len(Magic))
	n, _ := io.ReadFull(d, head)
	return bytes.Equal(head[:n], Magic)
}

// ReadWARC sends the documents of a WARC stream to emit as records
// (data: the HTTP payload or the WET text; warc: where it came from),
// counting the rest in st and reporting unreadable records with their
// offset; the other records are still read. It returns false when emit
// asked to stop.
func ReadWARC(name string, r io.Reader, max int64, st *Stats, report func(error), emit func(Record, int64) bool) bool {
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
			st.Errors++
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
			st.Skipped[skip]++
			continue
		}
		st.Documents++
		doc.Source, doc.Line = name, n
		if !emit(doc, int64(len(doc.Data))) {
			return false
		}
	}
}

// warcDocument reads the document of one record, or says why it is none
// ("request", "non-HTML", "status 404", …).
func warcDocument(wr gowarc.WarcRecord, max int64) (Record, string) {
	h := wr.WarcHeader()
	info := &WARCInfo{URL: h.Get(gowarc.WarcTargetURI), Date: h.Get(gowarc.WarcDate), ID: wr.RecordId()}
	var payload io.Reader
	switch wr.Type() {
	case gowarc.Response:
		b, ok := wr.Block().(gowarc.HttpResponseBlock)
		if !ok {
			return Record{}, "non-HTTP response"
		}
		if code := b.HttpStatusCode(); code != 200 {
			return Record{}, fmt.Sprintf("status %d", code)
		}
		media, params, _ := mime.ParseMediaType(b.HttpHeader().Get("Content-Type"))
		if media != "text/html" && media != "application/xhtml+xml" {
			return Record{}, "non-HTML"
		}
		info.Hint = cleaner.Hint{Kind: cleaner.HTML, Charset: params["charset"]}
		p, err := b.PayloadBytes()
		if err != nil {
			return Record{}, "unreadable payload"
		}
		payload = p
	case gowarc.Conversion:
		info.Hint = cleaner.Hint{Kind: cleaner.Text}
		var p io.Reader
		var err error
		if b, ok := wr.Block().(gowarc.PayloadBlock); ok {
			p, err = b.PayloadBytes()
		} else {
			p, err = wr.Block().RawBytes()
		}
		if err != nil {
			return Record{}, "unreadable payload"
		}
		payload = p
	default:
		return Record{}, strings.ToLower(wr.Type().String())
	}
	data, over, err := ReadAllLimit(payload, max)
	switch {
	case err != nil:
		return Record{}, "unreadable payload"
	case over:
		return Record{}, "over --max-size"
	case len(bytes.TrimSpace(data)) == 0:
		return Record{}, "empty"
	}
	return Record{Data: data, WARC: info}, ""
}

// warcLine is the JSON line of a cleaned WARC document.
func warcLine(info *WARCInfo, body, meta []byte) []byte {
	var b bytes.Buffer
	field := func(key string, val []byte) {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		k, _ := MarshalNoEscape(key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(val)
	}
	str := func(s string) []byte { v, _ := MarshalNoEscape(s); return v }
	b.WriteByte('{')
	field("url", str(info.URL))
	field("warc_date", str(info.Date))
	field("warc_record_id", str(info.ID))
	field("text", body)
	field("winnow", meta)
	b.WriteByte('}')
	return b.Bytes()
}

// PrintStats tells on stderr how many documents a run cleaned and
// what it skipped.
func PrintStats(w io.Writer, st *Stats) {
	if st.Documents == 0 && len(st.Skipped) == 0 && st.Errors == 0 {
		return
	}
	var kinds []string
	for k := range st.Skipped {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%d %s", st.Skipped[k], k))
	}
	msg := fmt.Sprintf("winnow: WARC: %d documents cleaned", st.Documents)
	if len(parts) > 0 {
		msg += "; skipped " + strings.Join(parts, ", ")
	}
	if st.Errors > 0 {
		msg += fmt.Sprintf("; %d unreadable records", st.Errors)
	}
	fmt.Fprintln(w, msg)
}
