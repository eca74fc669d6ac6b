package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"bobra/pipeline/results"
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
//
// The homes are written one at a time: with 100 000 homes the file is
// about 60 MB, and encoding it whole keeps the compact and the indented
// text in memory at once (some 200 MB). The bytes are the same as
// encoding the whole value.
func (JSON) Render(w io.Writer, res *results.Results) error {
	if len(res.Homes) == 0 {
		return encodeIndented(w, res)
	}
	rest := *res
	rest.Homes = []results.Home{}
	var buf bytes.Buffer
	if err := encodeIndented(&buf, &rest); err != nil {
		return err
	}
	// Only indentation puts a newline in the output, and only top-level
	// keys are indented by two spaces, so this marker is the homes key.
	b := buf.Bytes()
	i := bytes.Index(b, homesMarker)
	if i < 0 || bytes.Contains(b[i+1:], homesMarker) {
		return errors.New("resultater.json: fant ikke feltet homes")
	}
	if _, err := io.WriteString(w, string(b[:i])+"\n  \"homes\": [\n"); err != nil {
		return err
	}
	var hb []byte
	rents := rentJSON{}
	for k := range res.Homes {
		hb = append(hb[:0], "    "...)
		hb = appendHome(hb, &res.Homes[k], rents)
		if k < len(res.Homes)-1 {
			hb = append(hb, ',')
		}
		hb = append(hb, '\n')
		if _, err := w.Write(hb); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, "  ]"); err != nil {
		return err
	}
	_, err := w.Write(b[i+len(homesMarker)-1:])
	return err
}

// homesMarker is the top-level homes key with an empty list, followed by
// the next key (homes is never the last field).
var homesMarker = []byte("\n  \"homes\": [],")

func encodeIndented(w io.Writer, v any) error { return encodeIndentedAt(w, v, "") }

func encodeIndentedAt(w io.Writer, v any, prefix string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(true)
	return enc.Encode(v)
}
