package reports

import "bobra/pipeline"

// Options are what every renderer may need besides the results.
type Options struct {
	// TemplateDir is a folder with a copy of templates/ (--maler); empty
	// means the embedded templates.
	TemplateDir string
}

// Renderers returns one renderer per output format, in the order they are
// listed to users. Each renderer's Format is its --format name.
func Renderers(opt Options) ([]pipeline.Renderer, error) {
	return nil, nil
}
