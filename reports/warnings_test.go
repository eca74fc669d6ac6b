package reports

import (
	"bobra/internal/norfmt"
	"bytes"
	"fmt"
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"bobra/data"
	"bobra/pipeline/compute"
	"bobra/pipeline/disclose"
	"bobra/pipeline/results"

	"github.com/xuri/excelize/v2"
)

func TestSummarizeWarnings(t *testing.T) {
	t.Parallel()
	w := func(kind string, count int) results.Warning {
		return results.Warning{Kind: kind, Sheet: "Kjøp", Message: kind, Count: count}
	}
	many := func(kind string, n int) []results.Warning {
		var ws []results.Warning
		for range n {
			ws = append(ws, w(kind, 0))
		}
		return ws
	}
	generic := results.Warning{Kind: "flere-kjop", Message: "generell", FamilyLevel: true}
	cases := []struct {
		name   string
		ws     []results.Warning
		want   WarningSummary
		kinds  []warningKind
		listed int
	}{
		{"none", nil, WarningSummary{Counted: true, PerKind: MaxWarningsPerKind}, nil, 0},
		{"few", append(many("a", 2), many("b", 1)...),
			WarningSummary{Total: 3, Counted: true, PerKind: MaxWarningsPerKind, Listed: 3},
			[]warningKind{{Kind: "a", Count: 2}, {Kind: "b", Count: 1}}, 3},
		{"over the cap", append(many("a", MaxWarningsPerKind+3), many("b", 1)...),
			WarningSummary{Total: MaxWarningsPerKind + 4, Counted: true, PerKind: MaxWarningsPerKind, Listed: MaxWarningsPerKind + 1, More: 3},
			[]warningKind{{Kind: "a", Count: MaxWarningsPerKind + 3}, {Kind: "b", Count: 1}}, MaxWarningsPerKind + 1},
		// The computation's summary of the families beyond its own cap counts
		// for all of them and is never listed (its "see above" would be wrong).
		{"summary", append(many("verdi-mangler", 2), w("verdi-mangler", 500)),
			WarningSummary{Total: 502, Counted: true, PerKind: MaxWarningsPerKind, Listed: 2, More: 500},
			[]warningKind{{Kind: "verdi-mangler", Count: 502}}, 2},
		// A public report lists the general sentence and does not count.
		{"public", append([]results.Warning{generic}, many("ssb-mangler-ar", 1)...),
			WarningSummary{Total: 1, Counted: false, PerKind: MaxWarningsPerKind, Listed: 1},
			[]warningKind{{Kind: "flere-kjop", FamilyLevel: true}, {Kind: "ssb-mangler-ar", Count: 1}}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := summarizeWarnings(tc.ws)
			kinds, listed := got.kinds, got.listed
			got.kinds, got.listed = nil, nil
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("summary %+v, want %+v", got, tc.want)
			}
			if fmt.Sprint(kinds) != fmt.Sprint(tc.kinds) {
				t.Errorf("kinds %+v, want %+v", kinds, tc.kinds)
			}
			if len(listed) != tc.listed {
				t.Errorf("%d listed, want %d", len(listed), tc.listed)
			}
		})
	}
}

// manyWarnings is the sample's results with n warnings of four kinds, as
// a national run with a few per cent of doubtful rows would have them.
func manyWarnings(n int) *results.Results {
	res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	kinds := []string{"flere-kjop", "kvadratmeterpris", "barn-over-18", "kjop-uten-barn"}
	for i := range n {
		kind := kinds[i%len(kinds)]
		id := fmt.Sprintf("G%06d", i)
		res.Warnings = append(res.Warnings, results.Warning{Kind: kind, File: "kjop.xlsx", Sheet: "Kjøp",
			Cell: fmt.Sprintf("B%d", i+2), FamilyID: id,
			Message: "Familien " + id + " har en merknad av typen " + kind + " som skal rettes i regnearket før neste evaluering."})
	}
	return res
}

// Whatever the number of warnings, the reports show the count of each
// kind and the first few of each, and stay within the size limits of
// docs/ytelse.md (HTML under 3 MB, PDF under 60 pages); resultater.xlsx
// has all.
func TestManyWarningsStayReadable(t *testing.T) {
	t.Parallel()
	const n = 5000
	res := manyWarnings(n)
	listed := 4 * MaxWarningsPerKind
	more := norfmt.Int(n-listed) + " flere"

	tpl := MustLoadEmbedded()
	js, err := EChartsScript()
	if err != nil {
		// A build without `make assets`: a stand-in of the library's size.
		js = "/*" + strings.Repeat("x", 1_100_000) + "*/"
	}
	var page bytes.Buffer
	if err := (&HTML{tpl: tpl, echarts: js}).Render(&page, res); err != nil {
		t.Fatal(err)
	}
	if page.Len() >= 3<<20 {
		t.Errorf("rapport.html is %d bytes with %d warnings, want under 3 MB", page.Len(), n)
	}
	text := html.UnescapeString(page.String())
	for _, want := range []string{
		"Kjøringen fant " + norfmt.Int(n) + norfmt.NBSP + "merknader", more, "Merknader om dataene etter type",
		WarningLabel("flere-kjop"), norfmt.Int(n / 4), "resultater.xlsx",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("rapport.html lacks %q", want)
		}
	}
	if got := strings.Count(text, "har en merknad av typen"); got != listed {
		t.Errorf("rapport.html lists %d warnings, want %d", got, listed)
	}

	pdf := render(t, NewPDF(tpl), res)
	pages := len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(pdf, -1))
	if pages == 0 || pages >= 60 {
		t.Errorf("rapport.pdf has %d pages with %d warnings, want under 60", pages, n)
	}
	t.Logf("%d warnings: rapport.html %d bytes, rapport.pdf %d pages", n, page.Len(), pages)
	pdfText := flat(strings.Join(pdfPages(t, pdf), "\n"))
	for _, want := range []string{flat(more), "Merknader om dataene etter type", flat(norfmt.Int(n / 4))} {
		if !strings.Contains(pdfText, want) {
			t.Errorf("rapport.pdf lacks %q", want)
		}
	}

	f, err := excelize.OpenReader(bytes.NewReader(renderXLSX(t, res)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.Rows(SheetWarnings)
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	for rows.Next() {
		count++
	}
	if count != n+1 {
		t.Errorf("sheet %s has %d rows, want a header and %d warnings", SheetWarnings, count, n)
	}
}

// A public report counts the kinds that are not about single families and
// lists neither a family's warning nor how many there are.
func TestManyWarningsPublic(t *testing.T) {
	t.Parallel()
	res := disclose.Suppress(manyWarnings(5000), 3)
	res.Warnings = append(res.Warnings, results.Warning{Kind: "ssb-mangler-ar", Sheet: "SSB-leie", Message: "SSB-leie mangler året 2019."})
	page := html.UnescapeString(string(renderHTML(t, res)))
	start, end := strings.Index(page, `id="datakvalitet"`), strings.Index(page, `id="kjoring"`)
	if start < 0 || end < start {
		t.Fatal("no section Datakvalitet before Om kjøringen in rapport.html")
	}
	text := page[start:end]
	for _, want := range []string{"Kjøringen fant merknader om dataene; antallet", "skjult", WarningLabel("ssb-mangler-ar")} {
		if !strings.Contains(text, want) {
			t.Errorf("public rapport.html lacks %q", want)
		}
	}
	if strings.Contains(page, "G000001") {
		t.Error("public rapport.html names a family")
	}
	for _, leak := range []string{"Kjøp, B", norfmt.Int(5000), norfmt.Int(1250), "flere står"} {
		if strings.Contains(text, leak) {
			t.Errorf("public rapport.html contains %q", leak)
		}
	}
}
