package reports

import (
	"bytes"
	"encoding/binary"
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

func (d *pdfDoc) CellFormat(w, h float64, txt, borderStr string, ln int, alignStr string, fill bool, link int, linkStr string) {
	d.Fpdf.CellFormat(w, h, pdfText(txt), borderStr, ln, alignStr, fill, link, linkStr)
}

func (d *pdfDoc) MultiCell(w, h float64, txt, borderStr, alignStr string, fill bool) {
	d.Fpdf.MultiCell(w, h, pdfText(txt), borderStr, alignStr, fill)
}

func (d *pdfDoc) Write(h float64, txt string) { d.Fpdf.Write(h, pdfText(txt)) }

func (d *pdfDoc) WriteLinkString(h float64, txt, url string) {
	d.Fpdf.WriteLinkString(h, pdfText(txt), url)
}

func (d *pdfDoc) WriteLinkID(h float64, txt string, id int) { d.Fpdf.WriteLinkID(h, pdfText(txt), id) }

func (d *pdfDoc) GetStringWidth(s string) float64 { return d.Fpdf.GetStringWidth(pdfText(s)) }

func (d *pdfDoc) Bookmark(txt string, level int, y float64) { d.Fpdf.Bookmark(pdfText(txt), level, y) }

// pdfMissingGlyph is drawn for a character the PDF font does not have: a
// white square, which the font has, so the reader sees that something is
// there; the other outputs keep the character and a warning says where.
const pdfMissingGlyph = '□'

// pdfText replaces the characters the PDF font cannot draw.
func pdfText(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return pdfTextSlow(s, i)
		}
	}
	return s
}

func pdfTextSlow(s string, from int) string {
	cov := pdfCoverage()
	ok := true
	for _, r := range s[from:] {
		if !cov.has(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r >= 0x80 && !cov.has(r) {
			if pdfInvisible(r) {
				continue
			}
			r = pdfMissingGlyph
		}
		out = append(out, r)
	}
	return string(out)
}

// PDFCanDraw reports whether the PDF outputs can draw r (in every face:
// regular, bold and italic). Control characters count as drawable: the
// PDF writers lay out line breaks themselves.
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
