package reports

import (
	"sync"

	"bobra/pipeline/results"
)

// shared is what the renderers of one set (Renderers) build once for the
// results they are all given: the report's Document, drawn by the HTML,
// the PDF and, in a public run, the slides. It is kept only while the
// results are held (Share): a run holds them for its render stage, so
// results changed after a run are never drawn from an old document, and a
// renderer called without a hold builds its own.
type shared struct {
	mu   sync.Mutex
	held map[sharedKey]*sharedDoc
}

type sharedKey struct {
	res *results.Results
	tpl *Templates
}

type sharedDoc struct {
	holds int
	once  sync.Once
	doc   *Document
	err   error
}

func newShared() *shared { return &shared{held: map[sharedKey]*sharedDoc{}} }

// share holds res's document for tpl until release is called (once or
// more); holds of the same results add up.
func (s *shared) share(res *results.Results, tpl *Templates) (release func()) {
	if s == nil {
		return func() {}
	}
	k := sharedKey{res, tpl}
	s.mu.Lock()
	e := s.held[k]
	if e == nil {
		e = &sharedDoc{}
		s.held[k] = e
	}
	e.holds++
	s.mu.Unlock()
	return sync.OnceFunc(func() {
		s.mu.Lock()
		if e.holds--; e.holds == 0 {
			delete(s.held, k)
		}
		s.mu.Unlock()
	})
}

// document is BuildDocument(res, tpl), built once while res is held. The
// renderers only read a Document, so they may draw one at the same time.
func (s *shared) document(res *results.Results, tpl *Templates) (*Document, error) {
	if s == nil {
		return BuildDocument(res, tpl)
	}
	s.mu.Lock()
	e := s.held[sharedKey{res, tpl}]
	s.mu.Unlock()
	if e == nil {
		return BuildDocument(res, tpl)
	}
	e.once.Do(func() { e.doc, e.err = BuildDocument(res, tpl) })
	return e.doc, e.err
}
