package reports

// Tests of the changes made for national-size data (docs/ytelse.md).

import (
	"bytes"
	"encoding/json"
	"testing"

	"bobra/data"
	"bobra/pipeline/compute"
	"bobra/pipeline/disclose"
	"bobra/pipeline/results"
)

// TestJSONStreamsSameBytes checks that writing the homes one at a time
// gives exactly the bytes of encoding the whole results.
func TestJSONStreamsSameBytes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := data.GenerateDir(dir, 300, 5); err != nil {
		t.Fatal(err)
	}
	generated, problems, err := data.ReadDir(dir, data.ReadOptions{})
	if err != nil || problems.HasErrors() {
		t.Fatalf("reading generated data: %v %v", err, problems.Only(data.Error))
	}
	sample := data.Sample()
	cases := map[string]*results.Results{
		"sample":    compute.Compute(sample, data.SampleEvaluationDate),
		"generated": compute.Compute(generated, data.GenerateEvaluationDate),
	}
	public := disclose.Suppress(cases["sample"], 3)
	cases["public"] = public
	for name, res := range cases {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(true)
			if err := enc.Encode(res); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := (JSON{}).Render(&got, res); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("streamed JSON differs from the whole encoding (%d vs %d bytes)", got.Len(), want.Len())
			}
		})
	}
}
