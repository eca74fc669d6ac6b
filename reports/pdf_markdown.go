package reports

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// mdWriter draws a Markdown prose block (Block.Markdown) into an fpdf
// document by walking goldmark's syntax tree: paragraphs, headings,
// emphasis, lists, links and code. It covers what the report templates use;
// anything else (raw HTML) is left out rather than printed as markup.
type mdWriter struct {
	f       *pdfDoc
	size    float64        // body font size, pt
	anchors map[string]int // section id → fpdf link, for "#id" links
	src     []byte
	bold    int
	italic  int
	link    string // destination of the link being written, if any
}

// newMarkdownWriter returns a writer using the body font size in pt.
func newMarkdownWriter(f *pdfDoc, size float64, anchors map[string]int) *mdWriter {
	return &mdWriter{f: f, size: size, anchors: anchors}
}

var markdownParser = goldmark.New().Parser()

// Render draws the Markdown at the current position, from the left margin.
func (m *mdWriter) Render(markdown string) {
	m.src = []byte(markdown)
	doc := markdownParser.Parse(text.NewReader(m.src))
	m.blocks(doc, false)
	m.bold, m.italic, m.link = 0, 0, ""
	m.font(m.size)
	setText(m.f, colText)
}

func (m *mdWriter) lh() float64 { return lineHeight(m.size) }

// gap is the space between blocks.
func (m *mdWriter) gap() float64 { return m.size * pt2mm * 0.75 }

func (m *mdWriter) blocks(parent ast.Node, tight bool) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		m.block(n, tight)
	}
}

func (m *mdWriter) block(n ast.Node, tight bool) {
	f := m.f
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		m.lineStart()
		m.font(m.size)
		f.tag.Open("P")
		m.inlines(n)
		f.tag.Close()
		f.Ln(m.lh())
		if !tight {
			f.Ln(m.gap())
		}
	case *ast.Heading:
		size := m.size + 1
		switch n.Level {
		case 1:
			size = m.size + 5
		case 2:
			size = m.size + 3
		}
		keepWithNext(f, lineHeight(size)+4*m.lh())
		f.Ln(m.gap() / 2)
		m.lineStart()
		m.bold++
		m.font(size)
		setText(f, colAccent)
		// The section title is the H1 (and the bookmark); headings in
		// the prose are below it.
		level := "H2"
		if n.Level >= 3 {
			level = "H3"
		}
		f.tag.Open(level)
		m.inlinesSized(n, size)
		f.tag.Close()
		m.bold--
		setText(f, colText)
		f.Ln(lineHeight(size))
		f.Ln(m.gap() / 2)
	case *ast.List:
		m.list(n)
		if !tight {
			f.Ln(m.gap())
		}
	case *ast.Blockquote:
		left, _, _, _ := f.GetMargins()
		f.SetLeftMargin(left + 6)
		m.italic++
		setText(f, colMuted)
		f.tag.Open("BlockQuote")
		m.blocks(n, tight)
		f.tag.Close()
		setText(f, colText)
		m.italic--
		f.SetLeftMargin(left)
		f.SetX(left)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		m.lineStart()
		m.font(m.size)
		lines := n.Lines()
		f.tag.Leaf("P", func() {
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				f.Write(m.lh(), strings.TrimRight(string(seg.Value(m.src)), "\n"))
				f.Ln(m.lh())
			}
		})
		f.Ln(m.gap())
	case *ast.ThematicBreak:
		left, _, right, _ := f.GetMargins()
		w, _ := f.GetPageSize()
		y := f.GetY() + m.gap()
		f.tag.Artifact(func() {
			setDraw(f, colRule)
			f.SetLineWidth(0.2)
			f.Line(left, y, w-right, y)
		})
		f.SetY(y + m.gap())
	case *ast.HTMLBlock:
		// Raw HTML has no place in a PDF; the templates do not use it.
	default:
		m.blocks(n, tight)
	}
}

// list draws the items of a bullet or numbered list with a hanging indent.
func (m *mdWriter) list(l *ast.List) {
	f := m.f
	left, _, _, _ := f.GetMargins()
	indent := m.size * pt2mm * 1.6
	number := l.Start
	if number == 0 {
		number = 1
	}
	t := f.tag
	t.Open("L")
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		keepWithNext(f, m.lh())
		marker := "•"
		if l.IsOrdered() {
			marker = strconv.Itoa(number) + "."
			number++
		}
		m.font(m.size)
		f.SetX(left)
		t.Open("LI")
		t.Leaf("Lbl", func() { f.CellFormat(indent, m.lh(), marker, "", 0, "L", false, 0, "") })
		t.Open("LBody")
		f.SetLeftMargin(left + indent)
		m.blocks(item, l.IsTight)
		f.SetLeftMargin(left)
		f.SetX(left)
		t.Close()
		t.Close()
	}
	t.Close()
}

// lineStart moves to the left margin unless a list marker was just drawn
// there.
func (m *mdWriter) lineStart() {
	left, _, _, _ := m.f.GetMargins()
	if m.f.GetX() < left {
		m.f.SetX(left)
	}
}

func (m *mdWriter) inlines(parent ast.Node) { m.inlinesSized(parent, m.size) }

func (m *mdWriter) inlinesSized(parent ast.Node, size float64) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		m.inline(n, size)
	}
}

func (m *mdWriter) inline(n ast.Node, size float64) {
	f := m.f
	lh := lineHeight(size)
	switch n := n.(type) {
	case *ast.Text:
		m.write(string(n.Segment.Value(m.src)), size)
		switch {
		case n.HardLineBreak():
			f.Ln(lh)
		case n.SoftLineBreak():
			m.write(" ", size)
		}
	case *ast.String:
		m.write(string(n.Value), size)
	case *ast.Emphasis:
		if n.Level >= 2 {
			m.bold++
		} else {
			m.italic++
		}
		m.inlinesSized(n, size)
		if n.Level >= 2 {
			m.bold--
		} else {
			m.italic--
		}
	case *ast.Link:
		m.link = string(n.Destination)
		f.tag.OpenLink(m.linkContents(plainText(n, m.src)))
		m.inlinesSized(n, size)
		f.tag.Close()
		m.link = ""
	case *ast.AutoLink:
		m.link = string(n.URL(m.src))
		f.tag.OpenLink(m.linkContents(string(n.Label(m.src))))
		m.write(string(n.Label(m.src)), size)
		f.tag.Close()
		m.link = ""
	case *ast.RawHTML:
		// See HTMLBlock.
	default: // code spans, images (their alt text), extensions
		m.inlinesSized(n, size)
	}
}

// write draws inline text in the current style, as a link when inside one.
func (m *mdWriter) write(s string, size float64) {
	if s == "" {
		return
	}
	f := m.f
	lh := lineHeight(size)
	f.tag.Mark()
	if m.link == "" {
		m.font(size)
		f.Write(lh, s)
		return
	}
	m.fontStyle(size, "U")
	setText(f, colAccent)
	if id, ok := m.anchors[strings.TrimPrefix(m.link, "#")]; ok && strings.HasPrefix(m.link, "#") {
		f.WriteLinkID(lh, s, id)
	} else {
		f.WriteLinkString(lh, s, m.link)
	}
	setText(f, colText)
	m.font(size)
}

// linkContents describes the link being written for its annotation: the
// link text, and where an outside link goes.
func (m *mdWriter) linkContents(text string) string {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(m.link, "#") || m.link == "" || m.link == text {
		if text == "" {
			return m.link
		}
		return text
	}
	return text + " (" + m.link + ")"
}

func (m *mdWriter) font(size float64) { m.fontStyle(size, "") }

// fontStyle sets the font for the current emphasis. Bold wins over italic:
// only regular, bold and italic faces are embedded.
func (m *mdWriter) fontStyle(size float64, extra string) {
	style := ""
	switch {
	case m.bold > 0:
		style = "B"
	case m.italic > 0:
		style = "I"
	}
	setFont(m.f, style+extra, size)
}

// keepWithNext starts a new page unless h mm are left on this one, so that
// a heading or a list marker is not stranded at the foot of a page.
func keepWithNext(f *pdfDoc, h float64) {
	_, pageH := f.GetPageSize()
	_, _, _, bottom := f.GetMargins()
	if f.GetY()+h > pageH-bottom {
		f.AddPage()
	}
}
