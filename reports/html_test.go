package reports

import (
	"bobra/internal/norfmt"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bobra/data"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"
	"bobra/templates"

	"github.com/shopspring/decimal"
)

// echartsStub stands in for the megabyte of ECharts in golden files and in
// tests that do not run a browser.
const echartsStub = "/* ECharts */"

func htmlSample(t *testing.T) *results.Results {
	t.Helper()
	return compute.Compute(data.Sample(), data.NewDate(2021, 9, 30))
}

func renderHTML(t *testing.T, res *results.Results) []byte {
	t.Helper()
	h := &HTML{tpl: MustLoadEmbedded(), echarts: echartsStub}
	var buf bytes.Buffer
	if err := h.Render(&buf, res); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHTMLGolden(t *testing.T) {
	t.Parallel()
	res := htmlSample(t)
	got := renderHTML(t, res)
	if again := renderHTML(t, htmlSample(t)); !bytes.Equal(got, again) {
		t.Fatal("two renderings of the same results differ")
	}
	checkGolden(t, "rapport.html", got)
}

func TestHTMLRealEChartsAndSize(t *testing.T) {
	t.Parallel()
	js, err := EChartsScript()
	if err != nil {
		if os.Getenv("BOBRA_REQUIRE_ASSETS") != "" {
			t.Fatal(err)
		}
		t.Skip("ECharts er ikke hentet (make assets)")
	}
	if !strings.Contains(js, EChartsVersion) {
		t.Errorf("the embedded ECharts is not version %s", EChartsVersion)
	}
	var buf bytes.Buffer
	if err := NewHTML(MustLoadEmbedded()).Render(&buf, htmlSample(t)); err != nil {
		t.Fatal(err)
	}
	if n := buf.Len(); n >= 2<<20 {
		t.Errorf("rapport.html is %d bytes, want under 2 MB", n)
	}
	if !strings.Contains(buf.String(), js) {
		t.Error("ECharts is not inlined")
	}
}

func TestHTMLWithoutEChartsIsAClearError(t *testing.T) {
	t.Parallel()
	h := &HTML{tpl: MustLoadEmbedded(), echartsErr: errNoECharts}
	err := h.Render(&bytes.Buffer{}, htmlSample(t))
	if err == nil || !strings.Contains(err.Error(), "make assets") {
		t.Fatalf("got %v", err)
	}
}

// TestHTMLStructure checks what a screen reader and the CSP rely on.
func TestHTMLStructure(t *testing.T) {
	t.Parallel()
	res := htmlSample(t)
	page := string(renderHTML(t, res))
	for _, want := range []string{
		`<html lang="nb">`,
		`<a class="skip" href="#innhold">`,
		`<main id="innhold"`,
		`<th scope="col"`,
		`<th scope="row">`,
		`<meta name="viewport"`,
		`@media print`,
		`<details class="data">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	doc, err := BuildDocument(res, MustLoadEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range doc.Sections {
		if !strings.Contains(page, `<section id="`+s.ID+`"`) || !strings.Contains(page, `<a href="#`+s.ID+`">`) {
			t.Errorf("section %s has no anchor or no entry in the table of contents", s.ID)
		}
		for _, b := range s.Blocks {
			if c := b.Chart; c != nil {
				m := regexp.MustCompile(`id="diagram-` + c.ID + `" role="img" aria-label="([^"]*)"`).FindStringSubmatch(page)
				if m == nil || html.UnescapeString(m[1]) != c.Description {
					t.Errorf("chart %s lacks its container with the aria description", c.ID)
				}
			}
		}
	}
	// Headings go down one level at a time: h1, then h2 per section, h3 inside.
	levels := regexp.MustCompile(`<h([1-6])[ >]`).FindAllStringSubmatch(page, -1)
	prev := 0
	for _, l := range levels {
		n, _ := strconv.Atoi(l[1])
		if n > prev+1 {
			t.Errorf("heading h%d follows h%d", n, prev)
		}
		prev = n
	}
	// The CSP lets exactly the page's own inline scripts run.
	csp := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]+)"`).FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy")
	}
	policy := html.UnescapeString(csp[1])
	if !strings.HasPrefix(policy, "default-src 'none';") || !strings.Contains(policy, "connect-src 'none'") {
		t.Errorf("policy %q does not forbid network requests", policy)
	}
	scripts := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(page, -1)
	if len(scripts) != 2 {
		t.Fatalf("page has %d inline scripts, want 2", len(scripts))
	}
	for _, s := range scripts {
		sum := sha256.Sum256([]byte(s[1]))
		if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(policy, h) {
			t.Errorf("policy lacks the hash %s of an inline script", h)
		}
	}
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") {
		t.Error("the page names a web address")
	}
}

// TestKeyFiguresMatchJSON looks every key figure up in resultater.json.
func TestKeyFiguresMatchJSON(t *testing.T) {
	t.Parallel()
	for _, asOf := range []data.Date{data.NewDate(2021, 9, 30), data.NewDate(2024, 9, 30)} {
		res := compute.Compute(data.Sample(), asOf)
		tree := decodedJSON(t, res)
		doc, err := BuildDocument(res, MustLoadEmbedded())
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.KeyFigures) != len(keyFigureSpecs) {
			t.Errorf("%s: %d key figures, want %d", asOf, len(doc.KeyFigures), len(keyFigureSpecs))
		}
		page := string(renderHTML(t, res))
		for _, kf := range doc.KeyFigures {
			raw, ok := jsonAt(tree, kf.JSONPath)
			if !ok {
				t.Errorf("%s: %s: %s is not in resultater.json", asOf, kf.ID, kf.JSONPath)
				continue
			}
			want := formatJSONFigure(t, raw, kf.Unit)
			if kf.Value != want {
				t.Errorf("%s: key figure %s = %q, resultater.json %s gives %q", asOf, kf.ID, kf.Value, kf.JSONPath, want)
			}
			if !strings.Contains(page, `<span class="tall">`+kf.Value+`</span>`) {
				t.Errorf("%s: the page does not show key figure %s = %q", asOf, kf.ID, kf.Value)
			}
			if kf.Label == "" || kf.Sentence == "" {
				t.Errorf("%s: key figure %s has no label or sentence", asOf, kf.ID)
			}
		}
	}
}

// TestSampleFiguresInPage checks the 2021 evaluation's figures, written the
// Norwegian way, in the page.
func TestSampleFiguresInPage(t *testing.T) {
	t.Parallel()
	page := html.UnescapeString(string(renderHTML(t, htmlSample(t))))
	for _, want := range []string{
		"40 familier", "97 barn", "13 i del 1 og 27 i del 2", "10 av 13 familier stabilt (76,9 %)",
		"97 barn × 5,0 % = 4,85 personer", "kr 79 540 000", "79,5 mill. kr",
		"kr 3 350 000", "kr 4 100 000", "kr 750 000", "kr 15 150", "kr 18 410", "kr 3 260", "21,5 %",
		"30.09.2021", "30. september 2021", "+97 (+5,8 %)",
	} {
		want = strings.ReplaceAll(want, " ", norfmt.NBSP)
		if !strings.Contains(strings.ReplaceAll(page, " ", norfmt.NBSP), want) {
			t.Errorf("page lacks %q", strings.ReplaceAll(want, norfmt.NBSP, " "))
		}
	}
}

// TestSpreadsheetTextIsEscaped puts markup and script into every kind of
// text that comes from the workbooks.
func TestSpreadsheetTextIsEscaped(t *testing.T) {
	t.Parallel()
	evil := `</script><script>alert(1)</script>`
	res := htmlSample(t)
	res.Programme = `Barn <b>bor</b> *bra* [i](http://x) Bærum & co`
	res.Homes[0].FamilyID = evil
	res.Rent.Region = "Oslo\n# og <i>Bærum</i>"
	res.Quotes = append(res.Quotes, results.Quote{Theme: "leie", Text: evil, Who: `<img src=x onerror=alert(1)>`})
	if len(res.Context) > 0 {
		res.Context[0].Indicator = evil
	}
	res.Warnings = append(res.Warnings, results.Warning{Kind: "test", Sheet: "<Kjøp>", Message: evil})
	page := string(renderHTML(t, res))
	if strings.Count(page, "<script") != 2 || strings.Contains(page, evil) {
		t.Error("script from the data reached the page as markup")
	}
	for _, bad := range []string{"<b>bor</b>", "<i>Bærum</i>", "<img", `href="http://x"`, "<em>bra</em>", "<h3>og"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %s from the data", bad)
		}
	}
	text := html.UnescapeString(page)
	for _, want := range []string{`Barn <b>bor</b> *bra* [i](http://x) Bærum & co`, evil, `<img src=x onerror=alert(1)>`} {
		if !strings.Contains(text, want) {
			t.Errorf("the text %q is not shown as written", want)
		}
	}
	// Inside the chart options the FamilieID is JSON with < and > escaped.
	if !strings.Contains(page, `\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Error("FamilieID is not escaped inside the chart options")
	}
}

func TestEscapeMarkdown(t *testing.T) {
	t.Parallel()
	md := newMarkdown()
	for _, s := range []string{
		`Barn bor bra i Bærum`, `<script>alert(1)</script>`, `*fet* _kursiv_ **x**`, `[lenke](http://x)`, `# overskrift`,
		`- punkt`, `+ punkt`, `1. punkt`, `2) punkt`, "a`kode`b", `a & b &amp; c`, `a\b`, `![bilde](x.png)`, `| a | b |`,
		`{{ .Families }}`, `"sitat" 'sitat'`, `~~stryk~~`, `===`, `<!-- kommentar -->`,
	} {
		var buf bytes.Buffer
		if err := md.Convert([]byte(EscapeMarkdown(s)), &buf); err != nil {
			t.Fatal(err)
		}
		got := strings.TrimSpace(buf.String())
		if strings.ContainsAny(strings.TrimSuffix(strings.TrimPrefix(got, "<p>"), "</p>"), "<>") {
			t.Errorf("EscapeMarkdown(%q) renders markup: %s", s, got)
		}
		want := "<p>" + s + "</p>"
		if html.UnescapeString(got) != want {
			t.Errorf("EscapeMarkdown(%q) renders as %s, want %s", s, got, want)
		}
	}
}

// TestTemplateErrors checks the Norwegian messages that name file and line.
func TestTemplateErrors(t *testing.T) {
	t.Parallel()
	res := htmlSample(t)
	tests := []struct {
		name, file, text string
		atLoad           bool
		want             []string
	}{
		{"unknown field", "stabilitet.md", "Første linje.\n\nAndel: {{ .Stabilitet.Del1.Andel | prosent }}\n", true,
			[]string{"stabilitet.md, linje 3", "plassholderen", ".Stabilitet.Del1.Andel", "finnes ikke"}},
		{"misspelt field", "stabilitet.md", "Andel: {{ .stabilitet.alle.andle | prosent }}\n", true,
			[]string{"stabilitet.md, linje 1", "plassholderen {{ .stabilitet.alle.andle }} finnes ikke; mente du {{ .stabilitet.alle.andel }}?"}},
		{"misspelt Go field from before", "stabilitet.md", "Andel: {{ .Stability.ByPhase.P1.Rat | prosent }}\n", true,
			[]string{"stabilitet.md, linje 1", "plassholderen {{ .Stability.ByPhase.P1.Rat }} finnes ikke; mente du {{ figur \"stabilitet.del.1.andel\" }}?"}},
		{"Go field from before", "familier.md", "{{ .Families.Bought | heltall }}\n", true,
			[]string{"familier.md, linje 1", "plassholderen {{ .Families.Bought }} finnes ikke; mente du {{ .familier.kjøpt }}?"}},
		{"Go field from before in with", "stabilitet.md", "{{ with .stabilitet.alle }}{{ .Stable | heltall }}{{ end }}\n", true,
			[]string{"stabilitet.md, linje 1", "plassholderen {{ .Stable }} finnes ikke; mente du {{ .stabile }}?"}},
		{"unknown group", "stabilitet.md", "{{ with figur \"stabilitet.del.3\" }}{{ .andel }}{{ end }}\n", true,
			[]string{"stabilitet.md, linje 1", "figuren «stabilitet.del.3» finnes ikke; mente du «stabilitet.del.1»?"}},
		{"unknown function", "verdi.md", "Tekst\n{{ .verdi.verdistigning | penger }}\n", true,
			[]string{"verdi.md, linje 2", "funksjonen «penger» finnes ikke"}},
		{"unknown figure", "familier.md", "{{ figur \"familier.kjopt\" | heltall }}\n", true,
			[]string{"familier.md, linje 1", "figuren «familier.kjopt» finnes ikke; mente du «familier.kjøpt»?"}},
		{"wrong formatter", "leie.md", "{{ .leie.boliger | kroner }}\n", true,
			[]string{"leie.md, linje 1", "passer ikke for et antall"}},
		{"unknown block", "samfunn.md", "a\nb\n{{ vis \"kake\" }}\n", false,
			[]string{"samfunn.md, linje 3", "«kake» finnes ikke", "scenarioer"}},
		{"unknown scenario", "samfunn.md", "{{ with scenario \"middels\" }}{{ .gevinst }}{{ end }}\n", false,
			[]string{"samfunn.md, linje 1", "«middels» finnes ikke", "basis"}},
		{"syntax", "arbeid.md", "\n\n{{ if }}\n", true, []string{"arbeid.md, linje 3", "ugyldig plassholder"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyTemplates(t)
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			tpl, err := LoadTemplates(dir)
			if err == nil && !tt.atLoad {
				_, err = BuildDocument(res, tpl)
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if !strings.Contains(err.Error(), dir) {
				t.Errorf("error %q does not name the folder", err)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		dir := copyTemplates(t)
		os.Remove(filepath.Join(dir, "leie.md"))
		_, err := LoadTemplates(dir)
		if err == nil || !strings.Contains(err.Error(), "mangler filen leie.md") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("changed text is used", func(t *testing.T) {
		dir := copyTemplates(t)
		os.WriteFile(filepath.Join(dir, "bakgrunn.md"), []byte("Egen tekst om {{ .program }} med {{ figur \"barn.i_alt\" | heltall }} barn og {{ .barn.i_alt | heltall }} i alt.\n"), 0o644)
		tpl, err := LoadTemplates(dir)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := BuildDocument(res, tpl)
		if err != nil {
			t.Fatal(err)
		}
		if got := doc.Sections[1].Blocks[0].Markdown; got != "Egen tekst om Barn bor bra i Bærum med 97 barn og 97 i alt." {
			t.Errorf("got %q", got)
		}
	})
}

func copyTemplates(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "maler")
	if err := CopyTemplates(dir); err != nil {
		t.Fatal(err)
	}
	if err := CopyTemplates(dir); err == nil || !strings.Contains(err.Error(), "finnes fra før") {
		t.Fatalf("copying over existing templates: %v", err)
	}
	return dir
}

// TestProseHasNoNumbers: figures reach the prose only through placeholders.
// The parts' names ("del 1", "del 2") are names, not figures.
func TestProseHasNoNumbers(t *testing.T) {
	t.Parallel()
	placeholder := regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	// Inside a code span a backslash is literal, so an escaped value
	// would show its escapes: placeholders stay outside backticks.
	inCode := func(line string) bool {
		for i, part := range strings.Split(line, "`") {
			if i%2 == 1 && strings.Contains(part, "{{") {
				return true
			}
		}
		return false
	}
	partName := regexp.MustCompile(`(?i)\bdel [12]\b`)
	entries, _ := templates.FS.ReadDir(".")
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		b, _ := templates.FS.ReadFile(e.Name())
		for i, line := range strings.Split(string(b), "\n") {
			if inCode(line) {
				t.Errorf("%s, line %d has a placeholder inside `code`: %s", e.Name(), i+1, line)
			}
			text := partName.ReplaceAllString(placeholder.ReplaceAllString(line, ""), "")
			if strings.ContainsAny(text, "0123456789") {
				t.Errorf("%s, line %d has a number outside a placeholder: %s", e.Name(), i+1, line)
			}
		}
	}
}

// TestAllTemplatesEmbedded: LoadTemplates("") reads everything it needs.
func TestAllTemplatesEmbedded(t *testing.T) {
	t.Parallel()
	if _, err := LoadTemplates(""); err != nil {
		t.Fatal(err)
	}
	// A folder that is missing is one clear sentence.
	if _, err := LoadTemplates(filepath.Join(t.TempDir(), "finnes-ikke")); err == nil || !strings.Contains(err.Error(), "finner ikke malmappen") {
		t.Errorf("got %v", err)
	}
}

func TestUndefinedAndHiddenFigures(t *testing.T) {
	t.Parallel()
	res := htmlSample(t)
	res.Stability.ByPhase.P1.Rate = nil
	res.Stability.ByPhase.P1.Stable = results.Count{N: 2, Hidden: true, Small: true}
	res.Stability.ByPhase.P1.Left = results.Count{N: 1, Hidden: true, Small: true}
	res.Run = &results.RunInfo{SmallCount: 3}
	doc, err := BuildDocument(res, MustLoadEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, kf := range doc.KeyFigures {
		if kf.ID == "stabilitet" && kf.Value != Undefined {
			t.Errorf("an undefined share shows as %q", kf.Value)
		}
	}
	var prose string
	for _, s := range doc.Sections {
		if s.ID == "stabilitet" {
			prose = s.Blocks[0].Markdown
			for _, b := range s.Blocks {
				if ch := b.Chart; ch != nil && ch.ID == "stabilitet-del" && (ch.Series[0].Defined == nil || ch.Series[0].Defined[0]) {
					t.Error("the undefined rate is drawn in the chart")
				}
			}
		}
	}
	if !strings.Contains(prose, "I del 1 bor færre enn 3 av skjult familier stabilt (–)") {
		t.Errorf("prose: %q", prose)
	}
}

// TestManyHomesGiveADistribution: past MaxHomeBars homes the value chart is
// a histogram, and past MaxHomeRows the homes tables leave the report.
func TestManyHomesGiveADistribution(t *testing.T) {
	t.Parallel()
	res := htmlSample(t)
	for len(res.Homes) <= MaxHomeRows {
		h := res.Homes[len(res.Homes)%40]
		h.FamilyID = "X" + strconv.Itoa(len(res.Homes))
		res.Homes = append(res.Homes, h)
	}
	ch := ValueChart(res)
	if ch.YName != "Antall boliger" || len(ch.Categories) != len(res.Appreciation.GainPctHistogram) {
		t.Fatalf("chart with %d homes: %+v", len(res.Homes), ch)
	}
	page := string(renderHTML(t, res))
	if strings.Contains(page, "X100") {
		t.Error("homes are listed although there are more than MaxHomeRows")
	}
}

// TestJSFormatMirrorsGo runs the page's formatters in Node, when it is
// installed, against the Go ones (the browser test does the same in
// Chromium).
func TestJSFormatMirrorsGo(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	js, _ := templates.FS.ReadFile(scriptFile)
	values := []string{"0", "-1", "0.5", "-2.5", "999.995", "1685", "-19010", "3350000", "79540000", "79550000",
		"-1250000", "999999", "1949999", "1234567890", "0.2152", "0.2155", "0.7692", "0.00005", "-0.1234", "0.125", "0.9999", "1.3908"}
	list, _ := json.Marshal(values)
	prog := string(js) + `
const f = globalThis.bobraFormat, out = {};
for (const s of ` + string(list) + `) { const v = Number(s);
  out[s] = [f.number(v, 2), f.numberTrim(v, 2), f.kroner(v), f.kronerShort(v), f.percent(v), f.percentPlaces(v, 0)]; }
process.stdout.write(JSON.stringify(out));`
	outb, err := exec.Command(node, "-e", prog).Output()
	if err != nil {
		t.Fatal(err)
	}
	var got map[string][6]string
	if err := json.Unmarshal(outb, &got); err != nil {
		t.Fatal(err)
	}
	for _, v := range values {
		d := decimal.RequireFromString(v)
		want := [6]string{norfmt.Number(d, 2), norfmt.NumberTrim(d, 2), norfmt.Kroner(d), norfmt.KronerShort(d), norfmt.Percent(d), norfmt.PercentPlaces(d, 0)}
		if got[v] != want {
			t.Errorf("%s: JavaScript %q, Go %q", v, got[v], want)
		}
	}
}
