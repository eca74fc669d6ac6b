// Package reports turns results.Results into the evaluation's outputs: one
// renderer per format (html, pdf, slides, xlsx, json), all reading the same
// Document so that no two outputs can disagree.
package reports

import "bobra/pipeline"

// Undefined is written for a figure that has no value, such as a share
// whose denominator is zero.
const Undefined = "–"

// Withheld is written for a figure hidden by the small-number rule that is
// not itself small (it is hidden so that another cannot be worked out, and
// may be large); a small hidden count reads "færre enn N" instead.
const Withheld = "skjult"

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
	// The report renderers build the document once between them, while
	// the run holds the results (pipeline.Sharer).
	sh := newShared()
	html := NewHTML(tpl)
	html.shared = sh
	renderers := []pipeline.Renderer{
		// The HTML and PDF renderers are added here, before the data files.
		html,
		PDF{tpl: tpl, shared: sh},
		Slides{tpl: tpl, shared: sh},
		XLSX{},
		JSON{},
	}
	return renderers, nil
}
