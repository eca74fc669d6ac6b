package pipeline

import (
	"io"

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
