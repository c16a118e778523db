package rules

// automaton finds every occurrence of a set of keywords in one pass: an
// Aho-Corasick automaton compiled to a dense DFA over byte classes, ASCII
// letters folded to lower case. Scanning costs two table lookups a byte
// and allocates nothing; the Aho-Corasick libraries measured here ran at
// about 100 MB/s and allocated for every hit, which is the whole budget of
// the text pipeline.
type automaton struct {
	class   [256]uint8 // byte → class (0: in no keyword)
	classes int
	// The transition table, with the top bit of a cell set when keywords
	// end at its state. With fewer than 1<<15 states the cells are 16
	// bits, the table is laid out by class (small[classAt[b]+state]) and
	// a cell holds the next state, so that no step multiplies; else they
	// are 32 bits, laid out by state (large[state*classes+class]), and a
	// cell holds the next state's row offset. The built-in packs' table
	// is half the size the 16-bit way, and it is most of the rules' live
	// heap, which the collector's target is a multiple of.
	small   []uint16
	classAt [256]uint32 // byte → its class's column in small
	large   []uint32
	out     [][]int // state → keyword ids that end there (with suffixes)
}

const (
	matchBit   = 1 << 31
	matchBit16 = 1 << 15
)

// newAutomaton compiles keywords (matched ignoring ASCII case).
func newAutomaton(keywords []string) *automaton {
	a := &automaton{}
	// Byte classes: one per distinct (folded) byte that occurs in a keyword.
	next := uint8(1)
	for _, k := range keywords {
		for i := 0; i < len(k); i++ {
			c := foldByte(k[i])
			if a.class[c] == 0 {
				a.class[c] = next
				next++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		a.class[c] = a.class[c+'a'-'A']
	}
	a.classes = int(next)
	// The trie: child[s<<8|cl] is the child of state s on class cl; then
	// the same as the rows of the transition table, trans[s*classes+cl],
	// 0 for no child (the root is no one's child).
	C := a.classes
	child := map[uint32]uint32{}
	out := [][]int{nil}
	for id, k := range keywords {
		s := uint32(0)
		for i := 0; i < len(k); i++ {
			key := s<<8 | uint32(a.class[foldByte(k[i])])
			n, ok := child[key]
			if !ok {
				n = uint32(len(out))
				out = append(out, nil)
				child[key] = n
			}
			s = n
		}
		out[s] = append(out[s], id)
	}
	trans := make([]uint32, len(out)*C)
	for key, n := range child {
		trans[int(key>>8)*C+int(key&0xff)] = n
	}
	// Failure links, breadth first (children in class order): a state's
	// row keeps its children and takes every other move from its failure
	// state's row, which is complete by then; then (in place) the rows
	// become offsets with matchBit.
	fail := make([]uint32, len(out))
	var queue []uint32
	for cl := 1; cl < C; cl++ {
		if n := trans[cl]; n != 0 {
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		s := int(queue[0])
		queue = queue[1:]
		f := int(fail[s])
		out[s] = append(out[s], out[f]...)
		row, frow := trans[s*C:(s+1)*C], trans[f*C:(f+1)*C]
		for cl := 1; cl < C; cl++ {
			if n := row[cl]; n != 0 {
				fail[n] = frow[cl]
				queue = append(queue, n)
			} else {
				row[cl] = frow[cl]
			}
		}
	}
	a.out = out
	if S := len(out); S < matchBit16 {
		a.small = make([]uint16, len(trans))
		for i, n := range trans {
			cell := uint16(n)
			if len(out[n]) > 0 {
				cell |= matchBit16
			}
			a.small[(i%C)*S+i/C] = cell
		}
		for b, cl := range a.class {
			a.classAt[b] = uint32(int(cl) * S)
		}
		return a
	}
	for i, n := range trans {
		trans[i] = n * uint32(C)
		if len(out[n]) > 0 {
			trans[i] |= matchBit
		}
	}
	a.large = trans
	return a
}

func foldByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// scan calls hit with the end offset and the ids of every keyword
// occurrence in s, in order of end offset.
func (a *automaton) scan(s string, hit func(end int, ids []int)) {
	class, C := &a.class, a.classes
	if delta := a.small; delta != nil {
		classAt := &a.classAt
		at := uint32(0)
		for i := 0; i < len(s); i++ {
			v := delta[classAt[s[i]]+at]
			at = uint32(v &^ matchBit16)
			if v&matchBit16 != 0 {
				hit(i+1, a.out[at])
			}
		}
		return
	}
	delta := a.large
	at := uint32(0)
	for i := 0; i < len(s); i++ {
		v := delta[at+uint32(class[s[i]])]
		at = v &^ matchBit
		if v&matchBit != 0 {
			hit(i+1, a.out[at/uint32(C)])
		}
	}
}
