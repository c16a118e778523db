package crawl

import (
	"bufio"
	"bytes"
	"io"
)

// ReadLines sends the lines of r to emit; a line longer than max bytes
// is sent with nil data (it is reported and dropped).
func ReadLines(r io.Reader, source string, max int64, emit func(Record, int64) bool) error {
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
		rec := Record{Source: source, Line: n, Data: line}
		if tooLong {
			rec.Data = nil
		} else if rec.Data == nil {
			rec.Data = []byte{}
		}
		if !emit(rec, int64(len(line))) {
			return nil
		}
	}
}
