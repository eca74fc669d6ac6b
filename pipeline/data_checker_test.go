package pipeline

import (
	"io"
	"slices"
	"testing"

	"bobra/data"
	"bobra/pipeline/results"
)

type checkingRenderer struct {
	name string
	ps   data.Problems
}

func (r checkingRenderer) Format() string                           { return r.name }
func (r checkingRenderer) FileName() string                         { return r.name }
func (r checkingRenderer) Render(io.Writer, *results.Results) error { return nil }
func (r checkingRenderer) CheckData(*data.Dataset) data.Problems    { return r.ps }

type plainRenderer struct{ checkingRenderer }

func (plainRenderer) CheckData() {} // not a DataChecker: wrong signature

// The chosen renderers' problems join the reader's, each once.
func TestRendererProblems(t *testing.T) {
	a := data.Problem{Severity: data.Warning, Kind: "k", File: "f.xlsx", Sheet: "Familier", Cell: "A2", Message: "a"}
	b := data.Problem{Severity: data.Warning, Kind: "k", File: "f.xlsx", Sheet: "Sitater", Cell: "B2", Message: "b"}
	known := data.Problems{{Severity: data.Note, Kind: "n", Message: "kjent"}, b}
	rs := []Renderer{
		checkingRenderer{"pdf", data.Problems{a, b}},
		checkingRenderer{"presentasjon", data.Problems{a}},
		plainRenderer{checkingRenderer{"html", data.Problems{{Kind: "never"}}}},
	}
	if got, want := rendererProblems(rs, &data.Dataset{}, known), (data.Problems{a}); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := rendererProblems(rs, nil, nil); got != nil {
		t.Errorf("no dataset gave %v", got)
	}
}
