package pipeline

import (
	"io"

	"bobra/data"
	"bobra/pipeline/results"
)

// Renderer writes one output file from the results of a run.
//
// Contract: Render is a pure function of res (and of what the renderer was
// built with, such as the report templates): the same results give the
// same bytes, with no clock, random id or map order reaching w. It writes
// only to w; the run writes w to a temporary file and renames it into place
// once every renderer has succeeded, so a renderer never sees the output
// folder. Renderers may run concurrently and must not modify res.
//
// An error that is the user's to fix rather than a fault (a broken
// placeholder in a --maler folder) implements InputMistake(); the run then
// reports it as wrong use (exit 2) instead of a failed write.
type Renderer interface {
	// Format is the --format name, e.g. "html".
	Format() string
	// FileName is the output's base name, e.g. "rapport.html".
	FileName() string
	Render(w io.Writer, res *results.Results) error
}

// DataChecker is a Renderer with something to say about the data before it
// renders, such as a PDF writer whose font lacks a character of a cell.
// Its problems join the reader's (the same problem from two renderers is
// listed once), so the user sees them where the reader's are shown.
type DataChecker interface {
	CheckData(ds *data.Dataset) data.Problems
}

// Sharer is a Renderer that builds something once with the other
// renderers of its set for the same results (the report's document, drawn
// by the HTML and the PDF). Share keeps what is built from res until
// release is called; the run holds the results so for its whole render
// stage, and a Render without a hold builds its own. Share must not
// modify res, and release may be called more than once.
type Sharer interface {
	Share(res *results.Results) (release func())
}

// shareAll holds res with every renderer that shares; the function it
// returns releases them all.
func shareAll(rs []Renderer, res *results.Results) (release func()) {
	var releases []func()
	for _, r := range rs {
		if s, ok := r.(Sharer); ok {
			releases = append(releases, s.Share(res))
		}
	}
	return func() {
		for _, f := range releases {
			f()
		}
	}
}
