package reports

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"bobra/data"
	"bobra/pipeline"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"
)

func sampleResults(t *testing.T) *results.Results {
	t.Helper()
	return compute.Compute(data.Sample(), data.SampleEvaluationDate)
}

func render(t *testing.T, r pipeline.Renderer, res *results.Results) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, res); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSlidesGolden(t *testing.T) {
	t.Parallel()
	pdf := render(t, NewSlides(MustLoadEmbedded()), sampleResults(t))
	checkGolden(t, "presentasjon.pdf.txt", textDump(pdfPages(t, pdf)))
}

func TestReportPDFSampleGolden(t *testing.T) {
	t.Parallel()
	pdf := render(t, NewPDF(MustLoadEmbedded()), sampleResults(t))
	checkGolden(t, "rapport.pdf.txt", textDump(pdfPages(t, pdf)))
}

func TestSlidesSameBytes(t *testing.T) {
	t.Parallel()
	res := sampleResults(t)
	s := NewSlides(MustLoadEmbedded())
	first := render(t, s, res)
	for range 3 {
		if !bytes.Equal(first, render(t, s, res)) {
			t.Fatal("two renders of the same results differ")
		}
	}
}

func TestSlidesStructure(t *testing.T) {
	t.Parallel()
	path := writeTemp(t, "presentasjon.pdf", render(t, NewSlides(MustLoadEmbedded()), sampleResults(t)))
	checkPDFTools(t, path, "LiberationSans")
}

// The slides are public: no FamilieID, and a count below the threshold is
// shown as "færre enn 3", never as its number.
func TestSlidesArePublic(t *testing.T) {
	t.Parallel()
	res := sampleResults(t)
	if len(res.Homes) == 0 {
		t.Fatal("the sample has no homes")
	}
	text := flat(strings.Join(pdfPages(t, render(t, NewSlides(MustLoadEmbedded()), res)), "\n"))
	for _, h := range res.Homes {
		if regexp.MustCompile(`\b` + regexp.QuoteMeta(h.FamilyID) + `\b`).MatchString(text) {
			t.Errorf("the slides name the family %s", h.FamilyID)
		}
	}

	// Two families bought in part 1: the key figure's sentence must hide it.
	small := sampleResults(t)
	small.Families.BoughtByPhase.P1 = results.C(2)
	small.Families.Bought = results.C(2 + small.Families.BoughtByPhase.P2.N)
	text = flat(strings.Join(pdfPages(t, render(t, NewSlides(MustLoadEmbedded()), small)), "\n"))
	if !strings.Contains(text, "færre enn 3") {
		t.Error("the slides do not say «færre enn 3»")
	}
	if strings.Contains(text, "2 i del 1") {
		t.Error("the slides show the small count of part 1")
	}
}

// Every key figure of the report is in the PDF text and equals its figure
// in resultater.json, formatted as the Document says.
func TestReportPDFKeyFiguresMatchJSON(t *testing.T) {
	t.Parallel()
	res := sampleResults(t)
	doc, err := BuildDocument(res, MustLoadEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	tree := decodedJSON(t, res)
	for _, name := range []string{"rapport", "presentasjon"} {
		var pdf []byte
		if name == "rapport" {
			pdf = render(t, NewPDF(MustLoadEmbedded()), res)
		} else {
			pdf = render(t, NewSlides(MustLoadEmbedded()), res)
		}
		text := flat(strings.Join(pdfPages(t, pdf), "\n"))
		for _, k := range doc.KeyFigures {
			raw, ok := jsonAt(tree, k.JSONPath)
			if !ok {
				t.Errorf("%s: %s is not in resultater.json", k.ID, k.JSONPath)
				continue
			}
			want := formatJSONFigure(t, raw, k.Unit)
			if want != k.Value {
				t.Errorf("%s: key figure %q, resultater.json %s gives %q", k.ID, k.Value, k.JSONPath, want)
			}
			if !strings.Contains(text, flat(want)) {
				t.Errorf("%s.pdf lacks the key figure %s = %q", name, k.ID, want)
			}
		}
	}
}

// The run renders formats at the same time; the PDF renderers share the
// fonts and the Markdown parser, read-only.
func TestPDFRenderersConcurrently(t *testing.T) {
	t.Parallel()
	res := sampleResults(t)
	tpl := MustLoadEmbedded()
	want := map[string][]byte{}
	for _, r := range []pipeline.Renderer{NewPDF(tpl), NewSlides(tpl)} {
		want[r.Format()] = render(t, r, res)
	}
	type out struct {
		format string
		pdf    []byte
		err    error
	}
	ch := make(chan out)
	for range 2 {
		for _, r := range []pipeline.Renderer{NewPDF(tpl), NewSlides(tpl)} {
			go func() {
				var buf bytes.Buffer
				err := r.Render(&buf, res)
				ch <- out{r.Format(), buf.Bytes(), err}
			}()
		}
	}
	for range 4 {
		o := <-ch
		if o.err != nil {
			t.Fatal(o.err)
		}
		if !bytes.Equal(o.pdf, want[o.format]) {
			t.Errorf("%s rendered concurrently differs", o.format)
		}
	}
}

// No slide shows a chart with a category that is a family's FamilieID,
// whichever home it is; other charts are kept in order.
func TestSlideChartsLeaveOutFamilies(t *testing.T) {
	t.Parallel()
	res := &results.Results{Homes: []results.Home{{FamilyID: "F001"}, {FamilyID: "F002"}, {FamilyID: "F003"}}}
	byYear := &Chart{ID: "kjop-per-ar", Categories: []string{"2021", "2022"}}
	perHome := &Chart{ID: "verdi-per-bolig", Categories: []string{"2021", "F003"}}
	byPhase := &Chart{ID: "stabilitet", Categories: []string{"Del 1", "Del 2", "F00"}}
	doc := &Document{Sections: []Section{
		{Blocks: []Block{{Chart: byYear}, {Markdown: "tekst"}, {Chart: perHome}}},
		{Blocks: []Block{{Chart: byPhase}}},
	}}
	ids := familyIDs(res, doc)
	if len(ids) != 1 || !ids["F003"] {
		t.Errorf("familyIDs = %v, want only F003", ids)
	}
	got := slideCharts(doc, ids)
	if len(got) != 2 || got[0] != byYear || got[1] != byPhase {
		t.Errorf("slideCharts kept %d charts, want kjop-per-ar and stabilitet", len(got))
	}
}
