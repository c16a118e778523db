package crawl

// Record is one document of a stream: a line of JSON Lines, or the
// document of a WARC record (WARC is set, Data is its payload).
type Record struct {
	Source string    // file name, or <stdin>
	Line   int       // 1-based (a WARC's record number)
	Data   []byte    // without the newline; nil when the line was over the size limit
	WARC   *WARCInfo // a WARC record's document
}
