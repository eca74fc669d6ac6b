package data

import "sync"

// inParallel calls f(0) … f(n−1), at most workers at a time, and returns
// when every call has returned. Each call writes only its own slot of the
// caller's results, so nothing depends on the schedule.
//
// A panic in a call is raised again here, on the caller's goroutine, once
// every call has returned: on a goroutine of its own it would end the
// process with Go's stack trace, past every recover the caller has (the
// command's one sentence to the user, the reader's turning a damaged file
// into a problem). The first call's (by index) is the one raised.
func inParallel(n, workers int, f func(i int)) {
	sem := make(chan struct{}, max(workers, 1))
	panics := make([]any, n)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			defer func() { panics[i] = recover() }()
			f(i)
		})
	}
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}
