package rules

// automaton finds every occurrence of a set of keywords in one pass: an
// Aho-Corasick automaton compiled to a dense DFA over byte classes, ASCII
// letters folded to lower case. Scanning costs two table lookups a byte
// and allocates nothing; the Aho-Corasick libraries measured here ran at
// about 100 MB/s and allocated for every hit, which is the whole budget of
// the text pipeline.
type automaton struct {
	// The transition table, laid out by class: the cell of state s on
	// byte b is table[classAt[b]+s], and holds the next state, with the
	// top bit set when keywords end there, so that no step multiplies.
	// With fewer than 1<<15 states the cells are 16 bits (small), else 32
	// (large): the built-in packs' table is half the size the 16-bit way,
	// and it is most of the rules' live heap, which the collector's target
	// is a multiple of.
	classAt [256]uint32 // byte → its class's column: class × states (class 0: in no keyword)
	small   []uint16
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
	var class [256]uint8
	next := uint8(1)
	for _, k := range keywords {
		for i := 0; i < len(k); i++ {
			c := foldByte(k[i])
			if class[c] == 0 {
				class[c] = next
				next++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		class[c] = class[c+'a'-'A']
	}
	// The trie: child[s<<8|cl] is the child of state s on class cl; then
	// the same as the rows of the transition table, trans[s*C+cl], 0 for
	// no child (the root is no one's child).
	C := int(next)
	child := map[uint32]uint32{}
	out := [][]int{nil}
	for id, k := range keywords {
		s := uint32(0)
		for i := 0; i < len(k); i++ {
			key := s<<8 | uint32(class[foldByte(k[i])])
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
	// state's row, which is complete by then.
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
	S := len(out)
	for b, cl := range class {
		a.classAt[b] = uint32(int(cl) * S)
	}
	if S < matchBit16 {
		a.small = byClass[uint16](trans, out, C, matchBit16)
	} else {
		a.large = byClass[uint32](trans, out, C, matchBit)
	}
	return a
}

// byClass lays the rows of trans (one per state, C classes each) out by
// class, with match set in the cells of states where keywords end.
func byClass[T uint16 | uint32](trans []uint32, out [][]int, C int, match T) []T {
	S := len(out)
	table := make([]T, len(trans))
	for i, n := range trans {
		cell := T(n)
		if len(out[n]) > 0 {
			cell |= match
		}
		table[(i%C)*S+i/C] = cell
	}
	return table
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
	if a.small != nil {
		scanTable(a, a.small, matchBit16, s, hit)
	} else {
		scanTable(a, a.large, matchBit, s, hit)
	}
}

func scanTable[T uint16 | uint32](a *automaton, table []T, match T, s string, hit func(end int, ids []int)) {
	classAt := &a.classAt
	at := uint32(0)
	for i := 0; i < len(s); i++ {
		v := table[classAt[s[i]]+at]
		at = uint32(v &^ match)
		if v&match != 0 {
			hit(i+1, a.out[at])
		}
	}
}
