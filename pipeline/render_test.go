package pipeline

import (
	"context"
	"io"
	"sync"
	"testing"

	"bobra/pipeline/results"
)

// sharingRenderer records whether the results it renders were held.
type sharingRenderer struct {
	fakeRenderer
	mu      *sync.Mutex
	holds   map[*results.Results]int
	renders *[]int // holds of the results at each Render
}

func (s sharingRenderer) Share(res *results.Results) func() {
	s.mu.Lock()
	s.holds[res]++
	s.mu.Unlock()
	return sync.OnceFunc(func() {
		s.mu.Lock()
		s.holds[res]--
		s.mu.Unlock()
	})
}

func (s sharingRenderer) Render(w io.Writer, res *results.Results) error {
	s.mu.Lock()
	*s.renders = append(*s.renders, s.holds[res])
	s.mu.Unlock()
	return s.fakeRenderer.Render(w, res)
}

// The run holds the results with every renderer that shares for the whole
// render stage, and releases them before it returns.
func TestRunHoldsResultsWhileRendering(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	holds := map[*results.Results]int{}
	var renders []int
	opt := baseOptions(t.TempDir())
	opt.Renderers = []Renderer{
		sharingRenderer{fakeRenderer{format: "a", name: "a.txt"}, &mu, holds, &renders},
		fakeRenderer{format: "b", name: "b.txt"},
		sharingRenderer{fakeRenderer{format: "c", name: "c.txt"}, &mu, holds, &renders},
	}
	rr, err := Run(context.Background(), opt)
	if err != nil || rr.Outcome != Done {
		t.Fatalf("run: %v, %v", rr, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(renders) != 2 || renders[0] != 2 || renders[1] != 2 {
		t.Errorf("holds at each Render = %v, want [2 2]", renders)
	}
	for res, n := range holds {
		if n != 0 {
			t.Errorf("results %p still held %d times after the run", res, n)
		}
	}
}
