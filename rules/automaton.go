package rules

import "slices"

// automaton finds every occurrence of a set of keywords in one pass: an
// Aho-Corasick automaton compiled to a dense DFA over byte classes, ASCII
// letters folded to lower case. Scanning costs two table lookups a byte
// and allocates nothing; the Aho-Corasick libraries measured here ran at
// about 100 MB/s and allocated for every hit, which is the whole budget of
// the text pipeline.
type automaton struct {
	class   [256]uint8 // byte → class (0: in no keyword)
	classes int
	// delta[state*classes + class] is the next state, premultiplied by
	// classes, with matchBit set when keywords end there.
	delta []uint32
	out   [][]int // state → keyword ids that end there (with suffixes)
}

const matchBit = 1 << 31

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
	// The trie.
	type node struct {
		child map[uint8]int32
		fail  int32
		out   []int
	}
	nodes := []node{{child: map[uint8]int32{}}}
	for id, k := range keywords {
		s := int32(0)
		for i := 0; i < len(k); i++ {
			cl := a.class[foldByte(k[i])]
			n, ok := nodes[s].child[cl]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, node{child: map[uint8]int32{}})
				nodes[s].child[cl] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, id)
	}
	// Failure links, breadth first, and the full transition table, first
	// of state numbers, then (in place) of row offsets with matchBit.
	trans := make([]uint32, len(nodes)*a.classes)
	queue := []int32{}
	for cl := 1; cl < a.classes; cl++ {
		if n, ok := nodes[0].child[uint8(cl)]; ok {
			trans[cl] = uint32(n)
			queue = append(queue, n)
		}
	}
	var cls []int
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		// The failure state's row, then this node's own children over it
		// (in class order, so that the queue stays breadth first).
		row := trans[int(s)*a.classes : int(s+1)*a.classes]
		copy(row[1:], trans[int(f)*a.classes+1:int(f+1)*a.classes])
		cls = cls[:0]
		for cl := range nodes[s].child {
			cls = append(cls, int(cl))
		}
		slices.Sort(cls)
		for _, cl := range cls {
			n := nodes[s].child[uint8(cl)]
			nodes[n].fail = int32(trans[int(f)*a.classes+cl])
			row[cl] = uint32(n)
			queue = append(queue, n)
		}
	}
	a.out = make([][]int, len(nodes))
	for i := range nodes {
		a.out[i] = nodes[i].out
	}
	for i, n := range trans {
		trans[i] = n * uint32(a.classes)
		if len(nodes[n].out) > 0 {
			trans[i] |= matchBit
		}
	}
	a.delta = trans
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
	delta, class := a.delta, &a.class
	at := uint32(0)
	for i := 0; i < len(s); i++ {
		v := delta[at+uint32(class[s[i]])]
		at = v &^ matchBit
		if v&matchBit != 0 {
			hit(i+1, a.out[at/uint32(a.classes)])
		}
	}
}
