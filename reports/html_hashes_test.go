package reports

import (
	"bytes"
	"html"
	"regexp"
	"testing"

	"bobra/data"
	"bobra/pipeline/compute"
)

// TestScriptHashes: the hashes a framing page allows are the ones
// rapport.html's own policy allows, so its charts run in the frame.
func TestScriptHashes(t *testing.T) {
	h := NewHTML(MustLoadEmbedded())
	if h.echartsErr != nil {
		t.Skip("ECharts mangler (make assets)")
	}
	var buf bytes.Buffer
	if err := h.Render(&buf, compute.Compute(data.Sample(), data.SampleEvaluationDate)); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]+)"`).FindSubmatch(buf.Bytes())
	if m == nil {
		t.Fatal("no Content-Security-Policy")
	}
	policy := html.UnescapeString(string(m[1]))
	want := regexp.MustCompile(`'sha256-[^']+'`).FindAllString(policy, -1)
	got := h.ScriptHashes()
	if len(got) != 2 || len(want) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("ScriptHashes() = %v, the report's policy allows %v", got, want)
	}
}
