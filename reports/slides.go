package reports

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"bobra/pipeline/disclose"
	"bobra/pipeline/results"

	"github.com/go-pdf/fpdf"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Slides writes presentasjon.pdf: 16:9 slides for talks at seminars and in
// teaching. Slides are shown to the public, so they are always made from
// the public copy of the results (disclose.Suppress): counts below the
// small-number threshold read "færre enn N", shares resting on them are
// hidden, and no slide has a row about one family.
type Slides struct {
	tpl    *Templates
	shared *shared // the document built once with the set's other renderers
}

// NewSlides returns the slide renderer using the report templates.
func NewSlides(tpl *Templates) Slides { return Slides{tpl: tpl} }

func (Slides) Format() string   { return "presentasjon" }
func (Slides) FileName() string { return "presentasjon.pdf" }

// Render makes the public results, their Document, and the slides.
func (s Slides) Render(w io.Writer, res *results.Results) error {
	limit := smallCount(res)
	pub := res
	if !res.Public {
		var err error
		if pub, _, err = disclose.Protect(res, limit, nil, nil); err != nil {
			return fmt.Errorf("%s (presentasjonen)", strings.TrimSuffix(err.Error(), "; ingen filer er skrevet."))
		}
	}
	if small := disclose.SmallCounts(pub, limit); len(small) > 0 {
		return fmt.Errorf("intern feil: småtallsregelen skjulte ikke %s; presentasjonen er ikke skrevet", strings.Join(small, ", "))
	}
	doc, err := s.shared.document(pub, s.tpl)
	if err != nil {
		return err
	}
	return writeSlidesPDF(w, doc, pub, familyIDs(res, doc))
}

// Share keeps the document of res for the other renderers of the set
// until release is called (pipeline.Sharer). Only public results are
// drawn as they are; of internal ones the slides make a public copy.
func (s Slides) Share(res *results.Results) (release func()) {
	if !res.Public {
		return func() {}
	}
	return s.shared.share(res, s.tpl)
}

// familyIDs are the chart categories of doc that are a FamilieID of res:
// the few hundred categories are looked up among the homes, not a set of
// every home made to look them up in.
func familyIDs(res *results.Results, doc *Document) map[string]bool {
	categories := map[string]bool{}
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Chart != nil {
				for _, c := range b.Chart.Categories {
					categories[c] = true
				}
			}
		}
	}
	ids := map[string]bool{}
	for i := range res.Homes {
		if id := res.Homes[i].FamilyID; categories[id] {
			ids[id] = true
		}
	}
	return ids
}

// 16:9 slide geometry, mm (10 × 5,625 inches).
const (
	slideW, slideH = 254.0, 142.875
	slideMargin    = 14.0
)

// slideDeck is the slides being drawn.
type slideDeck struct {
	doc   *Document
	res   *results.Results
	f     *pdfDoc
	total int
	width float64
}

// writeSlidesPDF draws the deck. res is the public results, for the
// savings formula; families are the FamilieIDs of the internal results,
// which no slide may show (a guard on top of Suppress).
func writeSlidesPDF(w io.Writer, doc *Document, res *results.Results, families map[string]bool) error {
	f := newPDFDoc(fpdf.SizeType{Wd: slideW, Ht: slideH}, pdfMeta{
		Title:    strings.TrimSpace(doc.Title + " – presentasjon"),
		Subject:  reportSubject(doc) + " (presentasjon)",
		Author:   doc.Municipality,
		Keywords: reportKeywords(doc) + ", presentasjon",
		AsOf:     doc.AsOf,
	})
	f.SetMargins(slideMargin, slideMargin, slideMargin)
	f.SetAutoPageBreak(false, 0)
	d := &slideDeck{doc: doc, res: res, f: f, width: slideW - 2*slideMargin}

	slides := []func(){d.titleSlide}
	for _, k := range doc.KeyFigures {
		slides = append(slides, func() { d.keyFigureSlide(k) })
	}
	for _, c := range slideCharts(doc, families) {
		slides = append(slides, func() { d.chartSlide(c) })
	}
	slides = append(slides, d.savingsSlide)
	if sentence := breakEvenSentence(doc); sentence != "" {
		slides = append(slides, func() { d.breakEvenSlide(sentence) })
	}
	slides = append(slides, d.closingSlide)
	d.total = len(slides)
	for _, draw := range slides {
		draw()
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("presentasjon: %w", err)
	}
	pdf, err := f.output()
	if err != nil {
		return fmt.Errorf("presentasjon: %w", err)
	}
	_, err = w.Write(pdf)
	return err
}

// slideCharts are the report's charts, in order, without any whose
// categories name a family.
func slideCharts(doc *Document, families map[string]bool) []*Chart {
	var out []*Chart
	for _, s := range doc.Sections {
	blocks:
		for _, b := range s.Blocks {
			if b.Chart == nil {
				continue
			}
			for _, c := range b.Chart.Categories {
				if families[c] {
					continue blocks
				}
			}
			out = append(out, b.Chart)
		}
	}
	return out
}

// breakEvenSentence is the report's own sentence on when the programme
// pays for itself: the bold sentence about "utenforskap" in the resources
// section, so slide and report say it in the same words.
func breakEvenSentence(doc *Document) string {
	for _, s := range doc.Sections {
		if s.ID != "ressurser" {
			continue
		}
		for _, b := range s.Blocks {
			if b.Markdown == "" {
				continue
			}
			src := []byte(b.Markdown)
			var found string
			_ = ast.Walk(markdownParser.Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if e, ok := n.(*ast.Emphasis); ok && entering && e.Level == 2 && found == "" {
					if t := plainText(e, src); strings.Contains(t, "utenforskap") {
						found = t
					}
				}
				return ast.WalkContinue, nil
			})
			if found != "" {
				return found
			}
		}
	}
	return ""
}

// plainText is the text of an inline subtree.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// slide starts a content slide with its title and footer.
func (d *slideDeck) slide(title string) {
	f := d.f
	t := f.tag
	f.AddPage()
	t.Artifact(func() {
		setFill(f, colAccent)
		f.Rect(0, 0, slideW, 2.5, "F")
	})
	if title != "" {
		// Long chart titles get smaller type before they get cut.
		size := 22.0
		setFont(f, "B", size)
		for size > 16 && f.GetStringWidth(title) > d.width {
			size--
			setFont(f, "B", size)
		}
		setText(f, colAccent)
		f.SetXY(slideMargin, 9)
		t.Leaf("H1", func() { f.CellFormat(d.width, 11, fitText(f, title, d.width), "", 0, "L", false, 0, "") })
	}
	// The running footer is drawn first but is an artifact all the same.
	t.Artifact(func() {
		setFont(f, "", 8)
		setText(f, colMuted)
		f.SetXY(slideMargin, slideH-9)
		f.CellFormat(d.width*0.8, 4, strings.TrimSpace(d.doc.Title+" · "+d.doc.Subtitle+" per "+d.doc.AsOf.Norwegian()), "", 0, "L", false, 0, "")
		f.SetXY(slideMargin+d.width*0.8, slideH-9)
		f.CellFormat(d.width*0.2, 4, strconv.Itoa(f.PageNo())+" / "+strconv.Itoa(d.total), "", 0, "R", false, 0, "")
	})
	setText(f, colText)
}

// centered writes wrapped, centred lines from y as one element of type
// typ and returns the y below.
func (d *slideDeck) centered(typ, s, style string, size float64, col rgb, y, w float64) float64 {
	f := d.f
	setFont(f, style, size)
	setText(f, col)
	lh := lineHeight(size)
	f.tag.Leaf(typ, func() {
		for _, line := range wrapText(f, s, w) {
			f.SetXY((slideW-w)/2, y)
			f.CellFormat(w, lh, line, "", 0, "C", false, 0, "")
			y += lh
		}
	})
	return y
}

func (d *slideDeck) titleSlide() {
	f := d.f
	t := f.tag
	f.AddPage()
	t.Artifact(func() {
		setFill(f, colAccent)
		f.Rect(0, 0, slideW, slideH, "F")
		setFill(f, lighten(colAccent, 0.55))
		f.Rect(slideMargin, 76, 50, 1.2, "F")
	})
	setFont(f, "B", 36)
	setText(f, colWhite)
	y := 36.0
	t.Leaf("H1", func() {
		for _, line := range wrapText(f, d.doc.Title, d.width) {
			f.SetXY(slideMargin, y)
			f.CellFormat(d.width, 15, line, "", 0, "L", false, 0, "")
			y += 15
		}
	})
	setFont(f, "", 22)
	f.SetXY(slideMargin, y+2)
	t.Leaf("P", func() { f.CellFormat(d.width, 10, d.doc.Subtitle, "", 0, "L", false, 0, "") })
	setFont(f, "", 15)
	f.SetXY(slideMargin, 84)
	t.Leaf("P", func() { f.CellFormat(d.width, 8, d.doc.Municipality, "", 0, "L", false, 0, "") })
	f.SetXY(slideMargin, 93)
	t.Leaf("P", func() {
		f.CellFormat(d.width, 8, "Evalueringsdato: "+d.doc.AsOf.NorwegianLong(), "", 0, "L", false, 0, "")
	})
	setFont(f, "", 9)
	setText(f, lighten(colAccent, 0.75))
	f.SetXY(slideMargin, slideH-16)
	t.Leaf("P", func() { f.MultiCell(d.width, 4.5, d.doc.Classification, "", "L", false) })
	setText(f, colText)
}

func (d *slideDeck) keyFigureSlide(k KeyFigure) {
	f := d.f
	d.slide("")
	// The number as large as fits on one line.
	size := 80.0
	setFont(f, "B", size)
	for size > 28 && f.GetStringWidth(k.Value) > d.width {
		size -= 4
		setFont(f, "B", size)
	}
	// The label is the slide's title, so it is the heading a screen
	// reader user jumps to; the big number above it is a paragraph.
	y := d.centered("P", k.Value, "B", size, colAccent, 22, d.width)
	y = d.centered("H1", k.Label, "B", 20, colText, y+2, d.width)
	d.centered("P", k.Sentence, "", 15, colText, y+6, 190)
	if src := withSource(k.Source); src != "" {
		d.centered("P", src, "I", 9.5, colMuted, slideH-22, 200)
	}
}

func (d *slideDeck) chartSlide(c *Chart) {
	f := d.f
	d.slide(c.Title)
	top, bottom := 25.0, slideH-18
	// The slide title says what the chart is; its source is the caption.
	fig := f.tag.Open("Figure")
	fig.Alt = chartAlt(c)
	drawChart(f, c, slideMargin, top, d.width, bottom-top, chartStyle{font: 10.5})
	if src := withSource(c.Source); src != "" {
		setFont(f, "I", 8.5)
		setText(f, colMuted)
		f.SetXY(slideMargin, bottom+1.5)
		f.tag.Leaf("Caption", func() { f.CellFormat(d.width, 4, fitText(f, src, d.width), "", 0, "L", false, 0, "") })
	}
	f.tag.Close()
	setText(f, colText)
}

// savingsSlide shows how the societal savings are computed, with the
// numbers of each scenario and the source of every assumption.
func (d *slideDeck) savingsSlide() {
	f := d.f
	s := d.res.Societal
	c := newCells(d.res)
	d.slide("Slik er samfunnsgevinsten regnet")
	y := 27.0
	setFont(f, "B", 17)
	setText(f, colText)
	for _, line := range strings.Split(s.Formula, ";") {
		f.SetXY(slideMargin, y)
		f.tag.Leaf("P", func() { f.CellFormat(d.width, 8.5, strings.TrimSpace(line), "", 0, "L", false, 0, "") })
		y += 8.5
	}
	y += 4
	t := &Table{
		Header:  []string{"Scenario", "Andel av barna", "Barn", "Personer", "Kostnad per person", "Gevinst"},
		Numeric: []bool{false, true, true, true, true, true},
	}
	for _, sc := range s.Scenarios {
		t.Rows = append(t.Rows, scenarioCells(s, sc, c))
	}
	f.SetY(y)
	drawTable(f, t, 11)
	y = f.GetY() + 3
	notes := []string{"Kostnad per ungdom i utenforskap: " + c.money(s.CostPerPerson) + sourceSuffix(s.CostSource)}
	for _, sc := range s.Scenarios {
		notes = append(notes, "Andel, "+sc.Name+": "+c.share(sc.Share)+sourceSuffix(sc.Source))
	}
	setFont(f, "", 9)
	setText(f, colMuted)
	for _, n := range notes {
		if y > slideH-13 {
			break
		}
		f.tag.Leaf("P", func() {
			for _, line := range wrapText(f, n, d.width) {
				if y > slideH-13 {
					break
				}
				f.SetXY(slideMargin, y)
				f.CellFormat(d.width, 4.2, line, "", 0, "L", false, 0, "")
				y += 4.2
			}
		})
	}
	setText(f, colText)
}

func sourceSuffix(src string) string {
	if src = strings.TrimSpace(src); src != "" {
		return " (kilde: " + src + ")"
	}
	return ""
}

func (d *slideDeck) breakEvenSlide(sentence string) {
	d.slide("Når lønner tiltaket seg?")
	d.centered("P", sentence, "B", 24, colAccent, 50, 200)
}

// closingSlide gives the evaluation date and where the figures come from.
func (d *slideDeck) closingSlide() {
	f := d.f
	d.slide("Om tallene")
	y := 27.0
	t := f.tag
	setFont(f, "", 14)
	f.SetXY(slideMargin, y)
	t.Leaf("P", func() {
		f.CellFormat(d.width, 7, "Tallene gjelder per "+d.doc.AsOf.NorwegianLong()+".", "", 0, "L", false, 0, "")
	})
	y += 11
	setFont(f, "B", 12)
	f.SetXY(slideMargin, y)
	t.Leaf("H2", func() { f.CellFormat(d.width, 6, "Datakilder", "", 0, "L", false, 0, "") })
	y += 7.5
	var sources []string
	seen := map[string]bool{}
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			sources = append(sources, s)
		}
	}
	for _, k := range d.doc.KeyFigures {
		add(k.Source)
	}
	for _, c := range slideCharts(d.doc, nil) {
		add(c.Source)
	}
	setFont(f, "", 10.5)
	lh := lineHeight(10.5)
	maxY := slideH - 30
	t.Open("L")
	for _, s := range sources {
		lines := wrapText(f, s, d.width-6)
		if y+float64(len(lines))*lh > maxY {
			break
		}
		t.Open("LI")
		f.SetXY(slideMargin, y)
		t.Leaf("Lbl", func() { f.CellFormat(5, lh, "•", "", 0, "L", false, 0, "") })
		t.Leaf("LBody", func() {
			for _, line := range lines {
				f.SetXY(slideMargin+6, y)
				f.CellFormat(d.width-6, lh, line, "", 0, "L", false, 0, "")
				y += lh
			}
		})
		t.Close()
		y += 0.8
	}
	t.Close()
	setFont(f, "I", 9.5)
	setText(f, colMuted)
	f.SetXY(slideMargin, math.Max(y+3, slideH-26))
	t.Leaf("P", func() {
		f.MultiCell(d.width, 4.5, d.doc.Classification+" Tallene er regnet ut med bobra direkte fra prosjektets regneark; alle tall, definisjoner og forutsetninger står i evalueringsrapporten.", "", "L", false)
	})
	setText(f, colText)
}
