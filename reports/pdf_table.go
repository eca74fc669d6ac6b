package reports

import (
	"math"
	"strings"
)

// tablePad is the horizontal and vertical padding inside a cell, mm.
const (
	tablePadX = 1.6
	tablePadY = 1.0
)

// drawTable draws t from the current position across the text width. A
// row is never cut: when the next row does not fit, the table continues on
// a new page under a repeated header row. Numeric columns are
// right-aligned. The work is linear in the number of cells.
func drawTable(f *pdfDoc, t *Table, font float64) {
	left, _, right, bottom := f.GetMargins()
	pageW, pageH := f.GetPageSize()
	width := pageW - left - right
	lh := lineHeight(font) * 0.95
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	cell := func(row []string, i int) string {
		if i < len(row) {
			return row[i]
		}
		return ""
	}
	numeric := func(i int) bool { return i < len(t.Numeric) && t.Numeric[i] }

	widths := tableWidths(f, t, cols, width, font)
	wrapRow := func(row []string, style string) ([][]string, float64) {
		setFont(f, style, font)
		lines := make([][]string, cols)
		n := 1
		for i := range cols {
			lines[i] = wrapText(f, cell(row, i), widths[i]-2*tablePadX)
			n = max(n, len(lines[i]))
		}
		return lines, float64(n)*lh + 2*tablePadY
	}
	header, headerH := wrapRow(t.Header, "B")
	hasHeader := len(t.Header) > 0

	// A first column of words (a year, a family, a kind of remark) names
	// its row: a screen reader announces it with every cell of the row.
	rowHeaders := cols > 1 && !numeric(0) && hasHeader
	// drawRow draws a row as a TR of cells of type cellType, or, when
	// cellType is "", as an artifact (a header row repeated on a new page).
	drawRow := func(lines [][]string, h float64, style string, fill *rgb, text rgb, cellType string) {
		tag := f.tag
		y := f.GetY()
		if cellType != "" {
			tag.Open("TR")
		}
		if fill != nil {
			tag.Artifact(func() {
				setFill(f, *fill)
				f.Rect(left, y, width, h, "F")
			})
		}
		setFont(f, style, font)
		setText(f, text)
		x := left
		for i := range cols {
			align := "L"
			if numeric(i) {
				align = "R"
			}
			cell := func() {
				for k, line := range lines[i] {
					f.SetXY(x+tablePadX, y+tablePadY+float64(k)*lh)
					f.CellFormat(widths[i]-2*tablePadX, lh, line, "", 0, align, false, 0, "")
				}
			}
			switch {
			case cellType == "":
				tag.Artifact(cell)
			case cellType == "TH":
				th := tag.Open("TH")
				th.Scope = "Column"
				tag.Mark()
				cell()
				tag.Close()
			case cellType == "TD" && i == 0 && rowHeaders:
				th := tag.Open("TH")
				th.Scope = "Row"
				tag.Mark()
				cell()
				tag.Close()
			default:
				tag.Leaf(cellType, cell)
			}
			x += widths[i]
		}
		if cellType != "" {
			tag.Close()
		}
		f.SetXY(left, y+h)
	}
	drawHeader := func(repeated bool) {
		if !hasHeader {
			return
		}
		if repeated {
			drawRow(header, headerH, "B", &colAccent, colWhite, "")
			return
		}
		f.tag.Open("THead")
		drawRow(header, headerH, "B", &colAccent, colWhite, "TH")
		f.tag.Close()
	}
	limit := func() float64 { return pageH - bottom }

	type wrapped struct {
		lines [][]string
		h     float64
	}
	rows := make([]wrapped, len(t.Rows))
	total := headerH
	for r, row := range t.Rows {
		rows[r].lines, rows[r].h = wrapRow(row, "")
		total += rows[r].h
	}
	// Keep a short table whole, and never leave a header with fewer than
	// three rows at the foot of a page.
	need := total
	if len(rows) > 12 {
		need = headerH
		for _, r := range rows[:3] {
			need += r.h
		}
	}
	if t.Caption != "" {
		setFont(f, "B", font+1)
		capLines := wrapText(f, t.Caption, width)
		capH := float64(len(capLines)) * lineHeight(font+1)
		keepWithNext(f, capH+1+need)
		f.tag.Open("Table")
		setFont(f, "B", font+1)
		setText(f, colText)
		f.tag.Leaf("Caption", func() {
			for _, line := range capLines {
				f.SetX(left)
				f.CellFormat(width, lineHeight(font+1), line, "", 1, "L", false, 0, "")
			}
		})
		f.Ln(1)
	} else {
		keepWithNext(f, need)
		f.tag.Open("Table")
	}
	// fpdf's own page break would cut a row; the rows below break by hand.
	auto, margin := f.GetAutoPageBreak()
	f.SetAutoPageBreak(false, margin)
	drawHeader(false)
	f.tag.Open("TBody")
	for r, row := range rows {
		if f.GetY()+row.h > limit() {
			f.AddPage()
			drawHeader(true)
		}
		var fill *rgb
		if r%2 == 1 {
			fill = &colZebra
		}
		drawRow(row.lines, row.h, "", fill, colText, "TD")
	}
	f.tag.Close()
	f.tag.Close()
	f.tag.Artifact(func() {
		setDraw(f, colRule)
		f.SetLineWidth(0.3)
		f.Line(left, f.GetY(), left+width, f.GetY())
	})
	f.SetAutoPageBreak(auto, margin)
	f.Ln(1.2)
	if src := withSource(t.Source); src != "" {
		sourceLine(f, src, font-1)
	}
	setText(f, colText)
}

// tableWidths shares the width among the columns: each gets at least its
// longest word (numbers never break), the rest goes to the columns whose
// text is longer than that, in proportion; when everything fits on one
// line the spare width is shared in proportion to the natural widths.
func tableWidths(f *pdfDoc, t *Table, cols int, width, font float64) []float64 {
	natural := make([]float64, cols)
	least := make([]float64, cols)
	measure := func(row []string, style string) {
		setFont(f, style, font)
		for i := 0; i < cols && i < len(row); i++ {
			natural[i] = math.Max(natural[i], f.GetStringWidth(row[i]))
			for _, word := range strings.Split(row[i], " ") {
				least[i] = math.Max(least[i], f.GetStringWidth(word))
			}
		}
	}
	measure(t.Header, "B")
	for _, r := range t.Rows {
		measure(r, "")
	}
	sumNat, sumLeast := 0.0, 0.0
	for i := range cols {
		natural[i] += 2*tablePadX + 0.5
		least[i] += 2*tablePadX + 0.5
		sumNat += natural[i]
		sumLeast += least[i]
	}
	w := make([]float64, cols)
	switch {
	case sumNat <= width:
		for i := range cols {
			w[i] = natural[i] * width / sumNat
		}
	case sumLeast >= width:
		for i := range cols {
			w[i] = least[i] * width / sumLeast
		}
	default:
		spare := width - sumLeast
		for i := range cols {
			w[i] = least[i] + spare*(natural[i]-least[i])/(sumNat-sumLeast)
		}
	}
	return w
}

// sourceLine writes a small italic source line across the text width.
func sourceLine(f *pdfDoc, s string, size float64) {
	left, _, right, _ := f.GetMargins()
	pageW, _ := f.GetPageSize()
	setFont(f, "I", size)
	setText(f, colMuted)
	f.SetX(left)
	f.tag.Leaf("P", func() { f.MultiCell(pageW-left-right, lineHeight(size), s, "", "L", false) })
	setText(f, colText)
}
