package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"bobra/data"
	"bobra/pipeline/compute"
	"bobra/pipeline/disclose"
	"bobra/pipeline/results"
	"bobra/templates"
)

// sectionSpec is one chapter of the report: its anchor, heading, prose
// template and the charts and tables that go with it. Adding a section is
// one Markdown file in templates/ and one entry in sectionSpecs.
type sectionSpec struct {
	ID    string // stable anchor, e.g. "stabilitet"
	Title string
	File  string // Markdown template in templates/
	// Theme is the Sitater theme whose quotes appear in this section.
	Theme string
	// Blocks returns the section's charts and tables by id, in the order
	// they appear when the prose does not place them with {{ vis "id" }}.
	Blocks func(res *results.Results) []namedBlock
	// Include says whether the section is in this report; nil means always.
	Include func(res *results.Results) bool
}

// namedBlock is a chart or table that the prose can place by its id.
type namedBlock struct {
	ID    string
	Block Block
}

// sectionSpecs lists the report's sections in order.
var sectionSpecs = []sectionSpec{
	{ID: "sammendrag", Title: "Sammendrag", File: "sammendrag.md", Blocks: summaryBlocks},
	{ID: "bakgrunn", Title: "Bakgrunn og målgruppe", File: "bakgrunn.md"},
	{ID: "familier", Title: "Familier og barn", File: "familier.md", Theme: "familier", Blocks: familyBlocks},
	{ID: "stabilitet", Title: "Boligstabilitet", File: "stabilitet.md", Theme: "stabilitet", Blocks: stabilityBlocks},
	{ID: "erfaringer", Title: "Familienes erfaringer", File: "erfaringer.md", Theme: "erfaringer", Blocks: surveyBlocks, Include: includeExperiences},
	{ID: "verdi", Title: "Verdiutvikling", File: "verdi.md", Theme: "verdi", Blocks: valueBlocks},
	{ID: "leie", Title: "Leie eller eie", File: "leie.md", Theme: "leie", Blocks: rentBlocks},
	{ID: "arbeid", Title: "Arbeid og selvhjulpenhet", File: "arbeid.md", Theme: "arbeid", Blocks: workBlocks},
	{ID: "samfunn", Title: "Samfunnsøkonomisk gevinst", File: "samfunn.md", Theme: "samfunn", Blocks: societalBlocks},
	{ID: "ressurser", Title: "Ressursbruk og lønnsomhet", File: "ressurser.md", Theme: "ressurser", Blocks: resourceBlocks, Include: includeResources},
	{ID: "utvikling", Title: "Utviklingstrekk", File: "utvikling.md", Blocks: contextBlocks},
	{ID: "endring", Title: "Endring siden forrige evaluering", File: "endring.md", Blocks: comparisonBlocks, Include: includeComparison},
	{ID: "metode", Title: "Metode og forutsetninger", File: "metode.md", Blocks: methodBlocks},
	{ID: "datakvalitet", Title: "Datakvalitet", File: "datakvalitet.md", Blocks: warningBlocks},
	{ID: "kjoring", Title: "Om kjøringen", File: "kjoring.md", Blocks: runBlocks},
}

// keyFiguresFile holds the labels and sentences of the key figures.
const keyFiguresFile = "nokkeltall.md"

// Files of the HTML layout, read with the prose.
const (
	layoutFile = "rapport.html"
	styleFile  = "stil.css"
	scriptFile = "diagram.js"
)

// Templates are the report's text: the parsed section templates and the
// HTML layout. They are read once (LoadTemplates) and may be used by
// several renderers at the same time.
type Templates struct {
	// Dir is the folder they were read from; "" for the embedded ones.
	Dir      string
	sections map[string]*template.Template // by file name
	key      *template.Template
	layout   string
	style    string
	script   string
}

// LoadTemplates reads the report templates from dir (a copy of templates/,
// given with --maler), or the embedded ones when dir is "". Every file must
// be there and every placeholder must name a known function; an error
// names the file and line in Norwegian.
func LoadTemplates(dir string) (*Templates, error) {
	var fsys fs.FS = templates.FS
	if dir != "" {
		info, err := os.Stat(dir)
		if err != nil || !info.IsDir() {
			return nil, fmt.Errorf("finner ikke malmappen %s", dir)
		}
		fsys = os.DirFS(dir)
	}
	t := &Templates{Dir: dir, sections: map[string]*template.Template{}}
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return "", fmt.Errorf("malmappen %s mangler filen %s (kopier den fra templates/ i bobra)", t.where(), name)
		}
		return string(b), nil
	}
	files := []string{keyFiguresFile}
	for _, s := range sectionSpecs {
		files = append(files, s.File)
	}
	for _, name := range files {
		src, err := read(name)
		if err != nil {
			return nil, err
		}
		tpl, err := parseProse(name, src)
		if err != nil {
			return nil, t.norwegian(err)
		}
		if name == keyFiguresFile {
			t.key = tpl
		} else {
			t.sections[name] = tpl
		}
	}
	var err error
	if t.layout, err = read(layoutFile); err != nil {
		return nil, err
	}
	if t.style, err = read(styleFile); err != nil {
		return nil, err
	}
	if t.script, err = read(scriptFile); err != nil {
		return nil, err
	}
	if dir != "" {
		// A placeholder that does not exist is refused now, when the folder
		// is loaded, not after the data have been read: the texts are run
		// once on the sample's follow-up, internal and public, which
		// between them take nearly every branch.
		for _, res := range checkResults() {
			if _, err := BuildDocument(res, t); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// checkResults are the result sets a --maler folder is tried on when it is
// loaded.
func checkResults() []*results.Results {
	res := compute.Compute(data.Sample(), data.SampleFollowUpDate)
	res.Comparison = disclose.Compare(compute.Compute(data.Sample(), data.SampleEvaluationDate), res)
	return []*results.Results{res, disclose.Suppress(res, disclose.DefaultSmallCount)}
}

func (t *Templates) where() string {
	if t.Dir == "" {
		return "(innebygd)"
	}
	return t.Dir
}

func parseProse(name, src string) (*template.Template, error) {
	tpl, err := template.New(name).Option("missingkey=error").Funcs(proseFuncs(&execContext{})).Parse(src)
	if err != nil {
		return nil, err
	}
	for _, tt := range tpl.Templates() {
		if tt.Tree != nil {
			escapeActions(tt.Tree, tt.Tree.Root)
		}
	}
	return tpl, nil
}

// escapeActions makes every placeholder that writes into the prose go
// through esc, so a value from a spreadsheet (an indicator's name, a
// source) can never become Markdown or HTML, whatever the template says.
func escapeActions(tree *parse.Tree, node parse.Node) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			escapeActions(tree, c)
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) > 0 {
			return // {{ $x := ... }} writes nothing
		}
		id := parse.NewIdentifier("esc").SetTree(tree).SetPos(n.Pos)
		n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{id}})
	case *parse.IfNode:
		escapeActions(tree, n.List)
		escapeActions(tree, n.ElseList)
	case *parse.RangeNode:
		escapeActions(tree, n.List)
		escapeActions(tree, n.ElseList)
	case *parse.WithNode:
		escapeActions(tree, n.List)
		escapeActions(tree, n.ElseList)
	}
}

// templateData is what the placeholders see: the results by their
// Norwegian names (see textData), and the results themselves for the
// functions, with their catalogue of figures. The catalogue is made once
// per document: every section's {{ figur }} and the key figures look
// names up in it, and making it is a few milliseconds and megabytes.
type templateData struct {
	res  *results.Results
	tree map[string]any
	cat  *results.Catalogue
}

// BuildDocument fills the templates with the results: every section's
// prose, charts and tables, and the key figures. HTML, PDF and slides all
// draw this one Document, so they cannot disagree. It does not modify res.
func BuildDocument(res *results.Results, tpl *Templates) (*Document, error) {
	if tpl == nil {
		return nil, errors.New("BuildDocument: templates are nil")
	}
	doc := &Document{
		Title:        res.Programme,
		Subtitle:     "Evaluering",
		Municipality: res.Municipality,
		AsOf:         res.AsOf,
		Public:       res.Public,
		Run:          res.Run,
	}
	if res.Public {
		doc.Classification = fmt.Sprintf("Offentlig rapport: antall under %d er skjult, og rapporten har ingen rader om enkeltfamilier.", smallCount(res))
	} else {
		doc.Classification = "Intern rapport: inneholder tall for enkeltfamilier (FamilieID). Skal ikke deles utenfor prosjektet."
	}
	data := templateData{res: res, tree: textData(res), cat: results.CatalogueOf(res)}

	kf, err := buildKeyFigures(res, tpl, data)
	if err != nil {
		return nil, err
	}
	doc.KeyFigures = kf

	for _, spec := range sectionSpecs {
		if spec.Include != nil && !spec.Include(res) {
			continue
		}
		var blocks []namedBlock
		if spec.Blocks != nil {
			blocks = spec.Blocks(res)
		}
		if spec.Theme != "" {
			blocks = append(blocks, quoteBlocks(res, spec.Theme)...)
		}
		section, err := buildSection(spec, tpl, data, blocks)
		if err != nil {
			return nil, err
		}
		doc.Sections = append(doc.Sections, section)
	}
	return doc, nil
}

// withheldCount is how a hidden count reads, and false for a count that
// is shown. Only a count that is itself small reads "færre enn N"; one
// hidden so that another cannot be worked out may be large: "skjult".
// The prose, the slides and the workbook all take it from here.
func withheldCount(hidden, small bool, res *results.Results) (string, bool) {
	switch {
	case !hidden:
		return "", false
	case small:
		return "færre enn " + strconv.Itoa(smallCount(res)), true
	}
	return Withheld, true
}

// smallCount is the small-number threshold (Prikkegrense) the report
// speaks of: the run's, else the one in the assumptions, else the default.
// The prose, the slides and the workbook all take it from here.
func smallCount(res *results.Results) int {
	if res.Run != nil && res.Run.SmallCount > 0 {
		return res.Run.SmallCount
	}
	for _, a := range res.Assumptions {
		if a.Name == data.ParamSmallCount {
			if n, err := strconv.Atoi(strings.TrimSpace(a.Value)); err == nil && n > 0 {
				return n
			}
		}
	}
	return disclose.DefaultSmallCount
}

// blockMarker is written into the prose where {{ vis "id" }} places a
// chart or table; the prose is split there after the template has run.
type blockMarker string

const markerStart, markerEnd = "\x00vis:", "\x00"

var markerRe = regexp.MustCompile("\x00vis:([^\x00]*)\x00")

func buildSection(spec sectionSpec, tpl *Templates, data templateData, blocks []namedBlock) (Section, error) {
	tmpl, ok := tpl.sections[spec.File]
	if !ok {
		return Section{}, fmt.Errorf("malen %s er ikke lest", spec.File)
	}
	ctx := &execContext{res: data.res, tree: data.tree, cat: data.cat, blocks: blocks}
	text, err := execute(tmpl, tmpl.Name(), ctx, data)
	if err != nil {
		return Section{}, tpl.norwegian(err)
	}
	byID := map[string]Block{}
	for _, b := range blocks {
		byID[b.ID] = b.Block
	}
	placed := map[string]bool{}
	sec := Section{ID: spec.ID, Title: spec.Title}
	addProse := func(md string) {
		if md = strings.TrimSpace(md); md != "" {
			sec.Blocks = append(sec.Blocks, Block{Markdown: md})
		}
	}
	last := 0
	for _, m := range markerRe.FindAllStringSubmatchIndex(text, -1) {
		addProse(text[last:m[0]])
		id := text[m[2]:m[3]]
		if b := byID[id]; !b.empty() {
			sec.Blocks = append(sec.Blocks, b)
		}
		placed[id] = true
		last = m[1]
	}
	addProse(text[last:])
	for _, b := range blocks {
		if !placed[b.ID] && !b.Block.empty() {
			sec.Blocks = append(sec.Blocks, b.Block)
		}
	}
	return sec, nil
}

func (b Block) empty() bool {
	return b.Markdown == "" && b.Table == nil && b.Chart == nil && b.Quote == nil && !b.KeyFigures
}

func execute(tmpl *template.Template, name string, ctx *execContext, data templateData) (string, error) {
	t, err := tmpl.Clone()
	if err != nil {
		return "", err
	}
	t.Funcs(proseFuncs(ctx))
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data.tree); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// keyFigureSpec says where a key figure comes from; its label and sentence
// are the templates "<id>.etikett" and "<id>.setning" in nokkeltall.md.
type keyFigureSpec struct {
	ID     string
	Source string
	// Figure returns the figure's id in the catalogue of figures (its path
	// in resultater.json), or "" when it is not in this evaluation.
	Figure func(res *results.Results) string
}

func fixedFigure(id string) func(*results.Results) string {
	return func(*results.Results) string { return id }
}

var keyFigureSpecs = []keyFigureSpec{
	{ID: "familier", Source: "Regnearkene Familier og Kjøp", Figure: fixedFigure("families.bought")},
	{ID: "barn", Source: "Regnearket Barn", Figure: fixedFigure("children.total")},
	{ID: "stabilitet", Source: "Regnearket Familier (Status og Statusdato)", Figure: fixedFigure("stability.by_phase.1.rate")},
	{ID: "verdi", Source: "Regnearkene Kjøp og Verdivurderinger, SSBs prisindeks for brukte boliger", Figure: fixedFigure("appreciation.gain_total")},
	{ID: "leie", Source: "SSBs leiemarkedsundersøkelse (arket SSB-leie) og Kjøp", Figure: fixedFigure("rent.rent_not_paid_total")},
	{ID: "samfunn", Source: "Forutsetninger: kostnad per ungdom i utenforskap og andel (basis)", Figure: func(r *results.Results) string {
		for i, s := range r.Societal.Scenarios {
			if s.Name == "basis" {
				return fmt.Sprintf("societal.scenarios[%d].savings", i)
			}
		}
		return ""
	}},
}

func buildKeyFigures(res *results.Results, tpl *Templates, data templateData) ([]KeyFigure, error) {
	ctx := &execContext{res: res, tree: data.tree, cat: data.cat, plain: true}
	cat := data.cat
	var out []KeyFigure
	for _, spec := range keyFigureSpecs {
		f := cat.Figure(spec.Figure(res))
		if f == nil {
			continue
		}
		v := f.Raw()
		kf := KeyFigure{ID: spec.ID, Source: spec.Source, JSONPath: f.ID}
		var err error
		switch x := v.(type) {
		case results.Count:
			kf.Unit = UnitCount
			kf.Value, err = ctx.integer(x)
		case results.Money:
			kf.Unit = UnitKroner
			kf.Value, err = ctx.kronerShort(x)
		case *results.Share:
			kf.Unit = UnitShare
			kf.Value, err = ctx.percent(x)
		}
		if err != nil {
			return nil, err
		}
		label, err := execute(tpl.key, spec.ID+".etikett", ctx, data)
		if err != nil {
			return nil, tpl.norwegian(err)
		}
		sentence, err := execute(tpl.key, spec.ID+".setning", ctx, data)
		if err != nil {
			return nil, tpl.norwegian(err)
		}
		kf.Label = strings.TrimSpace(label)
		kf.Sentence = strings.TrimSpace(sentence)
		out = append(out, kf)
	}
	return out, nil
}

// Template errors come from text/template in English with the file and
// line; they are turned into one Norwegian sentence naming both.
var (
	execErrRe  = regexp.MustCompile(`^template: ([^:]+):(\d+):(\d+): executing "[^"]*" at <(.*?)>: (.*)$`)
	parseErrRe = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:\d+:)? ?(.*)$`)
	noFuncRe   = regexp.MustCompile(`function "([^"]+)" not defined`)
	noDefRe    = regexp.MustCompile(`^template: no template "([^"]+)" associated with template "([^"]+)"$`)
)

// TemplateError is a mistake in the report texts (a placeholder that does
// not exist, a syntax error): the user's --maler folder is wrong, not the
// data, so the run reports it as wrong use.
type TemplateError struct{ Msg string }

func (e *TemplateError) Error() string { return e.Msg }

// InputMistake marks the error as the user's to fix (see pipeline.Run).
func (e *TemplateError) InputMistake() {}

func (t *Templates) norwegian(err error) error {
	return &TemplateError{Msg: t.norwegianText(err)}
}

func (t *Templates) norwegianText(err error) string {
	msg := err.Error()
	file := func(name string) string {
		if t.Dir == "" {
			return "malen " + name + " (innebygd)"
		}
		return "malen " + filepath.Join(t.Dir, name)
	}
	if m := execErrRe.FindStringSubmatch(msg); m != nil {
		what := m[5]
		switch {
		case strings.Contains(what, "can't evaluate field"), strings.Contains(what, "map has no entry"), strings.Contains(what, "nil pointer evaluating"):
			what = "plassholderen {{ " + m[4] + " }} finnes ikke"
			if guess := suggestName(m[4]); guess != "" {
				what += "; mente du {{ " + guess + " }}?"
			}
		case strings.Contains(what, "error calling "):
			what = "plassholderen {{ " + m[4] + " }}: " + what[strings.Index(what, ": ")+2:]
		default:
			what = "plassholderen {{ " + m[4] + " }} kan ikke brukes (" + what + ")"
		}
		return fmt.Sprintf("%s, linje %s: %s", file(m[1]), m[2], what)
	}
	if m := noDefRe.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s mangler {{ define %q }}", file(keyFiguresFile), m[1])
	}
	if m := parseErrRe.FindStringSubmatch(msg); m != nil {
		what := m[3]
		if f := noFuncRe.FindStringSubmatch(what); f != nil {
			what = "funksjonen «" + f[1] + "» finnes ikke (se README for formaterne som finnes)"
		} else {
			what = "ugyldig plassholder (" + what + ")"
		}
		return fmt.Sprintf("%s, linje %s: %s", file(m[1]), m[2], what)
	}
	return fmt.Sprintf("feil i malene: %s", msg)
}
