package reports

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"bobra/pipeline/results"

	"github.com/go-pdf/fpdf"
)

// PDF writes rapport.pdf: the evaluation report for print and the archive,
// A4, with the same sections, prose, tables and charts as the HTML report
// (both draw the Document that BuildDocument makes from the results).
type PDF struct {
	tpl    *Templates
	shared *shared // the document built once with the set's other renderers
}

// NewPDF returns the PDF report renderer using the report templates.
func NewPDF(tpl *Templates) PDF { return PDF{tpl: tpl} }

func (PDF) Format() string   { return "pdf" }
func (PDF) FileName() string { return "rapport.pdf" }

// Render builds the report's Document from res and writes it as a PDF.
func (p PDF) Render(w io.Writer, res *results.Results) error {
	doc, err := p.shared.document(res, p.tpl)
	if err != nil {
		return err
	}
	return writeReportPDF(w, doc)
}

// Share keeps the document of res for the other renderers of the set
// until release is called (pipeline.Sharer).
func (p PDF) Share(res *results.Results) (release func()) { return p.shared.share(res, p.tpl) }

// A4 portrait page geometry of rapport.pdf, mm.
const (
	a4W, a4H     = 210.0, 297.0
	reportMargin = 22.0
	reportBottom = 24.0 // page-break line; the footer sits below it
	bodyPt       = 10.0
	tablePt      = 8.5
	chartPt      = 7.5
)

// TOC layout: a fixed number of entries per page, so the number of pages
// the table of contents takes is known before any section is laid out.
const (
	tocFirstPage = 24
	tocNextPage  = 28
	tocRowH      = 8.0
)

// keyFiguresID is the anchor of the key-figures page when the document has
// no "sammendrag" section to carry the key figures.
const keyFiguresID = "nokkeltall"

// writeReportPDF lays out doc as the A4 report and writes it to w.
//
// The table of contents needs the page of every section, which is only
// known after layout, and fpdf cannot insert pages before others. So the
// report is laid out twice: the first pass reserves a fixed number of pages
// for the contents and records where each section starts; the second pass
// writes the contents with those page numbers. Both passes are the same
// computation on the same input, so the numbers cannot move; a check makes
// sure. The total for "Side X av Y" comes from the first pass too (fpdf's
// AliasNbPages placeholder would be measured as "{nb}" and misalign
// right-aligned text).
func writeReportPDF(w io.Writer, doc *Document) error {
	first, err := layoutReport(doc, nil)
	if err != nil {
		return err
	}
	second, err := layoutReport(doc, &first.plan)
	if err != nil {
		return err
	}
	if !first.plan.equal(second.plan) {
		return fmt.Errorf("pdf: sidetallene endret seg mellom første og andre gjennomgang (%v mot %v)", first.plan, second.plan)
	}
	pdf, err := second.f.output()
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err = w.Write(pdf)
	return err
}

// reportPlan is where things landed in a layout pass.
type reportPlan struct {
	KeyFigures int   // page of the separate key-figures page, 0 if none
	Sections   []int // first page of each section
	Total      int
}

func (p reportPlan) equal(q reportPlan) bool {
	return p.KeyFigures == q.KeyFigures && p.Total == q.Total && slices.Equal(p.Sections, q.Sections)
}

// reportLayout is one layout pass.
type reportLayout struct {
	doc     *Document
	f       *pdfDoc
	known   *reportPlan // from the first pass; nil during it
	plan    reportPlan
	anchors map[string]int // section id → fpdf link
	width   float64        // text width
}

type tocEntry struct {
	ID, Title string
	page      func(p *reportPlan) int
}

func layoutReport(doc *Document, known *reportPlan) (*reportLayout, error) {
	f := newPDFDoc(fpdf.SizeType{Wd: a4W, Ht: a4H}, pdfMeta{
		Title:    strings.TrimSpace(doc.Title + " – " + doc.Subtitle),
		Subject:  reportSubject(doc),
		Author:   doc.Municipality,
		Keywords: reportKeywords(doc),
		AsOf:     doc.AsOf,
	})
	f.SetMargins(reportMargin, reportMargin, reportMargin)
	f.SetAutoPageBreak(true, reportBottom)
	l := &reportLayout{doc: doc, f: f, known: known, anchors: map[string]int{}, width: a4W - 2*reportMargin}
	f.tag.SetFooter(l.footer)

	entries := l.tocEntries()
	for _, e := range entries {
		l.anchors[e.ID] = f.AddLink()
	}

	l.cover()
	l.contents(entries)
	if !l.hasSummary() {
		l.keyFiguresPage()
	}
	for i := range doc.Sections {
		l.section(i)
	}
	l.plan.Total = f.PageNo()
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return l, nil
}

func reportSubject(doc *Document) string {
	s := "Evaluering av " + doc.Title
	if doc.Municipality != "" {
		s += ", " + doc.Municipality
	}
	if !doc.AsOf.IsZero() {
		s += ", per " + doc.AsOf.Norwegian()
	}
	return s
}

func reportKeywords(doc *Document) string {
	words := []string{doc.Title, "evaluering", "startlån", "eid bolig", "barnefamilier", "boligsosialt arbeid"}
	if doc.Municipality != "" {
		words = append(words, doc.Municipality)
	}
	return strings.Join(words, ", ")
}

// hasSummary reports whether a section places the key figures (Sammendrag
// does); otherwise they get a page of their own.
func (l *reportLayout) hasSummary() bool {
	for _, s := range l.doc.Sections {
		for _, b := range s.Blocks {
			if b.KeyFigures {
				return true
			}
		}
	}
	return false
}

func (l *reportLayout) tocEntries() []tocEntry {
	var entries []tocEntry
	if !l.hasSummary() {
		entries = append(entries, tocEntry{ID: keyFiguresID, Title: "Nøkkeltall", page: func(p *reportPlan) int { return p.KeyFigures }})
	}
	for i, s := range l.doc.Sections {
		entries = append(entries, tocEntry{ID: s.ID, Title: s.Title, page: func(p *reportPlan) int { return p.Sections[i] }})
	}
	return entries
}

// tocPages is how many pages n entries take.
func tocPages(n int) int {
	if n <= tocFirstPage {
		return 1
	}
	return 1 + (n-tocFirstPage+tocNextPage-1)/tocNextPage
}

func (l *reportLayout) footer() {
	f := l.f
	page := f.PageNo()
	if page == 1 {
		return
	}
	total := 0
	if l.known != nil {
		total = l.known.Total
	}
	y := a4H - 16
	setDraw(f, colRule)
	f.SetLineWidth(0.2)
	f.Line(reportMargin, y, a4W-reportMargin, y)
	setFont(f, "", 8)
	setText(f, colMuted)
	third := l.width / 3
	f.SetXY(reportMargin, y+1.5)
	f.CellFormat(third*1.4, 4, fitText(f, strings.TrimSpace(l.doc.Title+" – "+l.doc.Subtitle), third*1.4), "", 0, "L", false, 0, "")
	f.SetXY(reportMargin+third*1.4, y+1.5)
	f.CellFormat(third*0.8, 4, l.doc.AsOf.Norwegian(), "", 0, "C", false, 0, "")
	f.SetXY(reportMargin+third*2.2, y+1.5)
	f.CellFormat(third*0.8, 4, "Side "+strconv.Itoa(page)+" av "+strconv.Itoa(total), "", 0, "R", false, 0, "")
}

func (l *reportLayout) cover() {
	f := l.f
	t := f.tag
	f.AddPage()
	t.Artifact(func() {
		setFill(f, colAccent)
		f.Rect(0, 0, a4W, 14, "F")
		f.Rect(0, a4H-10, a4W, 10, "F")
	})

	y := 78.0
	setFont(f, "B", 30)
	setText(f, colAccent)
	t.Leaf("P", func() {
		for _, line := range wrapText(f, l.doc.Title, l.width) {
			f.SetXY(reportMargin, y)
			f.CellFormat(l.width, 13, line, "", 0, "L", false, 0, "")
			y += 13
		}
	})
	y += 2
	setFont(f, "", 20)
	setText(f, colText)
	f.SetXY(reportMargin, y)
	t.Leaf("P", func() { f.CellFormat(l.width, 10, l.doc.Subtitle, "", 0, "L", false, 0, "") })
	y += 16
	t.Artifact(func() {
		setFill(f, colAccent)
		f.Rect(reportMargin, y, 40, 1.2, "F")
	})
	y += 8
	setFont(f, "", 14)
	f.SetXY(reportMargin, y)
	t.Leaf("P", func() { f.CellFormat(l.width, 7, l.doc.Municipality, "", 0, "L", false, 0, "") })
	y += 9
	setFont(f, "", 12)
	setText(f, colMuted)
	f.SetXY(reportMargin, y)
	t.Leaf("P", func() {
		f.CellFormat(l.width, 6, "Evalueringsdato: "+l.doc.AsOf.NorwegianLong(), "", 0, "L", false, 0, "")
	})

	if c := strings.TrimSpace(l.doc.Classification); c != "" {
		setFont(f, "", 10)
		lines := wrapText(f, c, l.width-10)
		h := float64(len(lines))*5 + 6
		by := a4H - 36 - h
		t.Artifact(func() {
			setFill(f, colZebra)
			f.Rect(reportMargin, by, l.width, h, "F")
			setFill(f, colAccent)
			f.Rect(reportMargin, by, 1.5, h, "F")
		})
		setText(f, colText)
		t.Leaf("P", func() {
			for i, line := range lines {
				f.SetXY(reportMargin+6, by+3+float64(i)*5)
				f.CellFormat(l.width-10, 5, line, "", 0, "L", false, 0, "")
			}
		})
	}
	setText(f, colText)
}

func (l *reportLayout) contents(entries []tocEntry) {
	f := l.f
	n := tocPages(len(entries))
	auto, margin := f.GetAutoPageBreak()
	f.SetAutoPageBreak(false, margin)
	defer f.SetAutoPageBreak(auto, margin)
	t := f.tag
	k := 0
	for page := 0; page < n; page++ {
		f.AddPage()
		y := reportMargin
		if page == 0 {
			f.Bookmark("Innhold", 0, y)
			l.heading("Innhold")
			y = f.GetY() + 2
			t.Open("TOC")
		}
		per := tocNextPage
		if page == 0 {
			per = tocFirstPage
		}
		for i := 0; i < per && k < len(entries); i, k = i+1, k+1 {
			if l.known == nil {
				continue // page numbers are not known yet
			}
			e := entries[k]
			num := strconv.Itoa(e.page(l.known))
			setFont(f, "", 11)
			setText(f, colText)
			numW := f.GetStringWidth(num)
			title := fitText(f, e.Title, l.width-numW-12)
			titleW := f.GetStringWidth(title)
			// One entry is one link: the whole row is its target area, so
			// title and number need no annotations of their own.
			t.Open("TOCI")
			t.OpenLink(e.Title + ", side " + num)
			t.Mark()
			f.SetXY(reportMargin, y)
			f.CellFormat(titleW, tocRowH, title, "", 0, "L", false, 0, "")
			// Dot leader between title and page number.
			t.Artifact(func() {
				setFont(f, "", 11)
				setText(f, colRule)
				dotsW := l.width - titleW - numW - 4
				dots := ""
				if dw := f.GetStringWidth(" ."); dw > 0 && dotsW > 0 {
					dots = strings.Repeat(" .", int(dotsW/dw))
				}
				f.SetXY(reportMargin+titleW+1, y)
				f.CellFormat(dotsW, tocRowH, dots, "", 0, "R", false, 0, "")
			})
			setText(f, colText)
			f.SetXY(a4W-reportMargin-numW-1, y)
			f.CellFormat(numW+1, tocRowH, num, "", 0, "R", false, 0, "")
			f.Link(reportMargin, y, l.width, tocRowH, l.anchors[e.ID])
			t.Close()
			t.Close()
			y += tocRowH
		}
	}
	t.Close()
}

// heading writes a section title with a rule under it.
func (l *reportLayout) heading(title string) {
	f := l.f
	setFont(f, "B", 20)
	setText(f, colAccent)
	f.SetX(reportMargin)
	f.tag.Leaf("H1", func() { f.MultiCell(l.width, 9, title, "", "L", false) })
	y := f.GetY() + 1.5
	f.tag.Artifact(func() {
		setDraw(f, colAccent)
		f.SetLineWidth(0.5)
		f.Line(reportMargin, y, a4W-reportMargin, y)
		f.SetLineWidth(0.2)
	})
	f.SetY(y + 5)
	setText(f, colText)
}

// startChapter starts a section or the key-figures page on a new page,
// with its link target, bookmark and heading, and returns its page.
func (l *reportLayout) startChapter(id, title string) int {
	f := l.f
	f.AddPage()
	f.SetLink(l.anchors[id], -1, -1)
	f.Bookmark(title, 0, -1)
	l.heading(title)
	return f.PageNo()
}

func (l *reportLayout) keyFiguresPage() {
	l.plan.KeyFigures = l.startChapter(keyFiguresID, "Nøkkeltall")
	l.keyFigures()
}

// keyFigures draws the key figures as cards, two to a row.
func (l *reportLayout) keyFigures() {
	f := l.f
	figs := l.doc.KeyFigures
	if len(figs) == 0 {
		return
	}
	const gap = 6.0
	cardW := (l.width - gap) / 2
	inner := cardW - 9
	type card struct {
		value, label, sentence, source []string
		h                              float64
	}
	measure := func(k KeyFigure) card {
		var c card
		setFont(f, "B", 22)
		c.value = wrapText(f, k.Value, inner)
		setFont(f, "B", 10)
		c.label = wrapText(f, k.Label, inner)
		setFont(f, "", 9)
		c.sentence = wrapText(f, k.Sentence, inner)
		setFont(f, "I", 7.5)
		if src := withSource(k.Source); src != "" {
			c.source = wrapText(f, src, inner)
		}
		c.h = 8 + float64(len(c.value))*9.5 + float64(len(c.label))*lineHeight(10) +
			float64(len(c.sentence))*lineHeight(9) + 1.5 + float64(len(c.source))*lineHeight(7.5)
		return c
	}
	draw := func(c card, x, y, h float64) {
		f.tag.Open("Div")
		f.tag.Artifact(func() {
			setFill(f, colZebra)
			f.Rect(x, y, cardW, h, "F")
			setFill(f, colAccent)
			f.Rect(x, y, 1.5, h, "F")
		})
		cx, cy := x+5.5, y+4
		lines := func(ls []string, style string, size, lh float64, col rgb) {
			if len(ls) == 0 {
				return
			}
			setFont(f, style, size)
			setText(f, col)
			f.tag.Leaf("P", func() {
				for _, s := range ls {
					f.SetXY(cx, cy)
					f.CellFormat(inner, lh, s, "", 0, "L", false, 0, "")
					cy += lh
				}
			})
		}
		lines(c.value, "B", 22, 9.5, colAccent)
		lines(c.label, "B", 10, lineHeight(10), colText)
		lines(c.sentence, "", 9, lineHeight(9), colText)
		cy += 1.5
		lines(c.source, "I", 7.5, lineHeight(7.5), colMuted)
		f.tag.Close()
	}
	auto, margin := f.GetAutoPageBreak()
	f.SetAutoPageBreak(false, margin)
	for i := 0; i < len(figs); i += 2 {
		left := measure(figs[i])
		h := left.h
		var right *card
		if i+1 < len(figs) {
			r := measure(figs[i+1])
			right = &r
			h = max(h, r.h)
		}
		if f.GetY()+h > a4H-reportBottom {
			f.AddPage()
		}
		y := f.GetY()
		draw(left, reportMargin, y, h)
		if right != nil {
			draw(*right, reportMargin+cardW+gap, y, h)
		}
		f.SetY(y + h + gap)
	}
	f.SetAutoPageBreak(auto, margin)
	setText(f, colText)
}

func (l *reportLayout) section(i int) {
	s := l.doc.Sections[i]
	page := l.startChapter(s.ID, s.Title)
	l.plan.Sections = append(l.plan.Sections, page)
	for _, b := range s.Blocks {
		l.block(b)
	}
}

func (l *reportLayout) block(b Block) {
	f := l.f
	switch {
	case b.KeyFigures:
		f.Ln(1)
		l.keyFigures()
	case b.Markdown != "":
		newMarkdownWriter(f, bodyPt, l.anchors).Render(b.Markdown)
	case b.Table != nil:
		f.Ln(1)
		drawTable(f, b.Table, tablePt)
		f.Ln(4)
	case b.Chart != nil:
		l.chart(b.Chart)
	case b.Quote != nil:
		l.quote(b.Quote)
	}
}

// chartTableRows is the largest chart data table printed under its chart;
// larger ones are in resultater.xlsx and the HTML report.
const chartTableRows = 15

func (l *reportLayout) chart(c *Chart) {
	f := l.f
	st := chartStyle{font: chartPt, drawTitle: true}
	h := chartHeight(c, st)
	src := withSource(c.Source)
	keepWithNext(f, h+8)
	f.Ln(1)
	y := f.GetY()
	fig := f.tag.Open("Figure")
	fig.Alt = chartAlt(c)
	if l.known != nil {
		// The first pass only counts pages, and a chart stays inside its
		// box of height h, so it is drawn in the second pass alone (its
		// points are most of a chart's work at national scale). Should
		// drawing ever move the page flow, the two passes' plans differ
		// and writeReportPDF refuses the file.
		drawChart(f, c, reportMargin, y, l.width, h, st)
	}
	f.tag.Close()
	f.SetXY(reportMargin, y+h+1)
	if src != "" {
		sourceLine(f, src, chartPt)
	}
	f.Ln(4)
	if c.Table != nil && len(c.Table.Rows) > 0 && len(c.Table.Rows) <= chartTableRows {
		// The chart's data, so every figure is also text; its caption and
		// source repeat the chart's and are left out when they do.
		t := *c.Table
		if t.Caption == c.Title {
			t.Caption = ""
		}
		if t.Source == c.Source {
			t.Source = ""
		}
		drawTable(f, &t, tablePt-0.5)
		f.Ln(4)
	}
}

func (l *reportLayout) quote(q *Quote) {
	f := l.f
	const size = 10.5
	inner := l.width - 12
	setFont(f, "I", size)
	lines := wrapText(f, "«"+strings.TrimSpace(q.Text)+"»", inner)
	lh := lineHeight(size)
	h := float64(len(lines)) * lh
	if q.Who != "" {
		h += lineHeight(9) + 1
	}
	keepWithNext(f, h+4)
	y := f.GetY() + 1
	t := f.tag
	t.Open("BlockQuote")
	t.Artifact(func() {
		setFill(f, lighten(colAccent, 0.35))
		f.Rect(reportMargin+2, y, 1.2, h, "F")
	})
	setText(f, colText)
	setFont(f, "I", size)
	t.Leaf("P", func() {
		for i, line := range lines {
			f.SetXY(reportMargin+8, y+float64(i)*lh)
			f.CellFormat(inner, lh, line, "", 0, "L", false, 0, "")
		}
	})
	if q.Who != "" {
		setFont(f, "", 9)
		setText(f, colMuted)
		f.SetXY(reportMargin+8, y+float64(len(lines))*lh+1)
		t.Leaf("P", func() { f.CellFormat(inner, lineHeight(9), "– "+q.Who, "", 0, "L", false, 0, "") })
	}
	t.Close()
	setText(f, colText)
	f.SetY(y + h + 4)
}

// chartAlt is a chart's alternate description in the PDFs: the sentence
// the HTML report gives screen readers for the same chart.
func chartAlt(c *Chart) string {
	if d := strings.TrimSpace(c.Description); d != "" {
		return d
	}
	if c.Title != "" {
		return "Diagram: " + c.Title
	}
	return "Diagram"
}
