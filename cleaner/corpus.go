package cleaner

import (
	"context"
	"hash/fnv"
	"sort"
	"strings"

	"github.com/winnow-text/winnow/cleaner/internal/htmlpass"
	"github.com/winnow-text/winnow/rules"
)

// Corpus evidence: in a batch, a line that recurs in many documents (a
// site's menu, footer, errata notice) is boilerplate wherever it appears.
// A Learner counts, in bounded memory, in how many documents each line
// occurs; its Boilerplate then tells the cleaner which lines to remove
// (rule site.corpus-boilerplate).

// LineKey is the key lines are counted under: the line as phrases are
// compared (lower case, no punctuation at either end), every run of digits
// made "0" (a year or a count does not make a line new), hashed.
func LineKey(line string) uint64 {
	k := rules.PhraseKey(line)
	var b strings.Builder
	digit := false
	for _, r := range k {
		if r >= '0' && r <= '9' {
			if !digit {
				b.WriteByte('0')
			}
			digit = true
			continue
		}
		digit = false
		b.WriteRune(r)
	}
	h := fnv.New64a()
	h.Write([]byte(b.String()))
	return h.Sum64()
}

// countable reports whether a line is long enough for its recurrence to
// mean something: two words and eight bytes at least.
func countable(norm string) bool {
	return len(norm) >= 8 && rules.CountWords(norm) >= 2
}

// Learner counts in how many documents lines occur. It keeps at most its
// capacity of counters (the Misra-Gries summary): a line that occurs in
// more than docs/capacity documents is always counted, within that error.
//
// A line repeated because documents are copies of each other (the same
// article crawled twice) is not a template: each document is signed by
// its longest line, and a line only counts in documents whose signature
// differs from that of the first document it was seen in.
//
// It is deterministic and not safe for concurrent use.
type Learner struct {
	capacity int
	counts   map[uint64]*tally
	docs     int
}

type tally struct {
	n     int    // documents that are not copies of the first one
	first uint64 // signature of the first document
}

// NewLearner returns a Learner with room for capacity counters (100 000
// when capacity ≤ 0: about 3 MB).
func NewLearner(capacity int) *Learner {
	if capacity <= 0 {
		capacity = 100000
	}
	return &Learner{capacity: capacity, counts: map[uint64]*tally{}}
}

// Add counts one document's lines (each distinct line once).
func (l *Learner) Add(lines []string) {
	l.docs++
	var sig uint64
	longest := 0
	keys := make([]uint64, 0, len(lines))
	seen := map[uint64]bool{}
	for _, line := range lines {
		norm := rules.Normalize(line)
		if !countable(norm) {
			continue
		}
		k := LineKey(norm)
		if len(norm) > longest {
			// The signature keeps the digits: copies are the same to
			// the figure.
			h := fnv.New64a()
			h.Write([]byte(norm))
			longest, sig = len(norm), h.Sum64()
		}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		if t, ok := l.counts[k]; ok {
			if sig != t.first {
				t.n++
			}
			continue
		}
		if len(l.counts) < l.capacity {
			l.counts[k] = &tally{n: 1, first: sig}
			continue
		}
		// Full: every counter loses one, and those at zero make room.
		for key, t := range l.counts {
			if t.n <= 1 {
				delete(l.counts, key)
			} else {
				t.n--
			}
		}
	}
}

// Docs is the number of documents counted.
func (l *Learner) Docs() int { return l.docs }

// Boilerplate returns the lines found in at least minDocs documents and in
// at least minShare of all documents.
func (l *Learner) Boilerplate(minDocs int, minShare float64) *Boilerplate {
	need := max(minDocs, int(minShare*float64(l.docs)+0.999))
	b := &Boilerplate{keys: map[uint64]bool{}}
	for k, t := range l.counts {
		if t.n >= need {
			b.keys[k] = true
		}
	}
	return b
}

// Boilerplate is a set of lines learned from a corpus.
type Boilerplate struct {
	keys map[uint64]bool
}

// Len is the number of lines in the set.
func (b *Boilerplate) Len() int {
	if b == nil {
		return 0
	}
	return len(b.keys)
}

// Has reports whether a (normalised) line is in the set.
func (b *Boilerplate) Has(norm string) bool {
	return b != nil && len(b.keys) > 0 && countable(norm) && b.keys[LineKey(norm)]
}

// Keys returns the set's keys, sorted.
func (b *Boilerplate) Keys() []uint64 {
	out := make([]uint64, 0, b.Len())
	if b != nil {
		for k := range b.keys {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Lines returns the lines of a document as the text rules see them, for a
// Learner: the input's lines, or for HTML the lines of the page's blocks
// of text.
func (c *Cleaner) Lines(ctx context.Context, input []byte) ([]string, error) {
	d, err := decode(input, c.input)
	if err != nil {
		return nil, err
	}
	if d.kind != HTML {
		return strings.Split(d.text, "\n"), nil
	}
	return htmlpass.Lines(c.set, d.text), ctx.Err()
}
