package reports

import (
	"bobra/internal/norfmt"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"bobra/data"
	"bobra/pipeline/compute"
	"bobra/pipeline/disclose"
	"bobra/pipeline/results"

	"github.com/xuri/excelize/v2"
)

func buildSample(t *testing.T, asOf data.Date, public bool) *Document {
	t.Helper()
	res := compute.Compute(data.Sample(), asOf)
	if public {
		res = disclose.Suppress(res, 3)
	}
	doc, err := BuildDocument(res, MustLoadEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func sectionIDs(doc *Document) []string {
	var ids []string
	for _, s := range doc.Sections {
		ids = append(ids, s.ID)
	}
	return ids
}

func sectionByID(t *testing.T, doc *Document, id string) Section {
	t.Helper()
	for _, s := range doc.Sections {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no section %q in %v", id, sectionIDs(doc))
	return Section{}
}

// sectionText is a section's prose, chart ids, table cells and quotes, one
// per line, to search in.
func sectionText(s Section) string {
	var b strings.Builder
	for _, bl := range s.Blocks {
		switch {
		case bl.Markdown != "":
			b.WriteString(bl.Markdown + "\n")
		case bl.Chart != nil:
			b.WriteString("chart:" + bl.Chart.ID + "\n")
			for _, r := range bl.Chart.Table.Rows {
				b.WriteString(strings.Join(r, "|") + "\n")
			}
		case bl.Table != nil:
			b.WriteString("table:" + bl.Table.Caption + "\n")
			for _, r := range bl.Table.Rows {
				b.WriteString(strings.Join(r, "|") + "\n")
			}
		case bl.Quote != nil:
			b.WriteString("quote:" + bl.Quote.Text + " — " + bl.Quote.Who + "\n")
		}
	}
	return b.String()
}

func TestExperienceAndResourceSections(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		asOf data.Date
		// want are lines each section must contain.
		experiences, resources []string
	}{
		{
			name: "2021: one round",
			asOf: data.SampleEvaluationDate,
			experiences: []string{
				"chart:erfaringer-2020",
				"- Å eie boligen gjør hverdagen tryggere og mer stabil for barna: 81,3 % enige (16 svarte).",
				"Å eie boligen gjør hverdagen tryggere og mer stabil for barna|0|0|3|5|8|0|16|81,3 %",
				`quote:Sønnen min spurte: "Er dette <vårt> hus?" Jeg sa ja & han smilte – nå er det 'hjemme'. — mor, del 2`,
			},
			resources: []string{
				"chart:ressurser-ar",
				"Til og med 2021 har prosjektet kostet kr 4 910 000 (4,9 mill. kr) og 5 737,5 timer. Det er kr 122 750 per familie som har kjøpt bolig (40 familier).",
				"**Tiltaket er samfunnsøkonomisk lønnsomt dersom minst 1 av de 97 barna unngår utenforskap.**",
				"Basis (5,0 %)|kr 79 540 000|kr 4 910 000|16,2",
				"NAV|2 337,5|kr 1 970 000|40,1 %",
				"quote:Det tok tid å få alt på plass med banken, men Boligbistand var med hele veien. — mor, del 1",
			},
		},
		{
			name: "2024: two rounds with change",
			asOf: data.SampleFollowUpDate,
			experiences: []string{
				"chart:erfaringer-2020",
				"chart:erfaringer-2024",
				// 20/20 − 13/16 = 0.1875
				"- Å eie boligen gjør hverdagen tryggere og mer stabil for barna: 100,0 % enige (20 svarte). Endring siden 2020: +18,8 prosentpoeng.",
				// 15/20 − 9/16 = 0.1875; 14/20 − 6/13 = 0.2385
				"Det er lettere å bli kjent med naboene|56,3 %|75,0 %|+18,8 prosentpoeng",
				"De økonomiske bekymringene har ikke blitt større|46,2 %|70,0 %|+23,8 prosentpoeng",
			},
			resources: []string{
				"**Tiltaket er samfunnsøkonomisk lønnsomt dersom minst 1 av de 105 barna unngår utenforskap.**",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := buildSample(t, tt.asOf, false)
			ids := strings.Join(sectionIDs(doc), " ")
			for _, order := range []string{"stabilitet erfaringer verdi", "samfunn ressurser utvikling"} {
				if !strings.Contains(ids, order) {
					t.Errorf("sections %s: want %q in that order", ids, order)
				}
			}
			for id, want := range map[string][]string{"erfaringer": tt.experiences, "ressurser": tt.resources} {
				text := sectionText(sectionByID(t, doc, id))
				for _, w := range want {
					if !strings.Contains(strings.ReplaceAll(text, norfmt.NBSP, " "), w) {
						t.Errorf("section %s lacks %q; it reads:\n%s", id, w, text)
					}
				}
			}
		})
	}
}

// TestQuotesInTheirSections: each quote is in the section of its theme,
// in the order given, and nowhere else.
func TestQuotesInTheirSections(t *testing.T) {
	t.Parallel()
	doc := buildSample(t, data.SampleEvaluationDate, false)
	got := map[string][]string{}
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Quote != nil {
				got[s.ID] = append(got[s.ID], b.Quote.Text)
			}
		}
	}
	want := map[string][]string{}
	for _, q := range data.Sample().Quotes {
		want[q.Theme] = append(want[q.Theme], q.Text)
	}
	for theme, quotes := range want {
		if strings.Join(got[theme], "\n") != strings.Join(quotes, "\n") {
			t.Errorf("section %s quotes = %q, want %q", theme, got[theme], quotes)
		}
	}
	if len(got) != len(want) {
		t.Errorf("quotes in sections %v, want in %v", got, want)
	}
}

// TestSurveyChartPublic: in public outputs the survey counts under the
// small-number limit are neither drawn nor written.
func TestSurveyChartPublic(t *testing.T) {
	t.Parallel()
	doc := buildSample(t, data.SampleEvaluationDate, true)
	s := sectionByID(t, doc, "erfaringer")
	var chart *Chart
	for _, b := range s.Blocks {
		if b.Chart != nil && b.Chart.ID == "erfaringer-2020" {
			chart = b.Chart
		}
	}
	if chart == nil {
		t.Fatal("no survey chart")
	}
	// The fourth statement has one "Helt uenig" in 2020.
	if got := strings.Join(chart.Table.Rows[3], "|"); strings.Contains(got, "|1|") || !strings.Contains(got, "færre enn 3") {
		t.Errorf("public survey row %q shows a count under 3", got)
	}
	// "Helt uenig" for the fourth statement is 1: a gap, not a bar.
	helt := chart.Series[0]
	if helt.Defined == nil || helt.Defined[3] {
		t.Errorf("a hidden count is drawn: %+v", helt)
	}
	for _, sr := range chart.Series {
		for i, v := range sr.Values {
			if (sr.Defined == nil || sr.Defined[i]) && v.IntPart() > 0 && v.IntPart() < 3 {
				t.Errorf("series %s draws %s for %s", sr.Name, v, chart.Categories[i])
			}
		}
	}
}

func TestSectionsLeftOutWithoutData(t *testing.T) {
	t.Parallel()
	ds := data.Sample()
	ds.Survey, ds.Quotes, ds.Resources = nil, nil, nil
	doc, err := BuildDocument(compute.Compute(ds, data.SampleEvaluationDate), MustLoadEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range sectionIDs(doc) {
		if id == "erfaringer" || id == "ressurser" {
			t.Errorf("section %s without its data", id)
		}
	}
}

func TestXLSXSurveyAndResources(t *testing.T) {
	t.Parallel()
	res := compute.Compute(data.Sample(), data.SampleFollowUpDate)
	f, err := excelize.OpenReader(bytes.NewReader(renderXLSX(t, res)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, tt := range []struct{ sheet, cell, want string }{
		{SheetSurvey, "A1", "Runde"},
		{SheetSurvey, "A2", "2020"},
		{SheetSurvey, "B2", "Å eie boligen gjør hverdagen tryggere og mer stabil for barna"},
		{SheetSurvey, "C2", "16"},
		{SheetSurvey, "D2", "0"},
		{SheetSurvey, "I2", "8"},
		{SheetSurvey, "J2", "0.8125"},
		{SheetSurvey, "A7", "2024"},
		{SheetSurvey, "J7", "1"},
		{SheetSurvey, "K7", "0.1875"},
		{SheetResources, "A2", "2016"},
		{SheetResources, "C2", "640000"},
		{SheetResources, "B11", "6697.5"},
		{SheetResources, "C11", "5950000"},
		{SheetResources, "A14", "Boligbistand"},
	} {
		v, err := f.GetCellValue(tt.sheet, tt.cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if v != tt.want {
			t.Errorf("%s!%s = %q, want %q", tt.sheet, tt.cell, v, tt.want)
		}
	}
}

// TestSurveyChartOption: the ECharts option draws disagreeing answers to
// the left of zero, statements top to bottom, and keeps a statement's
// markup as text.
func TestSurveyChartOption(t *testing.T) {
	t.Parallel()
	res := &results.Results{Survey: []results.SurveyItem{
		{Round: 2024, Statement: `Barna har det <b>tryggere</b> & "bedre"`, Answered: results.C(10), Counts: []results.Count{
			results.C(1), results.C(2), results.C(3), results.C(0), results.C(4)}},
	}}
	ch := SurveyChart(res, surveyRounds(res)[0])
	js, err := echartsOption(ch)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(js, "<b>") || !strings.Contains(js, `\u003cb\u003etryggere`) {
		t.Errorf("statement not escaped in %s", js)
	}
	var opt struct {
		YAxis []struct {
			Type    string   `json:"type"`
			Data    []string `json:"data"`
			Inverse bool     `json:"inverse"`
		} `json:"yAxis"`
		Series []struct {
			Name  string `json:"name"`
			Stack string `json:"stack"`
			Data  []struct {
				Value float64 `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(js), &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.YAxis) != 1 || opt.YAxis[0].Type != "category" || !opt.YAxis[0].Inverse || opt.YAxis[0].Data[0] != res.Survey[0].Statement {
		t.Errorf("yAxis = %+v", opt.YAxis)
	}
	// Helt uenig 1 and Litt uenig 2 to the left; Litt enig 0 and Helt enig 4 to the right.
	want := map[string]float64{"Helt uenig": -1, "Litt uenig": -2, "Litt enig": 0, "Helt enig": 4}
	if len(opt.Series) != len(want) {
		t.Fatalf("series = %+v", opt.Series)
	}
	for _, s := range opt.Series {
		if s.Stack != "svar" || len(s.Data) != 1 || s.Data[0].Value != want[s.Name] {
			t.Errorf("series %s = %+v, want %v stacked", s.Name, s, want[s.Name])
		}
	}
}

// TestHTMLEscapesFamiliesWords: quotes, their "Hvem" and survey statements
// come from spreadsheets; in rapport.html they stay text in the prose, the
// tables, the quotes and the chart options.
func TestHTMLEscapesFamiliesWords(t *testing.T) {
	t.Parallel()
	const hostile = `</script><script>alert('x')</script> & "sitat" <b>fet</b>`
	ds := data.Sample()
	ds.Quotes = []data.Quote{
		{Theme: "erfaringer", Text: hostile, Who: `<i>mor</i> & "far"`},
		{Theme: "ressurser", Text: "Kostnad <> gevinst & 'lønnsomhet'", Who: "NAV"},
	}
	for i := range ds.Survey {
		if ds.Survey[i].Statement == ds.Survey[0].Statement {
			ds.Survey[i].Statement = hostile
		}
	}
	res := compute.Compute(ds, data.SampleFollowUpDate)
	h := &HTML{tpl: MustLoadEmbedded(), echarts: "/* ECharts */"}
	var buf bytes.Buffer
	if err := h.Render(&buf, res); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, raw := range []string{"<script>alert", "<b>fet</b>", "<i>mor</i>", "Kostnad <> gevinst"} {
		if strings.Contains(page, raw) {
			t.Errorf("rapport.html holds %q unescaped", raw)
		}
	}
	for _, escaped := range []string{
		"&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;sitat&#34; &lt;b&gt;fet&lt;/b&gt;", // the quote
		"&lt;i&gt;mor&lt;/i&gt; &amp; &#34;far&#34;",                                                                  // who said it
		"Kostnad &lt;&gt; gevinst &amp; &#39;lønnsomhet&#39;",                                                         // the other theme's quote
		`\u003c/script\u003e\u003cscript\u003ealert`,                                                                  // the statement in the chart option
	} {
		if !strings.Contains(page, escaped) {
			t.Errorf("rapport.html lacks %q", escaped)
		}
	}
	// The statement in the prose and in the tables is escaped too: every
	// "<b>" in the page is one of the page's own tags, not the statement's.
	if n := strings.Count(page, "&lt;b&gt;fet"); n < 3 {
		t.Errorf("the statement appears escaped %d times, want it in the quote, the prose and the tables", n)
	}
}
