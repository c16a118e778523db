package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

var updateWARC = flag.Bool("update-warc", false, "rewrite testdata/crawl from the HTML fixtures")

// warcRecord is one record of a test crawl.
type warcRecord struct {
	typ, uri, id string
	contentType  string // of the block
	block        []byte
}

func (r warcRecord) bytes() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\n", r.typ)
	if r.uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.uri)
	}
	fmt.Fprintf(&b, "WARC-Date: 2024-03-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		r.id, r.contentType, len(r.block))
	b.Write(r.block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(status, contentType string, body []byte) []byte {
	return append([]byte(fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", status, contentType, len(body))), body...)
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../testdata/html", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// crawlRecords is a small crawl: two HTML pages, a page in Latin-1 that
// only the HTTP header names, a request, a revisit, an image, a 404 and a
// warcinfo record.
func crawlRecords(t *testing.T) []warcRecord {
	latin1 := []byte("<html><body><article><h1>Caf\xe9 reopens</h1><p>The caf\xe9 on the corner reopened on Monday after a long refit, the owner said, with a new terrace facing the square.</p><p>Its famous cr\xeapes are back on the menu, and the prices have not changed since last year.</p></article></body></html>")
	id := func(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }
	http := "application/http; msgtype=response"
	return []warcRecord{
		{typ: "warcinfo", id: id(1), contentType: "application/warc-fields", block: []byte("software: winnow test\r\nformat: WARC File Format 1.1\r\n")},
		{typ: "request", uri: "http://example.com/news/bus", id: id(2), contentType: "application/http; msgtype=request", block: []byte("GET /news/bus HTTP/1.1\r\nHost: example.com\r\n\r\n")},
		{typ: "response", uri: "http://example.com/news/bus", id: id(3), contentType: http, block: httpResponse("200 OK", "text/html; charset=utf-8", fixture(t, "comments-wordpress.html"))},
		{typ: "response", uri: "http://example.com/logo.png", id: id(4), contentType: http, block: httpResponse("200 OK", "image/png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))},
		{typ: "response", uri: "http://example.com/missing", id: id(5), contentType: http, block: httpResponse("404 Not Found", "text/html", []byte("<html><body><p>Not found</p></body></html>"))},
		{typ: "revisit", uri: "http://example.com/news/bus", id: id(6), contentType: http, block: []byte("HTTP/1.1 200 OK\r\n\r\n")},
		{typ: "response", uri: "http://example.com/news/library", id: id(7), contentType: http, block: httpResponse("200 OK", "text/html", fixture(t, "comments-posted-by-lines.html"))},
		{typ: "response", uri: "http://example.com/news/cafe", id: id(8), contentType: http, block: httpResponse("200 OK", "text/html; charset=iso-8859-1", latin1)},
	}
}

// gzipMembers writes each record as a gzip member of its own, as Common
// Crawl does.
func gzipMembers(t *testing.T, recs [][]byte) []byte {
	var out bytes.Buffer
	for _, r := range recs {
		z := gzip.NewWriter(&out)
		if _, err := z.Write(r); err != nil {
			t.Fatal(err)
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out.Bytes()
}

func recordBytes(recs []warcRecord) [][]byte {
	var out [][]byte
	for _, r := range recs {
		out = append(out, r.bytes())
	}
	return out
}

// The crawl in testdata/crawl is made from the HTML fixtures; -update-warc
// writes it again (the Beam pipeline's test reads it too).
func TestCrawlFixture(t *testing.T) {
	recs := recordBytes(crawlRecords(t))
	want := gzipMembers(t, recs)
	wet := gzipMembers(t, recordBytes([]warcRecord{
		{typ: "warcinfo", id: "00000000-0000-4000-8000-000000000101", contentType: "application/warc-fields", block: []byte("software: winnow test\r\n")},
		{typ: "conversion", uri: "http://example.com/news/baths", id: "00000000-0000-4000-8000-000000000102", contentType: "text/plain",
			block: []byte("Harbour baths to reopen in June\n\nThe harbour baths will reopen in June after a two-year restoration, the city council said on Monday.\n\nAdvertisement\n\nWorkers have replaced the old wooden decks and repaired the sea wall that protects the pool.\n")},
	}))
	for name, data := range map[string][]byte{"sample.warc.gz": want, "sample.wet.gz": wet} {
		path := filepath.Join("../../testdata/crawl", name)
		if *updateWARC {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./cmd/winnow -run TestCrawlFixture -update-warc writes it)", err)
		}
		// gzip output may differ between library versions: compare the
		// records.
		if plain(t, got) != plain(t, data) {
			t.Errorf("%s is not made from the current fixtures (go test ./cmd/winnow -run TestCrawlFixture -update-warc)", name)
		}
	}
}

func plain(t *testing.T, gz []byte) string {
	t.Helper()
	z, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(z); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// cli runs winnow in-process.
func cli(t *testing.T, stdin []byte, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, bytes.NewReader(stdin), &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

// winnow on a WARC writes one JSON line per HTML response with status
// 200, with its URL, date and record id, the same for any -j, and counts
// what it skipped.
func TestWARC(t *testing.T) {
	path := "../../testdata/crawl/sample.warc.gz"
	out1, errs, code := cli(t, nil, "-j", "1", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	out2, _, _ := cli(t, nil, "-j", "2", path)
	if out1 != out2 {
		t.Errorf("-j 1 and -j 2 differ")
	}
	var urls []string
	for _, l := range strings.Split(strings.TrimSpace(out1), "\n") {
		var rec struct {
			URL, WARCDate, ID, Text string
			Winnow                  map[string]any
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		_ = json.Unmarshal(m["url"], &rec.URL)
		_ = json.Unmarshal(m["warc_date"], &rec.WARCDate)
		_ = json.Unmarshal(m["warc_record_id"], &rec.ID)
		_ = json.Unmarshal(m["text"], &rec.Text)
		_ = json.Unmarshal(m["winnow"], &rec.Winnow)
		if rec.WARCDate == "" || !strings.Contains(rec.ID, "urn:uuid:") || rec.Text == "" || rec.Winnow == nil {
			t.Errorf("incomplete line: %s", l[:min(len(l), 200)])
		}
		urls = append(urls, rec.URL)
		if strings.HasSuffix(rec.URL, "/cafe") && !strings.Contains(rec.Text, "café") {
			t.Errorf("the HTTP header's charset was not used: %q", rec.Text)
		}
	}
	want := []string{"http://example.com/news/bus", "http://example.com/news/library", "http://example.com/news/cafe"}
	if strings.Join(urls, " ") != strings.Join(want, " ") {
		t.Errorf("urls %v, want %v", urls, want)
	}
	for _, s := range []string{"3 documents cleaned", "1 non-HTML", "1 request", "1 revisit", "1 status 404", "1 warcinfo"} {
		if !strings.Contains(errs, s) {
			t.Errorf("stderr does not say %q: %s", s, errs)
		}
	}
	// The same from stdin, and through --jsonl.
	data, _ := os.ReadFile(path)
	if out, _, _ := cli(t, data); out != out1 {
		t.Errorf("from stdin the output differs")
	}
	if out, _, _ := cli(t, nil, "--jsonl", path); out != out1 {
		t.Errorf("with --jsonl the output differs")
	}
	// A whole-file zstd crawl reads the same.
	zst := filepath.Join(t.TempDir(), "sample.warc.zst")
	enc, _ := zstd.NewWriter(nil)
	if err := os.WriteFile(zst, enc.EncodeAll([]byte(plain(t, data)), nil), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errs, _ := cli(t, nil, zst); out != out1 {
		t.Errorf("the zstd crawl differs: %s", errs)
	}
}

// A WET file's conversion records go through the text path.
func TestWET(t *testing.T) {
	out, errs, code := cli(t, nil, "../../testdata/crawl/sample.wet.gz")
	if code != exitOK || strings.Count(out, "\n") != 1 {
		t.Fatalf("exit %d, %d lines: %s", code, strings.Count(out, "\n"), errs)
	}
	if strings.Contains(out, "Advertisement\\n") || !strings.Contains(out, `"url":"http://example.com/news/baths"`) {
		t.Errorf("line: %s", out)
	}
}

// Bad records are reported with their offset; the good ones are cleaned.
func TestWARCBadRecords(t *testing.T) {
	good := crawlRecords(t)
	lying := good[2]
	lying.id = "00000000-0000-4000-8000-000000000099"
	lyingBytes := []byte(strings.Replace(string(lying.bytes()), fmt.Sprintf("Content-Length: %d", len(lying.block)), "Content-Length: 99999999", 1))
	// A page whose header names the wrong charset: its bytes are Latin-1.
	wrong := good[7]
	wrong.id, wrong.uri = "00000000-0000-4000-8000-000000000097", "http://example.com/wrong-charset"
	wrong.block = bytes.Replace(wrong.block, []byte("charset=iso-8859-1"), []byte("charset=utf-8"), 1)
	recs := [][]byte{good[0].bytes(), lyingBytes, good[6].bytes(), wrong.bytes()}
	// A zero-byte record, and a gzip member cut short at the end.
	zero := warcRecord{typ: "response", uri: "http://example.com/empty", id: "00000000-0000-4000-8000-000000000098", contentType: "application/http; msgtype=response"}
	members := gzipMembers(t, append(recs, zero.bytes()))
	cut := gzipMembers(t, [][]byte{good[7].bytes()})
	members = append(members, cut[:len(cut)/2]...)
	path := filepath.Join(t.TempDir(), "bad.warc.gz")
	if err := os.WriteFile(path, members, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, _ := cli(t, nil, path)
	t.Logf("stderr: %s", errs)
	if !strings.Contains(out, `"url":"http://example.com/news/library"`) {
		t.Errorf("the good record after the bad one was not cleaned:\n%s", out)
	}
	if !strings.Contains(errs, "offset") {
		t.Errorf("no record reported with its offset: %s", errs)
	}
	if !strings.Contains(out, "café on the corner") {
		t.Errorf("a wrong charset in the header garbled the page:\n%s", out)
	}
}

// --jsonl reads .jsonl.gz and .jsonl.zst with the output of the plain file.
func TestJSONLCompressed(t *testing.T) {
	dir := t.TempDir()
	lines := `{"id":1,"text":"The council voted on Monday to extend the night bus network to three new districts.\n\nAdvertisement\n\nBuses will run every twenty minutes from March, officials said on Tuesday."}` + "\n"
	plainPath := filepath.Join(dir, "a.jsonl")
	if err := os.WriteFile(plainPath, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	z := gzip.NewWriter(&gz)
	_, _ = z.Write([]byte(lines))
	_ = z.Close()
	enc, _ := zstd.NewWriter(nil)
	files := map[string][]byte{"a.jsonl.gz": gz.Bytes(), "a.jsonl.zst": enc.EncodeAll([]byte(lines), nil)}
	want, _, _ := cli(t, nil, "--jsonl", plainPath)
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, errs, _ := cli(t, nil, "--jsonl", p); got != want {
			t.Errorf("%s: output differs from the plain file's: %s", name, errs)
		}
		if got, _, _ := cli(t, data, "--jsonl"); got != want {
			t.Errorf("%s on stdin: output differs", name)
		}
	}
	// A compressed text file is cleaned as its text; -w refuses it.
	var txt bytes.Buffer
	z = gzip.NewWriter(&txt)
	_, _ = z.Write([]byte(dirtyDoc))
	_ = z.Close()
	p := filepath.Join(dir, "doc.txt.gz")
	if err := os.WriteFile(p, txt.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errs, _ := cli(t, nil, p); strings.Contains(out, "Advertisement") || !strings.Contains(out, "night bus") {
		t.Errorf("doc.txt.gz: %q %s", out, errs)
	}
	if _, errs, code := cli(t, nil, "-w", p); code != exitError || !strings.Contains(errs, "is compressed") {
		t.Errorf("-w on a compressed file: exit %d, %s", code, errs)
	}
	if _, errs, code := cli(t, nil, "-o", filepath.Join(dir, "out"), p); code != exitOK {
		t.Errorf("-o: exit %d, %s", code, errs)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "out", "doc.txt.gz")); err != nil || strings.Contains(plain(t, b), "Advertisement") {
		t.Errorf("-o wrote %q, %v (want the cleaned copy compressed as its input)", b, err)
	}
}
