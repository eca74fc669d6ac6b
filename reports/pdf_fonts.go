package reports

import (
	"os"
	"strconv"
	"strings"
	"time"

	"bobra/data"
	"bobra/internal/pdftag"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-pdf/fpdf"
)

// pdfFont is the one typeface of the PDF outputs. Liberation Sans (SIL OFL)
// has every Norwegian letter, the non-breaking space the number formatter
// puts between digit groups and the minus sign (U+2212), and a plain zero:
// the Go fonts' slashed zero reads as "Ø" to a Norwegian reader.
const pdfFont = "LiberationSans"

// pdfCreator is written as Creator and Producer: fixed text, so that the
// same results give the same bytes whatever the fpdf version string says.
const pdfCreator = "bobra"

// pdfMeta is the document information of a PDF output.
type pdfMeta struct {
	Title, Subject, Author, Keywords string
	AsOf                             data.Date
}

// rgb is a colour as fpdf takes it.
type rgb struct{ R, G, B int }

var (
	colText   = rgb{34, 34, 34}
	colMuted  = rgb{96, 96, 96}
	colRule   = rgb{191, 191, 191}
	colGrid   = rgb{222, 222, 222}
	colZebra  = rgb{242, 245, 249}
	colWhite  = rgb{255, 255, 255}
	colAccent = hexColor(Palette[0])
)

// hexColor parses "#1f4e79"; anything else gives the text colour, so a
// typo in a chart colour shows as dark grey rather than failing the run.
func hexColor(s string) rgb {
	s = strings.TrimPrefix(s, "#")
	if len(s) != 6 {
		return colText
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return colText
	}
	return rgb{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}

// lighten mixes c with white; t = 0 is c, t = 1 is white.
func lighten(c rgb, t float64) rgb {
	mix := func(v int) int { return v + int(float64(255-v)*t+0.5) }
	return rgb{mix(c.R), mix(c.G), mix(c.B)}
}

// newPDFDoc returns an empty document of the given page size (mm) with the
// fonts embedded and the metadata set. Everything that could make two runs
// differ is fixed here: the dates, the catalog order, the producer string.
func newPDFDoc(size fpdf.SizeType, meta pdfMeta) *pdfDoc {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: size})
	f.AddUTF8FontFromBytes(pdfFont, "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "B", liberationsansbold.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "I", liberationsansitalic.TTF)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	stamp := pdfTimestamp(meta.AsOf)
	f.SetCreationDate(stamp)
	f.SetModificationDate(stamp)
	// fpdf's information dictionary is replaced by the tagger's, which
	// can hold any character; these only keep fpdf's own copy readable.
	f.SetTitle(pdfText(meta.Title), true)
	f.SetSubject(pdfText(meta.Subject), true)
	f.SetAuthor(pdfText(meta.Author), true)
	f.SetKeywords(pdfText(meta.Keywords), true)
	f.SetCreator(pdfCreator, true)
	f.SetProducer(pdfCreator, true)
	f.SetLang(pdfLang)
	f.SetDisplayMode("fullwidth", "continuous")
	f.SetCellMargin(0)
	return &pdfDoc{Fpdf: f, tag: pdftag.New(f), meta: meta}
}

// pdfLang is the language of the PDF outputs, in the catalog and the XMP.
const pdfLang = "nb-NO"

// pdfTimestamp is the PDF's creation and modification date: the evaluation
// date, so a rebuilt report has the same bytes, unless SOURCE_DATE_EPOCH
// asks for another fixed time (the reproducible-builds convention).
func pdfTimestamp(asOf data.Date) time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	if asOf.IsZero() {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return asOf.Time()
}

// setFont sets the font; style is "", "B" or "I".
func setFont(f *pdfDoc, style string, size float64) { f.SetFont(pdfFont, style, size) }

func setText(f *pdfDoc, c rgb) { f.SetTextColor(c.R, c.G, c.B) }
func setFill(f *pdfDoc, c rgb) { f.SetFillColor(c.R, c.G, c.B) }
func setDraw(f *pdfDoc, c rgb) { f.SetDrawColor(c.R, c.G, c.B) }

// lineHeight is a comfortable line distance in mm for a font size in pt.
func lineHeight(pt float64) float64 { return pt * pt2mm * 1.35 }

// wrapText splits s into lines no wider than w in the current font. Unlike
// fpdf's SplitText it breaks only at ordinary spaces and line feeds, never
// at the non-breaking space inside "kr 3 350 000"; a word wider than w is
// cut by characters.
func wrapText(f *pdfDoc, s string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Split(para, " ")
		line := ""
		for _, word := range words {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if f.GetStringWidth(try) <= w || (line == "" && word == "") {
				line = try
				continue
			}
			if line != "" {
				// The space the line breaks at stays at its end: see
				// pdfDoc.CellFormat.
				lines = append(lines, line+" ")
			}
			line = word
			for f.GetStringWidth(line) > w {
				head, tail := cutToWidth(f, line, w)
				lines = append(lines, head)
				line = tail
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// cutToWidth splits s after the most runes that fit in w (at least one).
func cutToWidth(f *pdfDoc, s string, w float64) (string, string) {
	runes := []rune(s)
	n := 1
	for n < len(runes) && f.GetStringWidth(string(runes[:n+1])) <= w {
		n++
	}
	return string(runes[:n]), string(runes[n:])
}

// fitText shortens s with an ellipsis until it fits in w.
func fitText(f *pdfDoc, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	runes := []rune(s)
	for len(runes) > 1 && f.GetStringWidth(string(runes)+"…") > w {
		runes = runes[:len(runes)-1]
	}
	return strings.TrimRight(string(runes), " ") + "…"
}

// withSource returns a source line as shown under a table or chart.
func withSource(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(strings.ToLower(s), "kilde") {
		return s
	}
	return "Kilde: " + s
}
