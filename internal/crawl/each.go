package crawl

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
)

// Each sends the records of one input to emit: the lines of JSON Lines,
// or the documents of a WARC or WET file; compressed or not (gzip, zstd,
// bzip2, by magic number). A file is read from path when f is nil; r is
// used as it is otherwise (stdin). WARC records that are no documents are
// counted in st; problems that do not stop the input go to report. It
// returns false when emit asked to stop.
func Each(name string, r io.Reader, max int64, st *Stats, report func(error), emit func(Record, int64) bool) bool {
	if f, ok := r.(*os.File); ok && name != "<stdin>" {
		if head := peekFile(f); SniffCompression(head) == Gzip && IsWARC(name) {
			// gowarc reads a gzip member per record itself, and a corrupt
			// member costs that record only.
			return ReadWARC(name, f, max, st, report, emit)
		}
	}
	d, _, err := Decompress(r)
	if err != nil {
		report(fmt.Errorf("%s: %w", name, err))
		return true
	}
	defer d.Close()
	br := bufio.NewReaderSize(d, 64<<10)
	if head, _ := br.Peek(len(Magic)); bytes.Equal(head, Magic) {
		return ReadWARC(name, br, max, st, report, emit)
	}
	stopped := false
	err = ReadLines(br, name, max, func(rec Record, size int64) bool {
		stopped = !emit(rec, size)
		return !stopped
	})
	if err != nil {
		report(fmt.Errorf("%s: %w", name, err))
	}
	return !stopped
}

// peekFile reads the first bytes of f and rewinds it.
func peekFile(f *os.File) []byte {
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	_, _ = f.Seek(0, io.SeekStart)
	return head[:n]
}
