package main

import (
	"context"
	"sync"

	"golang.org/x/sync/semaphore"
)

// ordered runs work on the items produce sends, on several workers, and
// hands the results to consume in the order the items were produced (so
// output is the same for any -j). At most window items are in flight, and
// at most budget bytes of them (by the size the producer gives), so memory
// stays bounded however long the stream.
type ordered[T, R any] struct {
	workers int
	window  int
	budget  int64
}

type slot[T, R any] struct {
	item T
	size int64
	out  chan R
}

// run produces, works and consumes until produce returns. produce's emit
// blocks while the window or the byte budget is full; it returns false
// once ctx is done, and produce should then stop. Items already produced
// are still worked and consumed.
func (o ordered[T, R]) run(ctx context.Context, produce func(emit func(item T, size int64) bool), work func(T) R, consume func(R)) {
	workers := max(o.workers, 1)
	window := max(o.window, workers)
	budget := max(o.budget, 1)
	sem := semaphore.NewWeighted(budget)
	queue := make(chan *slot[T, R], window)
	jobs := make(chan *slot[T, R], window)
	go func() {
		defer close(queue)
		defer close(jobs)
		produce(func(item T, size int64) bool {
			if ctx.Err() != nil {
				return false
			}
			size = min(max(size, 1), budget)
			// Not ctx: a cancelled run still finishes what it started.
			if err := sem.Acquire(context.Background(), size); err != nil {
				return false
			}
			s := &slot[T, R]{item: item, size: size, out: make(chan R, 1)}
			queue <- s
			jobs <- s
			return ctx.Err() == nil
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range jobs {
				s.out <- work(s.item)
			}
		}()
	}
	for s := range queue {
		consume(<-s.out)
		sem.Release(s.size)
	}
	wg.Wait()
}
