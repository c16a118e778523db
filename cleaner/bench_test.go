package cleaner

import (
	"context"
	"testing"
)

// BenchmarkCleanFixtures cleans every text fixture once per iteration.
func BenchmarkCleanFixtures(b *testing.B) {
	c := testCleaner(b)
	inputs := goldenInputs(b)
	size := 0
	for _, in := range inputs {
		size += len(in)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		for _, in := range inputs {
			if _, err := c.Clean(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	}
}
