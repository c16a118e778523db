package main

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

// compression is how an input stream is compressed, known by its magic
// number (not its name).
type compression int

const (
	uncompressed compression = iota
	gzipped
	zstdCompressed
	bzip2ed
)

var compressionMagic = []struct {
	magic []byte
	c     compression
}{
	{[]byte{0x1f, 0x8b}, gzipped},
	{[]byte{0x28, 0xb5, 0x2f, 0xfd}, zstdCompressed},
	{[]byte("BZh"), bzip2ed},
}

// sniffCompression names the compression a stream starts with.
func sniffCompression(head []byte) compression {
	for _, m := range compressionMagic {
		if bytes.HasPrefix(head, m.magic) {
			return m.c
		}
	}
	return uncompressed
}

// compressedExts are the name endings of compressed inputs; a walk takes
// NAME.txt.gz where it takes NAME.txt.
var compressedExts = []string{".gz", ".zst", ".bz2"}

// plainName is a file name without its compression suffix.
func plainName(name string) string {
	for _, e := range compressedExts {
		if strings.HasSuffix(strings.ToLower(name), e) {
			return name[:len(name)-len(e)]
		}
	}
	return name
}

// decompressed is r read through the decompressor its magic number asks
// for (r itself when it is not compressed), and which that was.
func decompressed(r io.Reader) (io.ReadCloser, compression, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4)
	c := sniffCompression(head)
	switch c {
	case gzipped:
		z, err := gzip.NewReader(br) // multistream: a member per record is one stream
		if err != nil {
			return nil, c, fmt.Errorf("gzip: %w", err)
		}
		return z, c, nil
	case zstdCompressed:
		z, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, c, fmt.Errorf("zstd: %w", err)
		}
		return z.IOReadCloser(), c, nil
	case bzip2ed:
		return io.NopCloser(bzip2.NewReader(br)), c, nil
	}
	return io.NopCloser(br), c, nil
}

// readAllLimit reads r to its end, refusing more than max bytes.
func readAllLimit(r io.Reader, max int64) ([]byte, bool, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	return data, int64(len(data)) > max, err
}

// compressedExt is the extension of a compressed name (".gz"), or "".
func compressedExt(name string) string {
	return strings.TrimPrefix(name, plainName(name))
}

// extOf is a file's extension, looking through a compression suffix
// ("a.txt.gz": ".txt").
func extOf(name string) string {
	return strings.ToLower(filepath.Ext(plainName(name)))
}
