package reports

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"sync"

	"bobra/internal/pdftag"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-pdf/fpdf"
)

// pdfDoc is an fpdf document being drawn as a tagged PDF. Its text methods
// shadow fpdf's so that every string reaches the font through pdfText:
// a character the embedded font lacks is drawn as a visible replacement
// instead of crashing fpdf (which indexes its width table by code point
// and has room for the Basic Multilingual Plane only) or drawing nothing.
type pdfDoc struct {
	*fpdf.Fpdf
	tag  *pdftag.Tagger
	meta pdfMeta
}

// output closes the document and returns the tagged file: fpdf's bytes and
// the structure appended as an incremental update.
func (d *pdfDoc) output() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		return nil, err
	}
	return d.tag.Finish(buf.Bytes(), pdftag.Meta{
		Title: d.meta.Title, Subject: d.meta.Subject, Author: d.meta.Author, Keywords: d.meta.Keywords,
		Creator: pdfCreator, Producer: pdfCreator, Lang: pdfLang, Date: pdfTimestamp(d.meta.AsOf),
	})
}

// CellFormat is fpdf's. A line that wrapText ended at a space keeps that
// space, so that the text in the structure tree has a space between the
// last word of a line and the first of the next (a tagged PDF marks word
// breaks with spaces, not by position). Left-aligned, a trailing space
// draws nothing; centred or right-aligned, the cell is widened by it, so
// the visible text stays where it was.
func (d *pdfDoc) CellFormat(w, h float64, txt, borderStr string, ln int, alignStr string, fill bool, link int, linkStr string) {
	txt = pdfText(txt)
	if strings.HasSuffix(txt, " ") && (strings.Contains(alignStr, "C") || strings.Contains(alignStr, "R")) {
		w += d.Fpdf.GetStringWidth(" ")
	}
	d.Fpdf.CellFormat(w, h, txt, borderStr, ln, alignStr, fill, link, linkStr)
}

// MultiCell is fpdf's MultiCell, for left-aligned text without border or
// fill (all the PDFs use), with the space at each automatic line break
// kept at the end of its line, as in CellFormat. Other uses go to fpdf.
func (d *pdfDoc) MultiCell(w, h float64, txt, borderStr, alignStr string, fill bool) {
	txt = pdfText(txt)
	if borderStr != "" || fill || alignStr != "L" || d.Err() {
		d.Fpdf.MultiCell(w, h, txt, borderStr, alignStr, fill)
		return
	}
	// The steps and the arithmetic are fpdf's (v0.9.0, MultiCell, UTF-8
	// branch), so the lines break where fpdf breaks them.
	_, size := d.GetFontSize()
	cm := d.GetCellMargin()
	if w == 0 {
		pw, _ := d.GetPageSize()
		_, _, right, _ := d.GetMargins()
		w = pw - right - d.GetX()
	}
	wmax := int(math.Ceil((w - 2*cm) * 1000 / size))
	runes := []rune(strings.ReplaceAll(txt, "\r", ""))
	for len(runes) > 0 && runes[len(runes)-1] == '\n' {
		runes = runes[:len(runes)-1]
	}
	line := func(rs []rune) { d.Fpdf.CellFormat(w, h, string(rs), "", 2, "L", false, 0, "") }
	sep, i, j, l := -1, 0, 0, 0
	for i < len(runes) {
		c := runes[i]
		if c == '\n' {
			line(runes[j:i])
			i++
			sep, j, l = -1, i, 0
			continue
		}
		if c == ' ' {
			sep = i
		}
		l += d.Fpdf.GetStringSymbolWidth(string(c))
		if l <= wmax {
			i++
			continue
		}
		if sep == -1 {
			if i == j {
				i++
			}
			line(runes[j:i])
		} else {
			line(runes[j : sep+1])
			i = sep + 1
		}
		sep, j, l = -1, i, 0
	}
	line(runes[j:i])
	left, _, _, _ := d.GetMargins()
	d.SetX(left)
}

func (d *pdfDoc) Write(h float64, txt string) { d.write(h, txt, 0, "") }

func (d *pdfDoc) WriteLinkString(h float64, txt, url string) { d.write(h, txt, 0, url) }

func (d *pdfDoc) WriteLinkID(h float64, txt string, id int) { d.write(h, txt, id, "") }

// write is fpdf's Write (v0.9.0, its UTF-8 branch, with the same steps and
// arithmetic, so lines break where fpdf breaks them), except that a line
// broken at a space keeps the space, as in CellFormat. Underlined link text
// does not: the underline would run under the space.
func (d *pdfDoc) write(h float64, txt string, link int, linkStr string) {
	txt = strings.ReplaceAll(pdfText(txt), "\r", "")
	if txt == " " {
		d.SetX(d.GetX() + d.Fpdf.GetStringWidth(txt))
		return
	}
	keepSpace := link == 0 && linkStr == ""
	pw, _ := d.GetPageSize()
	left, _, right, _ := d.GetMargins()
	_, size := d.GetFontSize()
	cm := d.GetCellMargin()
	w := pw - right - d.GetX()
	wmax := (w - 2*cm) * 1000 / size
	runes := []rune(txt)
	cell := func(width float64, rs []rune, ln int) {
		d.Fpdf.CellFormat(width, h, string(rs), "", ln, "", false, link, linkStr)
	}
	newLine := func(nl int) {
		if nl == 1 {
			d.SetX(left)
			w = pw - right - d.GetX()
			wmax = (w - 2*cm) * 1000 / size
		}
	}
	sep, i, j, nl := -1, 0, 0, 1
	l := 0.0
	for i < len(runes) {
		c := runes[i]
		if c == '\n' {
			cell(w, runes[j:i], 2)
			i++
			sep, j, l = -1, i, 0
			newLine(nl)
			nl++
			continue
		}
		if c == ' ' {
			sep = i
		}
		// fpdf adds a glyph's width from its table, where 65535 marks
		// a glyph of no width (GetStringSymbolWidth reads it as 0).
		cw := d.Fpdf.GetStringSymbolWidth(string(c))
		if cw == 0 {
			cw = 65535
		}
		l += float64(cw)
		if l <= wmax {
			i++
			continue
		}
		if sep == -1 {
			if d.GetX() > left {
				d.SetXY(left, d.GetY()+h)
				w = pw - right - d.GetX()
				wmax = (w - 2*cm) * 1000 / size
				i++
				nl++
				continue
			}
			if i == j {
				i++
			}
			cell(w, runes[j:i], 2)
		} else {
			end := sep
			if keepSpace {
				end = sep + 1
			}
			cell(w, runes[j:end], 2)
			i = sep + 1
		}
		sep, j, l = -1, i, 0
		newLine(nl)
		nl++
	}
	if i != j {
		cell(l/1000*size, runes[j:], 0)
	}
}

func (d *pdfDoc) GetStringWidth(s string) float64 { return d.Fpdf.GetStringWidth(pdfText(s)) }

func (d *pdfDoc) Bookmark(txt string, level int, y float64) { d.Fpdf.Bookmark(pdfText(txt), level, y) }

// pdfMissingGlyph is drawn for a character the PDF font does not have: a
// white square, which the font has, so the reader sees that something is
// there; the other outputs keep the character and a warning says where.
const pdfMissingGlyph = '□'

// pdfText replaces the characters the PDF font cannot draw. Control
// characters other than the line feed (which the writers lay out) would
// be drawn with the font's .notdef glyph: a tab becomes a space, the
// others are left out.
func pdfText(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7f || (c < 0x20 && c != '\n') {
			return pdfTextSlow(s, i)
		}
	}
	return s
}

func pdfTextSlow(s string, from int) string {
	cov := pdfCoverage()
	ok := true
	for _, r := range s[from:] {
		if !pdfDrawable(cov, r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case pdfDrawable(cov, r):
		case r == '\t':
			r = ' '
		case r < 0x80 || pdfInvisible(r):
			continue
		default:
			r = pdfMissingGlyph
		}
		out = append(out, r)
	}
	return string(out)
}

func pdfDrawable(cov *glyphSet, r rune) bool {
	if r < 0x80 {
		return r == '\n' || (r >= 0x20 && r < 0x7f)
	}
	return cov.has(r)
}

// PDFCanDraw reports whether the PDF outputs can draw r (in every face:
// regular, bold and italic). ASCII counts as drawable: the writers lay out
// line feeds, turn a tab into a space and leave other control characters
// out, which draw nothing in any output.
func PDFCanDraw(r rune) bool { return r < 0x80 || pdfCoverage().has(r) }

// glyphSet is the code points of the Basic Multilingual Plane a font maps
// to a glyph; fpdf cannot draw any other.
type glyphSet [0x10000 / 64]uint64

func (g *glyphSet) has(r rune) bool {
	return r >= 0 && r < 0x10000 && g[r/64]&(1<<(r%64)) != 0
}

func (g *glyphSet) add(r rune) {
	if r >= 0 && r < 0x10000 {
		g[r/64] |= 1 << (r % 64)
	}
}

// pdfCoverage is what all three embedded faces can draw.
var pdfCoverage = sync.OnceValue(func() *glyphSet {
	var all *glyphSet
	for _, ttf := range [][]byte{liberationsansregular.TTF, liberationsansbold.TTF, liberationsansitalic.TTF} {
		g := cmapCoverage(ttf)
		if all == nil {
			all = g
			continue
		}
		for i := range all {
			all[i] &= g[i]
		}
	}
	return all
})

// cmapCoverage reads the Unicode cmap of a TrueType font (format 4, or 12
// for fonts beyond the BMP) and returns the code points it maps to a glyph
// other than .notdef. A font it cannot read covers nothing, so every
// non-ASCII character is replaced rather than risked.
func cmapCoverage(ttf []byte) *glyphSet {
	g := &glyphSet{}
	u16 := func(b []byte, off int) int {
		if off < 0 || off+2 > len(b) {
			return -1
		}
		return int(binary.BigEndian.Uint16(b[off:]))
	}
	u32 := func(b []byte, off int) int {
		if off < 0 || off+4 > len(b) {
			return -1
		}
		return int(binary.BigEndian.Uint32(b[off:]))
	}
	n := u16(ttf, 4)
	cmap := -1
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return g
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			cmap = u32(ttf, rec+8)
		}
	}
	if cmap < 0 || cmap >= len(ttf) {
		return g
	}
	t := ttf[cmap:]
	best, bestFmt := -1, 0
	for i := 0; i < u16(t, 2); i++ {
		rec := 4 + 8*i
		pid, eid, off := u16(t, rec), u16(t, rec+2), u32(t, rec+4)
		if pid < 0 || off < 0 || off >= len(t) {
			continue
		}
		if (pid == 3 && (eid == 1 || eid == 10)) || pid == 0 {
			if f := u16(t, off); (f == 4 || f == 12) && f > bestFmt {
				best, bestFmt = off, f
			}
		}
	}
	if best < 0 {
		return g
	}
	sub := t[best:]
	switch bestFmt {
	case 12:
		groups := u32(sub, 12)
		for i := 0; i < groups && 16+12*i+12 <= len(sub); i++ {
			start, end, glyph := u32(sub, 16+12*i), u32(sub, 16+12*i+4), u32(sub, 16+12*i+8)
			for r := start; r <= end && r < 0x10000; r++ {
				if glyph+(r-start) != 0 {
					g.add(rune(r))
				}
			}
		}
	case 4:
		segs := u16(sub, 6) / 2
		ends, starts := 14, 16+2*segs
		deltas, ranges := starts+2*segs, starts+4*segs
		for s := 0; s < segs; s++ {
			end, start := u16(sub, ends+2*s), u16(sub, starts+2*s)
			delta, ro := u16(sub, deltas+2*s), u16(sub, ranges+2*s)
			if end < 0 || start < 0 || delta < 0 || ro < 0 {
				return g
			}
			for c := start; c <= end && c != 0xFFFF; c++ {
				glyph := 0
				if ro == 0 {
					glyph = (c + delta) & 0xFFFF
				} else if v := u16(sub, ranges+2*s+ro+2*(c-start)); v > 0 {
					glyph = (v + delta) & 0xFFFF
				}
				if glyph != 0 {
					g.add(rune(c))
				}
			}
		}
	}
	return g
}
