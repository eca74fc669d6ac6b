package reports

import (
	"encoding/json"
	"io"

	"bobra/pipeline"
)

// JSON writes resultater.json: the results as they are, the contract that
// other tools and next year's run (--forrige) read. Money is a string of
// whole kroner, shares a string with 4 decimals, persons with 2 (see
// pipeline/values.go); dates are ISO strings.
type JSON struct{}

func (JSON) Format() string   { return "json" }
func (JSON) FileName() string { return "resultater.json" }

// Render writes the results indented by two spaces, with a final newline.
// HTML-sensitive characters stay escaped (\u003c), so the file is also safe
// to paste into a web page.
func (JSON) Render(w io.Writer, res *pipeline.Results) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(true)
	return enc.Encode(res)
}
