package data

import "sync"

// inParallel calls f(0) … f(n−1), at most workers at a time, and returns
// when every call has returned. Each call writes only its own slot of the
// caller's results, so nothing depends on the schedule.
func inParallel(n, workers int, f func(i int)) {
	sem := make(chan struct{}, max(workers, 1))
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			f(i)
		})
	}
	wg.Wait()
}
