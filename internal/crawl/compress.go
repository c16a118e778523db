package crawl

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Compression is how an input stream is compressed, known by its magic
// number (not its name).
type Compression int

// The compressions.
const (
	Uncompressed Compression = iota
	Gzip
	Zstd
	Bzip2
)

var compressionMagic = []struct {
	magic []byte
	c     Compression
}{
	{[]byte{0x1f, 0x8b}, Gzip},
	{[]byte{0x28, 0xb5, 0x2f, 0xfd}, Zstd},
	{[]byte("BZh"), Bzip2},
}

// SniffCompression names the Compression a stream starts with.
func SniffCompression(head []byte) Compression {
	for _, m := range compressionMagic {
		if bytes.HasPrefix(head, m.magic) {
			return m.c
		}
	}
	return Uncompressed
}

// compressedExts are the name endings of compressed inputs; a walk takes
// NAME.txt.gz where it takes NAME.txt.
var compressedExts = []string{".gz", ".zst", ".bz2"}

// PlainName is a file name without its Compression suffix.
func PlainName(name string) string {
	for _, e := range compressedExts {
		if strings.HasSuffix(strings.ToLower(name), e) {
			return name[:len(name)-len(e)]
		}
	}
	return name
}

// Decompress is r read through the decompressor its magic number asks
// for (r itself when it is not compressed), and which that was.
func Decompress(r io.Reader) (io.ReadCloser, Compression, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4)
	c := SniffCompression(head)
	switch c {
	case Gzip:
		z, err := gzip.NewReader(br) // multistream: a member per record is one stream
		if err != nil {
			return nil, c, fmt.Errorf("gzip: %w", err)
		}
		return z, c, nil
	case Zstd:
		z, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, c, fmt.Errorf("zstd: %w", err)
		}
		return z.IOReadCloser(), c, nil
	case Bzip2:
		return io.NopCloser(bzip2.NewReader(br)), c, nil
	}
	return io.NopCloser(br), c, nil
}

// ReadAllLimit reads r to its end, refusing more than max bytes: over
// is true when r held more.
func ReadAllLimit(r io.Reader, max int64) (data []byte, over bool, err error) {
	return ReadAllSized(r, 0, max)
}

// ReadAllSized is ReadAllLimit for a reader of about size bytes (a file's
// length): its buffer is allocated once, at that size, where io.ReadAll
// starts at 512 bytes and grows it a dozen times for a web page.
func ReadAllSized(r io.Reader, size, limit int64) ([]byte, bool, error) {
	if size <= 0 {
		size = 512 // no hint: io.ReadAll's first buffer
	}
	size = min(size, limit) + 1 // one more, to see the end
	data := make([]byte, 0, size)
	r = io.LimitReader(r, limit+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, int64(len(data)) > limit, nil
		}
		if err != nil {
			return data, int64(len(data)) > limit, err
		}
	}
}

// CompressedExt is the extension of a compressed name (".gz"), or "".
func CompressedExt(name string) string {
	return strings.TrimPrefix(name, PlainName(name))
}

// ExtOf is a file's extension, looking through a Compression suffix
// ("a.txt.gz": ".txt").
func ExtOf(name string) string {
	return strings.ToLower(filepath.Ext(PlainName(name)))
}

// Compressed is data compressed as an input was (gzip or zstd; bzip2,
// which has no writer here, as gzip), and name with the matching suffix:
// a cleaned copy of a.txt.gz is a.txt.gz again.
func Compressed(name string, data []byte, c Compression) (string, []byte, error) {
	var b bytes.Buffer
	switch c {
	case Gzip, Bzip2:
		z := gzip.NewWriter(&b)
		if _, err := z.Write(data); err != nil {
			return "", nil, err
		}
		if err := z.Close(); err != nil {
			return "", nil, err
		}
		return name + ".gz", b.Bytes(), nil
	case Zstd:
		z, err := zstd.NewWriter(&b)
		if err != nil {
			return "", nil, err
		}
		if _, err := z.Write(data); err != nil {
			return "", nil, err
		}
		if err := z.Close(); err != nil {
			return "", nil, err
		}
		return name + ".zst", b.Bytes(), nil
	}
	return name, data, nil
}
