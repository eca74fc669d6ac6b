package reports

import (
	"bytes"
	"sync"
	"testing"

	"bobra/pipeline"
	"bobra/pipeline/disclose"
	"bobra/pipeline/results"
)

// hold holds res with every renderer of rs that shares, as the run does.
func hold(rs []pipeline.Renderer, res *results.Results) (release func()) {
	var rel []func()
	for _, r := range rs {
		if s, ok := r.(pipeline.Sharer); ok {
			rel = append(rel, s.Share(res))
		}
	}
	return func() {
		for _, f := range rel {
			f()
		}
	}
}

// While the results are held, the renderers of a set draw one document
// between them, at the same time, and give the bytes of renderers on their
// own; results changed after a release are drawn anew.
func TestRenderersShareTheDocument(t *testing.T) {
	t.Parallel()
	rs, err := Renderers(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tpl := rs[0].(*HTML).tpl
	sh := rs[0].(*HTML).shared
	alone := map[string]pipeline.Renderer{"html": NewHTML(tpl), "pdf": NewPDF(tpl), "presentasjon": NewSlides(tpl)}
	renderHeld := func(res *results.Results) map[string][]byte {
		release := hold(rs, res)
		defer release()
		out := map[string][]byte{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, r := range rs {
			if alone[r.Format()] == nil {
				continue
			}
			wg.Go(func() {
				b := render(t, r, res)
				mu.Lock()
				out[r.Format()] = b
				mu.Unlock()
			})
		}
		wg.Wait()
		return out
	}
	check := func(what string, res *results.Results) {
		for format, b := range renderHeld(res) {
			if !bytes.Equal(b, render(t, alone[format], res)) {
				t.Errorf("%s, %s: the set's bytes differ from a renderer's on its own", what, format)
			}
		}
		if len(sh.held) != 0 {
			t.Errorf("%s: %d documents still held after release", what, len(sh.held))
		}
	}
	internal := sampleResults(t)
	check("internal", internal)
	check("public", disclose.Suppress(internal, disclose.DefaultSmallCount))
	internal.Programme = "Et annet program"
	check("changed after a run", internal)

	release := hold(rs, internal)
	a, _ := sh.document(internal, tpl)
	b, _ := sh.document(internal, tpl)
	release()
	release() // a second release is harmless
	c, _ := sh.document(internal, tpl)
	if a != b || a == c {
		t.Errorf("held: one document %v, after release a new one %v", a == b, a != c)
	}
}
