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
	tpl, err := LoadTemplates(opt.TemplateDir)
	if err != nil {
		return nil, err
	}
	renderers := []pipeline.Renderer{
		// The HTML and PDF renderers are added here, before the data files.
		NewHTML(tpl),
		NewPDF(tpl),
		NewSlides(tpl),
		XLSX{},
		JSON{},
	}
	return renderers, nil
}
