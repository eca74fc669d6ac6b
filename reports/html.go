package reports

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strconv"

	"bobra/data"
	"bobra/pipeline/results"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// HTML writes rapport.html: the whole evaluation as one self-contained,
// accessible page. ECharts and the page's own script are inlined, and a
// Content-Security-Policy forbids every network request.
type HTML struct {
	tpl *Templates
	// echarts is the ECharts script inlined in the page; tests give a stub
	// so golden files do not hold a megabyte of library.
	echarts string
	// echartsErr is why echarts is missing (a build without `make assets`).
	echartsErr error
	// shared is the document built once with the other renderers of the
	// set (Renderers); nil for a renderer on its own.
	shared *shared
}

// NewHTML returns the HTML renderer with the given templates and the
// embedded ECharts script.
func NewHTML(tpl *Templates) *HTML {
	js, err := EChartsScript()
	return &HTML{tpl: tpl, echarts: js, echartsErr: err}
}

func (*HTML) Format() string   { return "html" }
func (*HTML) FileName() string { return "rapport.html" }

// Render builds the document from res and writes the page.
func (h *HTML) Render(w io.Writer, res *results.Results) error {
	if h.echartsErr != nil {
		return h.echartsErr
	}
	doc, err := h.shared.document(res, h.tpl)
	if err != nil {
		return err
	}
	return h.RenderDocument(w, doc)
}

// Share keeps the document of res for the other renderers of the set
// until release is called (pipeline.Sharer).
func (h *HTML) Share(res *results.Results) (release func()) { return h.shared.share(res, h.tpl) }

// page is what templates/rapport.html sees.
type page struct {
	Doc        *Document
	CSP        string
	Style      template.CSS
	ECharts    template.JS
	Script     template.JS
	KeyFigures []KeyFigure
	Sections   []htmlSection
}

type htmlSection struct {
	ID, Title string
	Blocks    []htmlBlock
}

type htmlBlock struct {
	Prose      template.HTML
	Table      *htmlTable
	Chart      *htmlChart
	Quote      *Quote
	KeyFigures bool
}

type htmlTable struct {
	ID      string // for the scroll region's label
	Caption string
	Header  []htmlCell
	Rows    [][]htmlCell
	Source  string
}

type htmlCell struct {
	Text string
	Num  bool
}

type htmlChart struct {
	*Chart
	Number int // "Figur 3"
	Option string
	Unit   string
	XUnit  string
	Table  *htmlTable
}

// RenderDocument writes the page for an already built document.
func (h *HTML) RenderDocument(w io.Writer, doc *Document) error {
	layout, err := template.New(layoutFile).Funcs(template.FuncMap{"dato": data.Date.Norwegian}).Parse(h.tpl.layout)
	if err != nil {
		return fmt.Errorf("malen %s: %v", layoutFile, err)
	}
	p := page{Doc: doc, Style: template.CSS(h.tpl.style), ECharts: template.JS(h.echarts),
		Script: template.JS(h.tpl.script), KeyFigures: doc.KeyFigures}
	p.CSP = contentSecurityPolicy(h.echarts, h.tpl.script)
	md := newMarkdown()
	figures, tables := 0, 0
	for _, s := range doc.Sections {
		hs := htmlSection{ID: s.ID, Title: s.Title}
		for _, b := range s.Blocks {
			var hb htmlBlock
			switch {
			case b.Markdown != "":
				var buf bytes.Buffer
				if err := md.Convert([]byte(b.Markdown), &buf); err != nil {
					return err
				}
				hb.Prose = template.HTML(buf.String()) // goldmark escapes; raw HTML stays off
			case b.Table != nil:
				tables++
				hb.Table = toHTMLTable(b.Table, "tabell-"+strconv.Itoa(tables))
			case b.Chart != nil:
				figures++
				opt, err := echartsOption(b.Chart)
				if err != nil {
					return err
				}
				hc := &htmlChart{Chart: b.Chart, Number: figures, Option: opt, Unit: unitNames[b.Chart.Unit]}
				if b.Chart.Kind == StepChart {
					hc.XUnit = "tall"
				}
				if b.Chart.Table != nil {
					hc.Table = toHTMLTable(b.Chart.Table, "data-"+b.Chart.ID)
				}
				hb.Chart = hc
			case b.Quote != nil:
				hb.Quote = b.Quote
			case b.KeyFigures:
				hb.KeyFigures = true
			default:
				continue
			}
			hs.Blocks = append(hs.Blocks, hb)
		}
		p.Sections = append(p.Sections, hs)
	}
	var buf bytes.Buffer
	if err := layout.Execute(&buf, p); err != nil {
		return fmt.Errorf("malen %s: %v", layoutFile, err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func toHTMLTable(t *Table, id string) *htmlTable {
	ht := &htmlTable{ID: id, Caption: t.Caption, Source: t.Source}
	num := func(i int) bool { return i < len(t.Numeric) && t.Numeric[i] }
	for i, h := range t.Header {
		ht.Header = append(ht.Header, htmlCell{Text: h, Num: num(i)})
	}
	for _, r := range t.Rows {
		row := make([]htmlCell, len(r))
		for i, c := range r {
			row[i] = htmlCell{Text: c, Num: num(i)}
		}
		ht.Rows = append(ht.Rows, row)
	}
	return ht
}

// contentSecurityPolicy allows exactly the page's two inline scripts (by
// hash) and inline styles, and nothing from anywhere else: no fetch, no
// image, font or frame from the network.
func contentSecurityPolicy(scripts ...string) string {
	csp := "default-src 'none'; script-src"
	for _, h := range scriptHashes(scripts...) {
		csp += " " + h
	}
	return csp + "; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; form-action 'none'; base-uri 'none'"
}

// newMarkdown is goldmark as CommonMark with raw HTML left out (its
// default), and the prose's headings moved one level down: "##" in a
// template is a sub-heading under the section's <h2>.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithParserOptions(
		parser.WithASTTransformers(util.Prioritized(headingShift{}, 100)),
	))
}

type headingShift struct{}

func (headingShift) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+1, 6)
		}
		return ast.WalkContinue, nil
	})
}
